import type { CollectionWrites, ReadDocument, ReadModelStore } from '../read-model-store.port';

/** Where every projection keeps its checkpoint, and where a rebuild asks a live projector to pause. */
export const CHECKPOINTS = 'projection_checkpoints';

/**
 * A projection's checkpoint: the position it has applied every event up to. `generation` changes
 * when a rebuild swaps in fresh collections; a live projector writes its checkpoint only while the
 * generation is the one it started with (compare-and-set), so it can never overwrite a swap.
 */
export interface Checkpoint extends ReadDocument {
  readonly generation: string;
  /** Wall-clock time of the live projector's last write: tells a rebuild whether one is running. */
  readonly heartbeatAt: string | null;
  /** The rebuild this projector has paused for, if any. */
  readonly pausedFor: string | null;
  /** The shape of the projection's documents (Projection.shapeVersion); absent for a feed, and on checkpoints written before shapes had versions. */
  readonly shapeVersion?: number;
}

/** The shape of the documents behind a checkpoint written before shapes had versions. */
export const FIRST_SHAPE_VERSION = 1;

/** Written by a rebuild (`<name>#pause`): live projectors stop writing the projection until it is gone or expired. */
export interface PauseRequest extends ReadDocument {
  readonly rebuildId: string;
  readonly expiresAt: string;
}

export interface Control {
  readonly checkpoint: Checkpoint | null;
  readonly pause: PauseRequest | null;
}

export function pauseId(name: string): string {
  return `${name}#pause`;
}

export async function readControl(store: ReadModelStore, names: readonly string[], now: Date): Promise<Map<string, Control>> {
  const found = await store.getMany<ReadDocument>(
    CHECKPOINTS,
    names.flatMap((name) => [name, pauseId(name)]),
  );
  return new Map(
    names.map((name) => {
      const pause = (found.get(pauseId(name)) as PauseRequest | undefined) ?? null;
      const isLive = pause !== null && Date.parse(pause.expiresAt) > now.getTime();
      return [name, { checkpoint: (found.get(name) as Checkpoint | undefined) ?? null, pause: isLive ? pause : null }];
    }),
  );
}

/** A checkpoint write guarded by the generation it expects (or, for a new checkpoint, by its absence). */
export function checkpointWrite(checkpoint: Checkpoint, expectedGeneration: string | null): CollectionWrites {
  const guard =
    expectedGeneration === null ? { kind: 'insert' as const } : { kind: 'expect' as const, field: 'generation', value: expectedGeneration };
  return { collection: CHECKPOINTS, writes: [{ kind: 'put', document: checkpoint, guard }] };
}

export function newGeneration(): string {
  return `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
