import { deadLetterRecord, type DeadLetterRecord } from '../../dead-letter';
import type { InboundMessage, MessageFate } from '../../ingestion.port';

/** What a partition has handled since its last commit: dead letters to write and the offset to commit. */
export class PendingCommit {
  private deadLetters: DeadLetterRecord[] = [];
  private rejectedKeys = new Set<string>();
  private lastOffset: string | undefined;
  private handled = 0;
  private since = 0;

  record(message: InboundMessage, fate: MessageFate): void {
    if (this.handled === 0) this.since = Date.now();
    if (fate.kind === 'dead-letter') this.deadLetters.push(deadLetterRecord(message, fate.verdict));
    if (fate.kind === 'dead-letter' && fate.verdict.reason === 'rejected' && message.key) this.rejectedKeys.add(message.key.toString('hex'));
    this.lastOffset = message.offset;
    this.handled++;
  }

  /**
   * A rejection leaves no trace in the store. Were it redelivered after a later message of the same
   * key had appended, it would be decided against a newer state and could pass. So a rejection is
   * committed before its key's next message is handled: a redelivery then always meets the state it met.
   */
  mustCommitBefore(message: InboundMessage): boolean {
    return message.key !== null && this.rejectedKeys.has(message.key.toString('hex'));
  }

  isEmpty(): boolean {
    return this.lastOffset === undefined;
  }

  isDue(maxMessages: number, maxAgeMs: number): boolean {
    return this.handled >= maxMessages || (this.handled > 0 && Date.now() - this.since >= maxAgeMs);
  }

  /** Kafka commits the offset of the next message to read. */
  snapshot(): { deadLetters: readonly DeadLetterRecord[]; lastOffset: string; nextOffset: string } | undefined {
    if (this.lastOffset === undefined) return undefined;
    return { deadLetters: this.deadLetters, lastOffset: this.lastOffset, nextOffset: (BigInt(this.lastOffset) + 1n).toString() };
  }

  clear(): void {
    this.deadLetters = [];
    this.rejectedKeys = new Set();
    this.lastOffset = undefined;
    this.handled = 0;
  }

  get size(): number {
    return this.handled;
  }
}
