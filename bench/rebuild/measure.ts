import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { SqliteEventStore, Upcasters, UpcastingEventStore } from '@rapport/event-store';
import {
  allProjections,
  EmbeddedReadModelStore,
  MongoReadModelStore,
  rebuildProjections,
  type Projection,
  type ReadModelAdmin,
  type ReadModelStore,
} from '@rapport/read-models';

export interface Measurement {
  readonly store: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMiB: number;
  readonly documents: number;
  readonly flushEveryEvents: number | 'default';
  /** Wall-clock bounds of the rebuild (epoch ms), so that runs in parallel processes can be timed together. */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** How many processes rebuilt, the projections split between them (rebuildGroups). */
  readonly processes: number;
}

export interface MeasureOptions {
  readonly eventsFile: string;
  readonly store: 'embedded' | 'mongo';
  /** A fresh file (embedded) or database name (MongoDB) to rebuild into. */
  readonly target: string;
  readonly mongoUrl?: string;
  readonly flushEveryEvents?: number;
  /** Events per read; the rebuild's default when absent. */
  readonly batchSize?: number;
  /** The projections this process rebuilds; all when absent. */
  readonly projections?: readonly string[];
}

/**
 * A full rebuild of every projection from position 0, as `projections rebuild` runs it: fresh
 * collections, the catch-up, the (uncontended) pause, the swap. Peak RSS is this process's own,
 * which runs nothing but the rebuild.
 */
export async function measureRebuild(options: MeasureOptions): Promise<Measurement> {
  // Read as the app reads (wiring/adapters.ts): an events file cached by an older release holds older shapes.
  const events = new UpcastingEventStore(
    SqliteEventStore.open(options.eventsFile, { synchronous: 'NORMAL' }),
    new Upcasters(CUSTOMER_UPCASTERS),
  );
  const store =
    options.store === 'embedded'
      ? EmbeddedReadModelStore.open(options.target)
      : await MongoReadModelStore.connect(options.mongoUrl ?? '', { database: options.target });
  const projections = allProjections().filter((p) => options.projections === undefined || options.projections.includes(p.name));
  try {
    const startedAtMs = Date.now();
    const started = process.hrtime.bigint();
    const report = await rebuildProjections(events, store, store, projections, {
      ...(options.flushEveryEvents === undefined ? {} : { flushEveryEvents: options.flushEveryEvents }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      onProgress: (phase, at) =>
        phase === 'filling' && at.events % 100_000 < 5000 ? process.stderr.write(`  ${options.store}: ${at.events} events\n`) : undefined,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const endedAtMs = Date.now();
    return {
      store: options.store,
      events: report.events,
      seconds,
      eventsPerSecond: Math.round(report.events / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      documents: await countDocuments(store, projections),
      flushEveryEvents: options.flushEveryEvents ?? 'default',
      startedAtMs,
      endedAtMs,
      processes: 1,
    };
  } finally {
    for (const { name } of projections.flatMap((p) => p.collections)) await store.dropCollection(name);
    await events.close();
    await store.close();
  }
}

async function countDocuments(store: ReadModelStore & ReadModelAdmin, projections: readonly Projection[]): Promise<number> {
  let total = 0;
  for (const { name } of projections.flatMap((p) => p.collections)) {
    for (let after: string | undefined, first = true; first || after; first = false) {
      const page = await store.find(name, { limit: 10_000, ...(after ? { after } : {}) });
      total += page.documents.length;
      after = page.next ?? undefined;
    }
  }
  return total;
}
