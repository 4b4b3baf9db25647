import type { EachBatchPayload } from 'kafkajs';
import { readDeadLetterHeaders, type DeadLetterRecord } from '../../dead-letter';
import type { MessageHeaders } from '../../cloud-event.decode';
import type { InboundMessage, MessageFate } from '../../ingestion.port';
import { processPartitionBatch, type BatchContext } from './partition-batch';

type Script = 'ok' | 'slow' | 'reject' | 'invalid' | 'throw';

interface Commit {
  readonly offsets: readonly string[];
  readonly nextOffset: string;
}

/** A partition of messages `customer:script`, handled by a handler that takes a few turns per message. */
function harness(
  scripts: readonly string[],
  options: { messagesInFlight?: number; commitEveryMessages?: number; staleAfter?: string; stopAfter?: string } = {},
) {
  const events: string[] = [];
  const commits: Commit[] = [];
  const resolved: string[] = [];
  const held: number[] = [];
  let running = 0;
  let isStale = false;
  let isRunning = true;
  const happened = (event: string) => {
    events.push(event);
    if (event === options.staleAfter) isStale = true;
    if (event === options.stopAfter) isRunning = false;
  };
  let peakRunning = 0;
  const messages = scripts.map((text, offset) => ({
    offset: String(offset),
    key: text.startsWith('-') ? null : Buffer.from(text.split(':')[0] ?? ''),
    value: Buffer.from(text),
    headers: {},
  }));
  const payload = {
    batch: { topic: 't', partition: 0, messages },
    isRunning: () => isRunning,
    isStale: () => isStale,
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: () => Promise.resolve(),
  } as unknown as EachBatchPayload;
  const fateOf = (script: Script): MessageFate => {
    if (script === 'reject') return { kind: 'dead-letter', verdict: { reason: 'rejected', rule: 'rule', detail: 'no' }, value: null };
    if (script === 'invalid') return { kind: 'dead-letter', verdict: { reason: 'invalid', errors: [] }, value: null };
    return { kind: 'appended' };
  };
  const context: BatchContext = {
    handler: {
      handle: async (message: InboundMessage) => {
        const [customer, script] = (message.value?.toString() ?? '').split(':') as [string, Script];
        happened(`start ${message.offset} ${customer}`);
        running++;
        peakRunning = Math.max(peakRunning, running);
        const turns = script === 'slow' ? 20 : 1 + (Number(message.offset) % 4);
        for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
        running--;
        happened(`end ${message.offset} ${customer}`);
        if (script === 'throw') throw new Error('store unavailable');
        return fateOf(script);
      },
    },
    committer: {
      commit: (deadLetters: readonly DeadLetterRecord[], nextOffset: string) => {
        const offsets = deadLetters.map((record) => readDeadLetterHeaders(record.headers as MessageHeaders).offset ?? '?');
        commits.push({ offsets, nextOffset });
        events.push(`commit ${nextOffset}`);
        return new Promise((resolve) => setImmediate(resolve));
      },
    },
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    commitEveryMessages: options.commitEveryMessages ?? 500,
    commitIntervalMs: 60_000,
    messagesInFlight: options.messagesInFlight ?? 8,
    holdPartition: () => held.push(0),
    partitionRecovered: () => undefined,
  };
  return { run: () => processPartitionBatch(payload, context), events, commits, resolved, held, peak: () => peakRunning };
}

function indexOf(events: readonly string[], event: string): number {
  const at = events.indexOf(event);
  if (at < 0) throw new Error(`"${event}" never happened: ${events.join(', ')}`);
  return at;
}

