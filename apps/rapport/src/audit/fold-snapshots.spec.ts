import { foldAsOf, type TimeBasis } from '@rapport/audit';
import { createCustomerDecider, EVENT_SCHEMA_VERSIONS, type CustomerEvent, type CustomerState } from '@rapport/customer-domain';
import { InMemoryEventStore, SqliteEventStore, type EventStore } from '@rapport/event-store';
import {
  SEALED_PERSONAL_DATA,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  customerActivated,
  personalDataErased,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import fc from 'fast-check';
import { CachedFold, digestByReading, readThenDigest, type StoredStream } from './fold-snapshots';

const decider = createCustomerDecider();
const START = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(START + hours * HOUR).toISOString();

/** Times in hours from START: the events' business and store times, each possibly out of order. */
interface Timing {
  readonly occurred: number;
  readonly recorded: number;
}

function eventAt(revision: number, { occurred }: Timing, kind: number): CustomerEvent {
  const occurredAt = iso(occurred);
  if (revision === 0) return customerAcquired({ occurredAt, personal: SEALED_PERSONAL_DATA });
  if (revision === 1) return customerActivated({ occurredAt });
  if (kind === 0) return satisfactionRecorded({ surveyId: `srv-${revision}`, csat: 1 + (revision % 5), occurredAt });
  if (kind === 1) return complaintFiled({ complaintId: `cmp-${revision % 3}`, occurredAt });
  if (kind === 2) return complaintResolved({ complaintId: `cmp-${revision % 3}`, occurredAt });
  if (kind === 3) return personalDataErased({ occurredAt });
  return transactionRecorded({ transactionId: `txn-${revision}`, pointsEarned: revision % 13, occurredAt });
}

async function append(store: EventStore, streamId: string, timings: readonly (readonly [Timing, number])[]): Promise<void> {
  const next = (await store.readStream(streamId)).length;
  const events = timings.map(([timing, kind], index) => {
    const revision = next + index;
    const { type, data } = eventAt(revision, timing, kind);
    const metadata = {
      correlationId: 'c',
      causationId: 'c',
      actor: 'spec',
      channel: 'spec',
      schemaVersion: EVENT_SCHEMA_VERSIONS[type],
      occurredAt: iso(timing.occurred),
      recordedAt: iso(timing.recorded),
      previousHash: revision === 0 ? null : `${streamId}#${revision - 1}`,
      hash: `${streamId}#${revision}`,
    };
    return { id: `${streamId}-${revision}`, type, data, metadata };
  });
  await store.appendToStream(streamId, events, 'any');
}

/** What the fold gives with no snapshot at all, in the form an auditor receives it. */
async function uncached(store: EventStore, streamId: string, asOf: Date, basis: TimeBasis) {
  const events = await store.readStream(streamId);
  return events.length === 0 ? undefined : asJson(foldAsOf<CustomerState, CustomerEvent>(events, asOf, basis, decider));
}

/** Reads that started after a stream's first event, i.e. from a snapshot. */
let readsFromSnapshot = 0;

async function cachedFold(
  fold: CachedFold<CustomerState, CustomerEvent>,
  store: EventStore,
  streamId: string,
  asOf: Date,
  basis: TimeBasis,
) {
  const read = (options?: { fromRevision?: number }) => {
    if ((options?.fromRevision ?? 0) > 0) readsFromSnapshot++;
    return store.readStream(streamId, options);
  };
  return asJson(await fold.stateAsOf(streamId, storedStream(store, streamId, read), asOf, basis));
}

/** As the audit service reads a stream: by the store's own digesting reads where it has them. */
function storedStream(store: EventStore, streamId: string, read: StoredStream['read']): StoredStream {
  const { readStreamDigested, digestStream } = store;
  if (readStreamDigested === undefined || digestStream === undefined) {
    const digest = digestByReading(read);
    return { read, readDigested: readThenDigest(read, digest), digest };
  }
  return {
    read,
    readDigested: (isDigested) => readStreamDigested.call(store, streamId, isDigested),
    digest: (revisions) => digestStream.call(store, streamId, revisions),
  };
}

function asJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

describe('folding from snapshots', () => {
  it('uses no snapshot that holds an event after the instant, on either basis', async () => {
    const store = new InMemoryEventStore();
    const fold = new CachedFold(decider, { interval: 1, maxEvents: 100 });
    // Revision 2 happened before revision 1 but was recorded last.
    await append(store, 'customer-1', [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 240, recorded: 240 }, 4],
      [{ occurred: 48, recorded: 480 }, 4],
      [{ occurred: 300, recorded: 500 }, 4],
    ]);
    await cachedFold(fold, store, 'customer-1', new Date(iso(1_000)), 'occurred');
    for (const [hours, basis] of [
      [100, 'occurred'],
      [250, 'occurred'],
      [250, 'recorded'],
      [490, 'recorded'],
    ] as const) {
      const asOf = new Date(iso(hours));
      expect(await cachedFold(fold, store, 'customer-1', asOf, basis)).toEqual(await uncached(store, 'customer-1', asOf, basis));
    }
    expect(await cachedFold(fold, store, 'customer-1', new Date(iso(100)), 'occurred')).toMatchObject({ eventsApplied: 2 });
  });

  it('reads the events appended after its newest snapshot', async () => {
    const store = new InMemoryEventStore();
    const fold = new CachedFold(decider, { interval: 1_000, maxEvents: 100 });
    await append(store, 'customer-1', [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 1, recorded: 1 }, 4],
    ]);
    const now = new Date(iso(1_000));
    await cachedFold(fold, store, 'customer-1', now, 'recorded');
    await append(store, 'customer-1', [
      [{ occurred: 2, recorded: 2 }, 4],
      [{ occurred: 3, recorded: 3 }, 3],
    ]);
    expect(await cachedFold(fold, store, 'customer-1', now, 'recorded')).toEqual(await uncached(store, 'customer-1', now, 'recorded'));
    expect(await cachedFold(fold, store, 'customer-1', now, 'recorded')).toMatchObject({
      eventsApplied: 4,
      state: { transactionCount: 1 },
    });
  });

  it('confirms a snapshot without digesting while the outside-write mark stands, and digests again once it moves', async () => {
    const store = new InMemoryEventStore();
    const fold = new CachedFold(decider, { interval: 1_000, maxEvents: 100 });
    await append(store, 'customer-1', [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 1, recorded: 1 }, 4],
    ]);
    const read = (options?: { fromRevision?: number }) => store.readStream('customer-1', options);
    const digested: number[][] = [];
    const digest = async (revisions: readonly number[]) => {
      digested.push([...revisions]);
      return digestByReading(read)(revisions);
    };
    let mark = 7;
    const stored = { read, readDigested: readThenDigest(read, digest), digest, outsideWriteMark: () => mark };
    const now = new Date(iso(1_000));
    await fold.stateAsOf('customer-1', stored, now, 'occurred');
    expect(digested).toEqual([[1]]); // the snapshot kept after the first fold
    await fold.stateAsOf('customer-1', stored, now, 'occurred');
    await fold.stateAsOf('customer-1', stored, now, 'occurred');
    expect(digested).toEqual([[1]]);

    mark = 8;
    const answer = await fold.stateAsOf('customer-1', stored, now, 'occurred');
    expect(digested).toEqual([[1], [1]]);
    expect(asJson(answer)).toEqual(await uncached(store, 'customer-1', now, 'occurred'));
    await fold.stateAsOf('customer-1', stored, now, 'occurred');
    expect(digested).toEqual([[1], [1]]);
  });

  it('drops a snapshot whose prefix changed once the outside-write mark moves', async () => {
    const [before, after] = [new InMemoryEventStore(), new InMemoryEventStore()];
    const fold = new CachedFold(decider, { interval: 1_000, maxEvents: 100 });
    const timings = [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 1, recorded: 1 }, 4],
    ] as const;
    await append(before, 'customer-1', timings);
    await append(after, 'customer-1', [timings[0], [{ occurred: 1, recorded: 1 }, 0]]);
    let current: EventStore = before;
    let mark = 1;
    const read = (options?: { fromRevision?: number }) => current.readStream('customer-1', options);
    const digest = digestByReading(read);
    const stored = { read, readDigested: readThenDigest(read, digest), digest, outsideWriteMark: () => mark };
    const now = new Date(iso(1_000));
    await fold.stateAsOf('customer-1', stored, now, 'occurred');
    current = after;
    mark = 2;
    expect(asJson(await fold.stateAsOf('customer-1', stored, now, 'occurred'))).toEqual(
      await uncached(after, 'customer-1', now, 'occurred'),
    );
  });

  it('drops a snapshot the store does not bear out (another file under the same stream id)', async () => {
    const [before, after] = [new InMemoryEventStore(), new InMemoryEventStore()];
    const fold = new CachedFold(decider, { interval: 1, maxEvents: 100 });
    await append(before, 'customer-1', [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 1, recorded: 1 }, 4],
      [{ occurred: 2, recorded: 2 }, 4],
    ]);
    await append(after, 'other', [[{ occurred: 0, recorded: 0 }, 4]]);
    await after.appendToStream(
      'customer-1',
      (await after.readStream('other')).map((event) => ({ ...event, id: 'x' })),
      'no-stream',
    );
    const now = new Date(iso(1_000));
    await cachedFold(fold, before, 'customer-1', now, 'occurred');
    expect(await cachedFold(fold, after, 'customer-1', now, 'occurred')).toEqual(await uncached(after, 'customer-1', now, 'occurred'));
    expect(await cachedFold(fold, new InMemoryEventStore(), 'customer-1', now, 'occurred')).toBeUndefined();
  });

  it.each([
    ['in memory, read then digested', () => new InMemoryEventStore()],
    ['SQLite, read and digested at once', () => SqliteEventStore.open(':memory:')],
  ])('gives what a fold without snapshots gives, over appends and queries on both bases (property; %s)', async (_name, openStore) => {
    readsFromSnapshot = 0;
    const timing = fc
      .tuple(fc.nat({ max: 9 }), fc.nat({ max: 200 }), fc.nat({ max: 9 }), fc.nat({ max: 50 }), fc.nat({ max: 9 }))
      .map(([lateChance, lateBy, oddChance, oddBy, kind]) => ({ lateChance, lateBy, oddChance, oddBy, kind }));
    const step = fc.oneof(
      fc.record({ append: fc.array(timing, { minLength: 1, maxLength: 12 }), stream: fc.nat({ max: 1 }) }),
      fc.record({
        asOf: fc.integer({ min: -20, max: 200 }),
        basis: fc.constantFrom<TimeBasis>('occurred', 'recorded'),
        stream: fc.nat({ max: 1 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const store: EventStore = openStore();
        const fold = new CachedFold(decider, { interval: 4, maxEvents: 30 });
        const clock = [0, 0];
        try {
          for (const current of steps) {
            const streamId = `customer-${current.stream}`;
            if ('append' in current) {
              const timings = current.append.map(({ lateChance, lateBy, oddChance, oddBy, kind }) => {
                const now = ++clock[current.stream];
                // Some events are back-dated (business time), some store times go backwards, a few times are written oddly.
                return [
                  { occurred: lateChance < 3 ? now - lateBy : now, recorded: oddChance < 2 ? now - oddBy : now },
                  kind % 6 === 5 ? 4 : kind % 6,
                ] as const;
              });
              await append(store, streamId, timings);
            } else {
              // A random instant, then the instants around the newest events, after and between them.
              const newest = clock[current.stream];
              for (const instant of [current.asOf, newest + 1, newest, newest - 1].map((hours) => new Date(iso(hours)))) {
                expect(await cachedFold(fold, store, streamId, instant, current.basis)).toEqual(
                  await uncached(store, streamId, instant, current.basis),
                );
              }
            }
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
    expect(readsFromSnapshot).toBeGreaterThan(100);
  });

  it('never hides stored bytes altered before a snapshot, though the event at the snapshot is as it was', async () => {
    const store = new InMemoryEventStore();
    const fold = new CachedFold(decider, { interval: 2, maxEvents: 100 });
    await append(store, 'customer-1', [
      [{ occurred: 0, recorded: 0 }, 4],
      [{ occurred: 1, recorded: 1 }, 4],
      [{ occurred: 2, recorded: 2 }, 4],
      [{ occurred: 3, recorded: 3 }, 4],
    ]);
    const now = new Date(iso(1_000));
    expect(await cachedFold(fold, store, 'customer-1', now, 'occurred')).toMatchObject({ state: { transactionCount: 2 } });

    const stored = await store.readStream('customer-1');
    const altered = new InMemoryEventStore();
    const [acquired, activated, ...rest] = stored;
    const churned = { ...rest[0], type: 'CustomerChurned', data: { customerId: 'customer-1', occurredAt: iso(2), reason: 'r' } };
    await altered.appendToStream('customer-1', [acquired, activated, churned, rest[1]], 'no-stream');

    expect(await cachedFold(fold, altered, 'customer-1', now, 'occurred')).toEqual(await uncached(altered, 'customer-1', now, 'occurred'));
    expect(await cachedFold(fold, altered, 'customer-1', now, 'occurred')).toMatchObject({ state: { status: 'churned' } });
  });
});
