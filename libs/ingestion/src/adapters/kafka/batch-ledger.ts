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

interface CommitWaiter {
  readonly through: number;
  readonly answer: (isCommitted: boolean) => void;
}

/**
 * The fates of one fetched batch, by position in offset order. Messages settle out of order (each
 * customer has a lane of its own); only the settled prefix can be committed, since Kafka keeps one
 * offset per partition. Asked whether everything through a message is committed, it answers once
 * that is so (true) or can no longer be so in this batch (false).
 */
export class BatchLedger {
  private readonly fates: (MessageFate | undefined)[];
  private readonly waiters = new Set<CommitWaiter>();
  private settledUpTo = 0;
  private committedUpTo = 0;
  /** The first message left to redelivery: no commit of this batch reaches it. */
  private firstUnsettled: number;
  private oldestUncommittedAt: number | undefined;

  constructor(private readonly messages: readonly InboundMessage[]) {
    this.fates = new Array<MessageFate | undefined>(messages.length).fill(undefined);
    this.firstUnsettled = messages.length;
  }

  record(index: number, fate: MessageFate): void {
    this.fates[index] = fate;
    this.oldestUncommittedAt ??= Date.now();
    while (this.settledUpTo < this.fates.length && this.fates[this.settledUpTo] !== undefined) this.settledUpTo++;
  }

  /** The message at `index` will not be handled in this batch: nothing from it on can be committed. */
  leaveUnsettled(index: number): void {
    this.firstUnsettled = Math.min(this.firstUnsettled, index);
    for (const waiter of this.waiters) if (waiter.through >= this.firstUnsettled) this.answer(waiter, false);
  }

  /** True once every message up to and including `index` is committed; false once that cannot happen. */
  committedThrough(index: number): Promise<boolean> {
    if (this.committedUpTo > index) return Promise.resolve(true);
    if (index >= this.firstUnsettled) return Promise.resolve(false);
    return new Promise((answer) => this.waiters.add({ through: index, answer }));
  }

  /** Answers every open question with false: the batch starts nothing more, so nobody needs to wait. */
  dismissWaiters(): void {
    for (const waiter of this.waiters) this.answer(waiter, false);
  }

  /** True when a commit now would answer somebody who waits. */
  hasWaiterReady(): boolean {
    return [...this.waiters].some((waiter) => waiter.through < this.settledUpTo);
  }

  isDue(maxMessages: number, maxAgeMs: number): boolean {
    const waiting = this.settledUpTo - this.committedUpTo;
    return (
      waiting >= maxMessages || (waiting > 0 && this.oldestUncommittedAt !== undefined && Date.now() - this.oldestUncommittedAt >= maxAgeMs)
    );
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
    for (const waiter of this.waiters) if (waiter.through < this.committedUpTo) this.answer(waiter, true);
  }

  private answer(waiter: CommitWaiter, isCommitted: boolean): void {
    this.waiters.delete(waiter);
    waiter.answer(isCommitted);
  }

  private messageAt(index: number): InboundMessage {
    const message = this.messages[index];
    if (message === undefined) throw new Error(`no message at batch index ${index}`);
    return message;
  }
}
