import { EmbeddedReadModelStore } from '@rapport/read-models';
import type { AppConfig } from '../config';
import { OwnedWork } from './owned-work';

/** Work that counts its starts and stops and tells when it was started. */
function trackedWork() {
  let started: () => void = () => undefined;
  const work = {
    runs: 0,
    stops: 0,
    isStarted: new Promise<void>((resolve) => (started = resolve)),
    start: () => {
      work.runs += 1;
      started();
    },
    stop: async () => {
      work.stops += 1;
    },
  };
  return work;
}

describe('owned work on one shared store (two instances)', () => {
  it('whileOwner runs long-running work on one instance only, and on the other once the first stops watching', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    const config = { leaseMs: 300 } as AppConfig;
    const [first, second] = [new OwnedWork(store, config), new OwnedWork(store, config)];
    const [publisherA, publisherB] = [trackedWork(), trackedWork()];
    try {
      const unwatchA = first.whileOwner('signals', publisherA);
      await publisherA.isStarted;
      second.whileOwner('signals', publisherB);
      expect(second.held()).toEqual([]);
      expect(publisherB.runs).toBe(0);

      await unwatchA();
      await publisherB.isStarted;
      expect([publisherA.runs, publisherA.stops, publisherB.runs]).toEqual([1, 1, 1]);
      expect([first.held(), second.held()]).toEqual([[], ['signals']]);
    } finally {
      await first.beforeApplicationShutdown();
      await second.beforeApplicationShutdown();
      await store.close();
    }
  });

  it('runIfOwner runs timer-driven work on the instance holding the lease and not on another', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    const config = { leaseMs: 60_000 } as AppConfig;
    const [first, second] = [new OwnedWork(store, config), new OwnedWork(store, config)];
    const ran: string[] = [];
    try {
      expect(await first.runIfOwner('time-sweeps', async () => void ran.push('first'))).toBe(true);
      expect(await second.runIfOwner('time-sweeps', async () => void ran.push('second'))).toBe(false);
      expect(await first.runIfOwner('time-sweeps', async () => void ran.push('first'))).toBe(true);
      expect(ran).toEqual(['first', 'first']);
    } finally {
      await store.close();
    }
  });
});
