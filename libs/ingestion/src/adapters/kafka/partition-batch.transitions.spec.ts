import type { EachBatchPayload } from 'kafkajs';
import type { InboundMessage, MessageFate } from '../../ingestion.port';
import { processPartitionBatch, type BatchContext } from './partition-batch';

interface Options {
  readonly messagesInFlight?: number;
  /** The consumer is asked to stop right after this event. */
  readonly stopAfter?: string;
  /** Turns of the event loop each commit takes. */
  readonly commitTurns?: number;
  readonly commitError?: unknown;
  readonly heartbeatError?: unknown;
}

const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** A partition of messages `customer:script` (script ok, slow or reject), with events in the order they happened. */
function batchOf(scripts: readonly string[], options: Options = {}) {
  const events: string[] = [];
  const held: number[] = [];
  let isRunning = true;
  const happened = (event: string) => {
    events.push(event);
    if (event === options.stopAfter) isRunning = false;
  };
  const messages = scripts.map((text, offset) => ({
    offset: String(offset),
    key: Buffer.from(text.split(':')[0] ?? ''),
    value: Buffer.from(text),
    headers: {},
  }));
  const payload = {
    batch: { topic: 't', partition: 0, messages },
    isRunning: () => isRunning,
    isStale: () => false,
    resolveOffset: () => undefined,
    heartbeat: () => (options.heartbeatError === undefined ? Promise.resolve() : Promise.reject(options.heartbeatError)),
    pause: () => () => undefined,
  } as unknown as EachBatchPayload;
  const context: BatchContext = {
    handler: {
      handle: async (message: InboundMessage): Promise<MessageFate> => {
        const [customer, script] = (message.value?.toString() ?? '').split(':');
        happened(`start ${message.offset} ${customer}`);
        await turns(script === 'slow' ? 20 : 1 + (Number(message.offset) % 4));
        happened(`end ${message.offset} ${customer}`);
        return script === 'reject'
          ? { kind: 'dead-letter', verdict: { reason: 'rejected', rule: 'customer-not-active', detail: 'no' }, value: null }
          : { kind: 'appended' };
      },
    },
    committer: {
      commit: async (_deadLetters, nextOffset) => {
        happened(`commit ${nextOffset}`);
        await turns(options.commitTurns ?? 1);
        if (options.commitError !== undefined) throw options.commitError;
        happened(`committed ${nextOffset}`);
      },
    },
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    commitEveryMessages: 500,
    commitIntervalMs: 60_000,
    messagesInFlight: options.messagesInFlight ?? 8,
    holdPartition: () => held.push(0),
    partitionRecovered: () => undefined,
  };
  return { run: () => processPartitionBatch(payload, context), events, held };
}

describe('a partition batch moving between phases', () => {
  it('running → halted(commit-lost): after a fenced commit nothing more is committed or started, and the partition is not held', async () => {
    const fenced = Object.assign(new Error('fenced'), { type: 'PRODUCER_FENCED' });
    const { run, events, held } = batchOf(['a:reject', 'a:ok', 'b:ok'], { commitError: fenced });
    await run();

    // The one commit asked for a's rejection; retrying it, even at the end, would fence the new owner back.
    expect(events.filter((event) => event.startsWith('commit'))).toHaveLength(1);
    expect(events).not.toContain('start 1 a');
    expect(held).toEqual([]);
  });

  it('running → halted(rebalancing): a failed heartbeat starts nothing more, commits what settled and rethrows for kafkajs to rejoin', async () => {
    const { run, events } = batchOf(['a:ok', 'b:ok', 'c:ok'], {
      messagesInFlight: 1,
      heartbeatError: new Error('the group is rebalancing'),
    });
    await expect(run()).rejects.toThrow('the group is rebalancing');

    expect(events).not.toContain('start 2 c');
    expect(events.at(-1)).toBe('committed 2');
  });

  it("running → draining: a customer waiting for its rejection's commit still finishes when it is within the furthest started", async () => {
    // 0 a's rejection settles, 3 c takes its slot, and 2 a waits for the commit of 0; the stop comes
    // while that commit runs. Then 4 d, never started, is left behind: 2 a, before the boundary, is not.
    const { run, events } = batchOf(['a:reject', 'b:slow', 'a:ok', 'c:ok', 'd:ok'], {
      messagesInFlight: 2,
      stopAfter: 'commit 1',
      commitTurns: 10,
    });
    await run();

    expect(events.indexOf('start 2 a')).toBeGreaterThan(events.indexOf('committed 1'));
    expect(events).not.toContain('start 4 d');
    expect(events.at(-1)).toBe('committed 4');
  });
});
