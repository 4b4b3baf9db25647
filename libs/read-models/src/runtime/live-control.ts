import type { CollectionWrites, Fence, ReadModelStore } from '../read-model-store.port';
import { checkpointWrite, newGeneration, readControl, type Checkpoint } from './checkpoints';
import type { TrackedHandler } from './handler';

/**
 * Brings a live projector's view up to date with the stored checkpoints before each batch:
 * positions come from the store (so after any failure it resumes exactly there), a rebuild's
 * generation change is adopted, a pause request is acknowledged and honoured, a missing
 * checkpoint is created. Returns false when a write was refused: another process moved first.
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
      writes.push(checkpointWrite(checkpointOf(projection, now, null), null));
      continue;
    }
    projection.generation = checkpoint.generation;
    projection.position = checkpoint.position;
    if (pause !== null) {
      projection.state = 'paused';
      if (checkpoint.pausedFor !== pause.rebuildId)
        writes.push(checkpointWrite(checkpointOf(projection, now, pause.rebuildId), projection.generation));
    } else if (projection.state === 'paused' || projection.state === 'starting' || projection.state === 'standby') {
      projection.state = 'catching-up';
    }
  }
  if (writes.length === 0) return true;
  return (await store.write(writes, fence)).refused.length === 0;
}

/** The checkpoint a live projector writes: its position, the generation it works in, a heartbeat. */
export function checkpointOf(projection: TrackedHandler, now: Date, pausedFor: string | null, position = projection.position): Checkpoint {
  projection.lastHeartbeatAt = now.getTime();
  return { _id: projection.name, position, generation: projection.generation, heartbeatAt: now.toISOString(), pausedFor };
}

/** Heartbeats for idle projections whose last one is older than `intervalMs`, so a rebuild can tell a live projector is running. */
export function heartbeatWrites(tracked: readonly TrackedHandler[], now: Date, intervalMs: number): CollectionWrites[] {
  return tracked
    .filter((t) => t.state !== 'paused' && now.getTime() - t.lastHeartbeatAt >= intervalMs)
    .map((t) => checkpointWrite(checkpointOf(t, now, null), t.generation));
}