describe('a partition batch: a lane per customer', () => {
  it('runs different customers side by side and each customer one message at a time, in offset order', async () => {
    const scripts = Array.from({ length: 40 }, (_, i) => `c${i % 5}:ok`);
    const { run, events, commits, resolved, peak } = harness(scripts, { messagesInFlight: 16 });
    await run();

    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(5);
    for (let customer = 0; customer < 5; customer++) {
      const own = events.filter((event) => event.endsWith(` c${customer}`) && !event.startsWith('commit'));
      const expected = scripts.flatMap((script, offset) =>
        script.startsWith(`c${customer}:`) ? [`start ${offset} c${customer}`, `end ${offset} c${customer}`] : [],
      );
      expect(own).toEqual(expected);
    }
    expect(commits.at(-1)?.nextOffset).toBe('40');
    expect(resolved.at(-1)).toBe('39');
  });

  it('never has more messages in hand than allowed', async () => {
    const { run, peak } = harness(
      Array.from({ length: 50 }, (_, i) => `c${i}:ok`),
      { messagesInFlight: 3 },
    );
    await run();
    expect(peak()).toBe(3);
  });

  it("holds a customer's next message until its rejection is committed, and lets the others go on", async () => {
    const { run, events, commits } = harness(['a:reject', 'b:ok', 'a:ok', 'b:ok', 'c:invalid', 'c:ok']);
    await run();

    const committedRejection = commits.findIndex((commit) => commit.offsets.includes('0'));
    expect(committedRejection).toBeGreaterThanOrEqual(0);
    expect(indexOf(events, `commit ${commits[committedRejection]?.nextOffset}`)).toBeLessThan(indexOf(events, 'start 2 a'));
    // An invalid message depends on no state: its customer's next message does not wait for a commit.
    expect(indexOf(events, 'start 5 c')).toBeLessThan(indexOf(events, 'start 2 a'));
    expect(commits.flatMap((commit) => commit.offsets)).toEqual(['0', '4']);
    expect(commits.at(-1)?.nextOffset).toBe('6');
  });

  it('after a failure commits only the settled prefix before it, starts nothing new and holds the partition', async () => {
    const scripts = ['a:ok', 'b:invalid', 'c:throw', 'd:invalid', 'c:ok', 'e:ok', 'f:ok'];
    const { run, events, commits, resolved, held } = harness(scripts, { messagesInFlight: 2 });
    await run();

    expect(held).toHaveLength(1);
    expect(commits.every((commit) => BigInt(commit.nextOffset) <= 2n)).toBe(true);
    expect(commits.flatMap((commit) => commit.offsets)).toEqual(['1']);
    expect(resolved.at(-1)).toBe('1');
    expect(events).not.toContain('start 4 c');
  });

  it('commits along the way once enough messages are settled', async () => {
    const { run, commits } = harness(
      Array.from({ length: 30 }, (_, i) => `c${i % 7}:ok`),
      { commitEveryMessages: 10 },
    );
    await run();
    expect(commits.length).toBeGreaterThanOrEqual(3);
    const nextOffsets = commits.map((commit) => Number(commit.nextOffset));
    expect(nextOffsets).toEqual([...nextOffsets].sort((a, b) => a - b));
    expect(nextOffsets.at(-1)).toBe(30);
  });

  it('keyless messages need no lane and are settled like the rest', async () => {
    const { run, commits } = harness(['-:invalid', 'a:ok', '-:invalid']);
    await run();
    expect(commits.flatMap((commit) => commit.offsets)).toEqual(['0', '2']);
  });

  it('a batch gone stale while a customer waits for its rejection to be committed still returns', async () => {
    // b's second message waits for a commit through offset 2, which needs offset 1: never handled, as the batch goes stale meanwhile.
    const { run, events, commits } = harness(['a:slow', 'a:ok', 'b:reject', 'b:ok'], { staleAfter: 'end 0 a' });
    await run();
    expect(events).not.toContain('start 1 a');
    expect(events).not.toContain('start 3 b');
    expect(commits.every((commit) => BigInt(commit.nextOffset) <= 1n)).toBe(true);
  });

  it('stopping, it finishes every message up to the furthest started, starts none beyond, and commits them all', async () => {
    // At the stop, 0 (slow), 2 and 3 are in hand and 1 waits behind 0 in its lane: 1 still runs, 4 does not.
    const { run, events, commits } = harness(['a:slow', 'a:ok', 'b:ok', 'c:ok', 'd:ok'], { messagesInFlight: 3, stopAfter: 'end 2 b' });
    await run();
    expect(events.indexOf('start 1 a')).toBeGreaterThan(events.indexOf('end 2 b'));
    expect(events).not.toContain('start 4 d');
    expect(commits.at(-1)?.nextOffset).toBe('4');
  });
});
