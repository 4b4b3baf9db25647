import type { CollectionWrites, Fence, ReadModelStore } from '../read-model-store.port';
import { checkpointWrite, FIRST_SHAPE_VERSION, newGeneration, readControl, type Checkpoint } from './checkpoints';
import { isFeed, type TrackedHandler } from './handler';

/**
 * Brings a live projector's view up to date with the stored checkpoints before each batch:
 * positions come from the store (so after any failure it resumes exactly there), a rebuild's
 * generation change is adopted, a pause request is acknowledged and honoured, a missing
 * checkpoint is created, a projection whose documents have another shape than the code's is
 * marked outdated. Returns false when a write was refused: another process moved first.
 */
export async function refreshFromStore(
  store: ReadModelStore,
  tracked: readonly TrackedHandler[],
  now: Date,
  fence: Fence | undefined,
): Promise<boolean> {
  const control = await readControl(
    store,
    tracked.map((t) => t.name),
    now,
  );
  const writes: CollectionWrites[] = [];
  for (const projection of tracked) {
    const { checkpoint, pause } = control.get(projection.name) ?? { checkpoint: null, pause: null };
    if (checkpoint === null) {
      projection.generation = newGeneration();
      projection.position = 0;
      projection.storedShapeVersion = isFeed(projection.handler) ? undefined : projection.handler.shapeVersion;
      writes.push(checkpointWrite(checkpointOf(projection, now, null), null));
      continue;
    }
    adoptCheckpoint(projection, checkpoint);
    if (pause !== null) {
      projection.state = 'paused';
      if (checkpoint.pausedFor !== pause.rebuildId)
        writes.push(checkpointWrite(checkpointOf(projection, now, pause.rebuildId), projection.generation));
    } else if (projection.isOutdated) {
      projection.state = 'outdated';
    } else if (['paused', 'starting', 'standby', 'outdated'].includes(projection.state)) {
      projection.state = 'catching-up';
    }
  }
  if (writes.length === 0) return true;
  return (await store.write(writes, fence)).refused.length === 0;
}

/** What a stored checkpoint says of a handler: its position, its generation, the shape of its documents. */
export function adoptCheckpoint(projection: TrackedHandler, checkpoint: Checkpoint): void {
  projection.generation = checkpoint.generation;
  projection.position = checkpoint.position;
  projection.storedShapeVersion = isFeed(projection.handler) ? undefined : (checkpoint.shapeVersion ?? FIRST_SHAPE_VERSION);
}

/** The checkpoint a live projector writes: its position, the generation it works in, a heartbeat, the shape its documents have (unchanged). */
export function checkpointOf(projection: TrackedHandler, now: Date, pausedFor: string | null, position = projection.position): Checkpoint {
  projection.lastHeartbeatAt = now.getTime();
  const { storedShapeVersion: shapeVersion } = projection;
  return {
    _id: projection.name,
    position,
    generation: projection.generation,
    heartbeatAt: now.toISOString(),
    pausedFor,
    ...(shapeVersion === undefined ? {} : { shapeVersion }),
  };
}

/** Heartbeats for idle projections whose last one is older than `intervalMs`, so a rebuild can tell a live projector is running. */
export function heartbeatWrites(tracked: readonly TrackedHandler[], now: Date, intervalMs: number): CollectionWrites[] {
  return tracked
    .filter((t) => t.state !== 'paused' && now.getTime() - t.lastHeartbeatAt >= intervalMs)
    .map((t) => checkpointWrite(checkpointOf(t, now, null), t.generation));
}
