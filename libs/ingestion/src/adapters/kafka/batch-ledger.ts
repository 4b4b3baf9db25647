import { deadLetterRecord, type DeadLetterRecord } from '../../dead-letter';
import type { InboundMessage, MessageFate } from '../../ingestion.port';

/** The dead letters and offset one commit writes: every message below `through` is settled. */
export interface CommitWork {
  readonly deadLetters: readonly DeadLetterRecord[];
  readonly lastOffset: string;
  /** Kafka commits the offset of the next message to read. */
  readonly nextOffset: string;
  /** Index (in the batch) of the first message this commit does not cover. */
  readonly through: number;
}

/**
 * The fates of one fetched batch, by position in offset order. Messages settle out of order (each
 * customer has a lane of its own); only the settled prefix can be committed, since Kafka keeps one
 * offset per partition.
 */
export class BatchLedger {
  private readonly fates: (MessageFate | undefined)[];
  private settledUpTo = 0;
  private committedUpTo = 0;
  private oldestUncommittedAt: number | undefined;

  constructor(private readonly messages: readonly InboundMessage[]) {
    this.fates = new Array<MessageFate | undefined>(messages.length).fill(undefined);
  }

  record(index: number, fate: MessageFate): void {
    this.fates[index] = fate;
    this.oldestUncommittedAt ??= Date.now();
    while (this.settledUpTo < this.fates.length && this.fates[this.settledUpTo] !== undefined) this.settledUpTo++;
  }

  /** True when every message up to and including `index` is committed. */
  isCommittedThrough(index: number): boolean {
    return this.committedUpTo > index;
  }

  /** True when a commit now would cover `index`. */
  isSettledThrough(index: number): boolean {
    return this.settledUpTo > index;
  }

  isDue(maxMessages: number, maxAgeMs: number): boolean {
    const waiting = this.settledUpTo - this.committedUpTo;
    return waiting >= maxMessages || (waiting > 0 && this.oldestUncommittedAt !== undefined && Date.now() - this.oldestUncommittedAt >= maxAgeMs);
  }

  /** What a commit now would write; undefined when the settled prefix is already committed. */
  uncommitted(): CommitWork | undefined {
    const through = this.settledUpTo;
    if (through === this.committedUpTo) return undefined;
    const deadLetters: DeadLetterRecord[] = [];
    for (let index = this.committedUpTo; index < through; index++) {
      const fate = this.fates[index];
      if (fate?.kind === 'dead-letter') deadLetters.push(deadLetterRecord(this.messageAt(index), fate));
    }
    const lastOffset = this.messageAt(through - 1).offset;
    return { deadLetters, lastOffset, nextOffset: (BigInt(lastOffset) + 1n).toString(), through };
  }

  markCommitted(work: CommitWork): void {
    this.committedUpTo = Math.max(this.committedUpTo, work.through);
    this.oldestUncommittedAt = this.settledUpTo > this.committedUpTo ? Date.now() : undefined;
  }

  get uncommittedCount(): number {
    return this.settledUpTo - this.committedUpTo;
  }

  private messageAt(index: number): InboundMessage {
    const message = this.messages[index];
    if (message === undefined) throw new Error(`no message at batch index ${index}`);
    return message;
  }
}
