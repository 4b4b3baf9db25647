import type { EventStore } from '@rapport/event-store';
import type { Projection } from './projections/projection';
import type { ReadModelAdmin, ReadModelStore } from './read-model-store.port';
import { CHECKPOINTS, checkpointWrite, newGeneration, pauseId, readControl, type PauseRequest } from './runtime/checkpoints';
import { Projector, type CatchUpProgress, type ExclusiveMode } from './projector';

export type RebuildPhase = 'filling' | 'pausing' | 'final-catch-up' | 'swapping' | 'done';

export interface RebuildOptions extends Pick<ExclusiveMode, 'flushEveryEvents' | 'maxCachedDocuments'> {
  /** Events per read. Default 5000. */
  readonly batchSize?: number;
  /** How long to wait for a running live projector to acknowledge the pause. Default 30 s. */
  readonly pauseTimeoutMs?: number;
  /** A live projector whose last heartbeat is older than this is taken as not running. Default 15 s. */
  readonly heartbeatStaleMs?: number;
  readonly clock?: () => Date;
  readonly onProgress?: (phase: RebuildPhase, progress: CatchUpProgress) => void;
  /** Aborts the rebuild before its swap: the fresh collections are dropped and the live projectors resume. */
  readonly signal?: AbortSignal;
}

export interface RebuildReport {
  readonly projections: readonly string[];
  readonly position: number;
  readonly events: number;
  readonly elapsedMs: number;
}

export const REBUILD_SUFFIX = '__rebuild';

/**
 * Rebuilds projections (design.md §4) while commands keep arriving: fills fresh collections from
 * position 0, asks live projectors to pause (and waits for them to say so, or sees none is
 * running), catches the fresh collections up to the head, swaps them in, writes checkpoints at that
 * position in a new generation (and the code's shape version) and lifts the pause. Live projectors
 * then go on from there, so no event is missed. One rebuild of a projection at a time.
 */
export async function rebuildProjections(
  events: EventStore,
  store: ReadModelStore,
  admin: ReadModelAdmin,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const clock = options.clock ?? (() => new Date());
  const names = projections.map((p) => p.name);
  const fresh = (collection: string) => `${collection}${REBUILD_SUFFIX}`;
  const specs = projections.flatMap((p) => p.collections);
  // Fresh collections get their indexes at the swap: filling is faster without them.
  for (const spec of specs) await admin.dropCollection(fresh(spec.name));
  for (const spec of specs) await admin.ensureCollection({ name: fresh(spec.name), indexes: [] });
  let phase: RebuildPhase = 'filling';
  // The fresh collections were just made, so the runner need not look for documents in them.
  const runner = new Projector(events, store, projections, {
    batchSize: options.batchSize ?? 5000,
    exclusive: {
      names: fresh,
      flushEveryEvents: options.flushEveryEvents,
      maxCachedDocuments: options.maxCachedDocuments,
      isStoreEmpty: true,
      onProgress: (progress) => options.onProgress?.(phase, progress),
      signal: options.signal,
    },
  });
  const rebuildId = newGeneration().replace('g-', 'r-');
  try {
    const filled = await runner.catchUp();
    phase = 'pausing';
    options.onProgress?.(phase, { position: filled, head: filled, events: runner.eventCount });
    const generations = await pauseLiveProjectors(store, names, rebuildId, clock, options);
    phase = 'final-catch-up';
    const position = await runner.catchUp();
    options.signal?.throwIfAborted();
    phase = 'swapping';
    options.onProgress?.(phase, { position, head: position, events: runner.eventCount });
    await swapIn(store, admin, projections, fresh, position, generations);
    options.onProgress?.('done', { position, head: position, events: runner.eventCount });
    return { projections: names, position, events: runner.eventCount, elapsedMs: Date.now() - started };
  } catch (error: unknown) {
    for (const spec of specs) await admin.dropCollection(fresh(spec.name)).catch(() => undefined);
    throw error;
  } finally {
    await store.write([{ collection: CHECKPOINTS, writes: names.map((name) => ({ kind: 'delete' as const, id: pauseId(name) })) }]);
  }
}

/** Writes the pause requests and waits until each projection's live projector acknowledged or is not running; returns the generations seen. */
async function pauseLiveProjectors(
  store: ReadModelStore,
  names: readonly string[],
  rebuildId: string,
  clock: () => Date,
  options: RebuildOptions,
): Promise<Map<string, string | null>> {
  const timeoutMs = options.pauseTimeoutMs ?? 30_000;
  const staleMs = options.heartbeatStaleMs ?? 15_000;
  // Long enough for the final catch-up and the swap; should the rebuild die, live projectors resume by themselves after it.
  const expiresAt = new Date(clock().getTime() + timeoutMs + 600_000).toISOString();
  // A pause request's position is only its write time, so it always replaces an older (expired) one.
  const requests: PauseRequest[] = names.map((name) => ({ _id: pauseId(name), position: clock().getTime(), rebuildId, expiresAt }));
  await store.write([
    {
      collection: CHECKPOINTS,
      writes: requests.map((document) => ({ kind: 'put' as const, document, guard: { kind: 'newer' as const } })),
    },
  ]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = clock();
    const control = await readControl(store, names, now);
    const waiting = names.filter((name) => {
      const checkpoint = control.get(name)?.checkpoint ?? null;
      const isRunning = checkpoint?.heartbeatAt != null && now.getTime() - Date.parse(checkpoint.heartbeatAt) < staleMs;
      return isRunning && checkpoint?.pausedFor !== rebuildId;
    });
    if (waiting.length === 0) return new Map(names.map((name) => [name, control.get(name)?.checkpoint?.generation ?? null]));
    if (Date.now() > deadline) throw new Error(`live projector(s) did not pause within ${timeoutMs} ms: ${waiting.join(', ')}`);
    options.signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function swapIn(
  store: ReadModelStore,
  admin: ReadModelAdmin,
  projections: readonly Projection[],
  fresh: (c: string) => string,
  position: number,
  generations: ReadonlyMap<string, string | null>,
): Promise<void> {
  for (const spec of projections.flatMap((p) => p.collections)) await admin.replaceCollection(fresh(spec.name), spec);
  const generation = newGeneration();
  const writes = projections.map((p) =>
    checkpointWrite(
      { _id: p.name, position, generation, heartbeatAt: null, pausedFor: null, shapeVersion: p.shapeVersion },
      generations.get(p.name) ?? null,
    ),
  );
  const result = await store.write(writes);
  if (result.refused.length > 0) throw new Error(`checkpoint(s) changed during the swap: ${result.refused.join(', ')}`);
}
