import { InMemoryEventStore, type RecordedEvent } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { appendAll, toAppend } from './contract/event-store.helpers';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import { Projector } from './projector';
import { CHECKPOINTS, type Checkpoint } from './runtime/checkpoints';
import type { FeedHandler } from './runtime/handler';

/** A feed that records what it was handed and, while `failures` lasts, throws after recording. */
function recordingFeed(name = 'test-feed'): FeedHandler & { readonly seen: RecordedEvent[]; failures: number } {
  const feed = {
    kind: 'feed' as const,
    name,
    seen: [] as RecordedEvent[],
    failures: 0,
    handle: async (records: readonly RecordedEvent[]) => {
      feed.seen.push(...records);
      if (feed.failures > 0) {
        feed.failures -= 1;
        throw new Error('saga store down');
      }
    },
  };
  return feed;
}

describe('the projection runtime with a feed handler', () => {
  let events: InMemoryEventStore;
  let store: EmbeddedReadModelStore;
  let head: number;
  beforeEach(async () => {
    events = new InMemoryEventStore();
    store = EmbeddedReadModelStore.open(':memory:');
    head = await appendAll(events, manyCustomersHistory(2));
    await events.appendToStream('other-stream', [toAppend(manyCustomersHistory(1)[0] as Parameters<typeof toAppend>[0])], 'any');
  });
  afterEach(async () => {
    await events.close();
    await store.close();
  });

  it('hands the feed every customer record once, in order, with its metadata, and keeps its checkpoint beside the projections', async () => {
    const feed = recordingFeed();
    const projector = new Projector(events, store, [...allProjections(), feed], { batchSize: 7, idleMs: 50 });
    projector.start();
    const storeHead = await events.headPosition();
    expect(await projector.waitFor(['test-feed', 'kpis'], storeHead, 5000)).toBe(true);
    await projector.stop();
    const customerRecords = (await events.readAll({ maxCount: 1000 })).filter((r) => r.streamId.startsWith('customer-'));
    expect(feed.seen.map((r) => r.position)).toEqual(customerRecords.map((r) => r.position));
    expect(feed.seen[0]?.metadata.actor).toBe('read-model-tests');
    expect((await store.get<Checkpoint>(CHECKPOINTS, 'test-feed'))?.position).toBe(storeHead);
    expect(head).toBeLessThan(storeHead);
  });

  it('moves the feed position only once its handler has resolved: a failed batch is handed over again, nothing is skipped', async () => {
    const feed = recordingFeed();
    feed.failures = 2;
    const errors: unknown[] = [];
    const projector = new Projector(events, store, [feed], {
      batchSize: 5,
      idleMs: 50,
      retryBaseMs: 5,
      logger: { error: (_m, d) => errors.push(d.error) },
    });
    projector.start();
    expect(await projector.waitFor(['test-feed'], head, 5000)).toBe(true);
    await projector.stop();
    const firstBatch = feed.seen.slice(0, 5).map((r) => r.id);
    expect(feed.seen.slice(5, 10).map((r) => r.id)).toEqual(firstBatch);
    expect(feed.seen.slice(10, 15).map((r) => r.id)).toEqual(firstBatch);
    expect(new Set(feed.seen.map((r) => r.id)).size).toBe(feed.seen.length - 10);
    expect(errors).toEqual(['Error: saga store down', 'Error: saga store down']);
  });

  it('a feed restarted from its checkpoint is handed only what came after it', async () => {
    const first = new Projector(events, store, [recordingFeed()], { idleMs: 50 });
    first.start();
    expect(await first.waitFor(['test-feed'], head, 5000)).toBe(true);
    await first.stop();
    const later = await appendAll(
      events,
      manyCustomersHistory(1).map((e) => ({ ...e, data: { ...e.data, customerId: `late-${e.data.customerId}` } }) as typeof e),
    );
    const feed = recordingFeed();
    const second = new Projector(events, store, [feed], { idleMs: 50 });
    second.start();
    expect(await second.waitFor(['test-feed'], later, 5000)).toBe(true);
    await second.stop();
    expect(feed.seen.length).toBe(manyCustomersHistory(1).length);
    expect(feed.seen.every((r) => r.streamId.startsWith('customer-late-'))).toBe(true);
  });
});
