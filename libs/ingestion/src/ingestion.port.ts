import type { MessageHeaders } from './cloud-event.decode';
import type { FieldError } from './cloud-event';

/** One upstream message as it arrived, with where it came from. */
export interface InboundMessage {
  readonly topic: string;
  readonly partition: number;
  /** Broker offset as a decimal string (64-bit). */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: MessageHeaders;
}

export type DeadLetterReason = 'invalid' | 'rejected' | 'unreadable';

export type DeadLetterVerdict =
  | { readonly reason: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly reason: 'rejected'; readonly rule: string; readonly detail: string }
  | { readonly reason: 'unreadable'; readonly detail: string };

/** Where a message ended (design.md §6): exactly one of these per message. */
export type MessageFate =
  | { readonly kind: 'appended' }
  | { readonly kind: 'duplicate' }
  | {
      readonly kind: 'dead-letter';
      readonly verdict: DeadLetterVerdict;
      /** The value the dead letter carries in place of the original bytes: the handler seals or strips personal data. */
      readonly value: Buffer | null;
    };

/**
 * Decides a message's fate. Returns the fate for anything expected (including bad input and
 * broken rules); throws only when the message could not be handled now (store down, conflict
 * after retries, a bug): the source then redelivers it and holds its partition meanwhile.
 */
export interface MessageHandler {
  handle(message: InboundMessage): Promise<MessageFate>;
}

/** A stream of upstream messages (the Kafka adapter): started with a handler, stopped gracefully. */
export interface IngestionSource {
  /** Connects, creates missing topics, joins the consumer group and starts handing messages over. */
  start(handler: MessageHandler): Promise<void>;
  /** Lets in-flight messages finish, commits their offsets, leaves the group and disconnects. */
  stop(): Promise<void>;
  /** The partitions of the input topic this instance's consumer holds now (for /health); none before it joins or after it leaves. */
  heldPartitions(): readonly number[];
}

/** Structured log sink; fields carry ids and counts, never personal data. */
export interface IngestionLogger {
  log(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}
