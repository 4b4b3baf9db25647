import type { InboundMessage, MessageFate } from '../../ingestion.port';
import { BatchLedger } from './batch-ledger';

const appended: MessageFate = { kind: 'appended' };

function ledgerOf(count: number): BatchLedger {
  const messages: InboundMessage[] = Array.from({ length: count }, (_, index) => ({
    topic: 't',
    partition: 0,
    offset: String(100 + index),
    key: null,
    value: null,
    headers: {},
  }));
  return new BatchLedger(messages);
}

/** The answer of `promise` if it has one after pending callbacks ran, else 'pending'. */
async function answerOf(promise: Promise<boolean>): Promise<boolean | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('a batch ledger asked whether everything through a message is committed', () => {
  it('answers true once a commit covers it, and not before', async () => {
    const ledger = ledgerOf(3);
    const answer = ledger.committedThrough(1);
    ledger.record(1, appended);
    expect(ledger.uncommitted()).toBeUndefined(); // 0 is not settled: nothing can be committed yet
    ledger.record(0, appended);
    expect(await answerOf(answer)).toBe('pending');
    expect(ledger.hasWaiterReady()).toBe(true);

    const work = ledger.uncommitted();
    expect(work).toEqual({ deadLetters: [], lastOffset: '101', nextOffset: '102', through: 2 });
    if (work) ledger.markCommitted(work);
    expect(await answerOf(answer)).toBe(true);
    expect(await ledger.committedThrough(0)).toBe(true);
  });

  it('answers false when a message at or before it is left to redelivery, and keeps waiting when only a later one is', async () => {
    const ledger = ledgerOf(5);
    const throughOne = ledger.committedThrough(1);
    const throughThree = ledger.committedThrough(3);
    ledger.leaveUnsettled(2);
    expect(await answerOf(throughThree)).toBe(false);
    expect(await answerOf(throughOne)).toBe('pending');
    expect(await ledger.committedThrough(4)).toBe(false);
  });

  it('answers every open question with false when its waiters are dismissed', async () => {
    const ledger = ledgerOf(2);
    const answer = ledger.committedThrough(0);
    ledger.dismissWaiters();
    expect(await answerOf(answer)).toBe(false);
    expect(ledger.hasWaiterReady()).toBe(false);
  });
});
