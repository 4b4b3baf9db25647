import { CHECKPOINTS, SEGMENT_MEMBERS, type Checkpoint, type ReadDocument, type ReadModelStore } from '@rapport/read-models';

/**
 * Leaves the segment documents as the version before `valueToDateMinor` wrote them, and the
 * segments checkpoint saying `shapeVersion` (undefined: none, as written before shapes had versions).
 */
export async function segmentsOfShape(store: ReadModelStore, shapeVersion: number | undefined): Promise<void> {
  const members = (await store.find<ReadDocument & { valueToDateMinor?: string }>(SEGMENT_MEMBERS, { limit: 1000 })).documents;
  const stored = await store.get<Checkpoint>(CHECKPOINTS, 'segments');
  if (stored === null) throw new Error('no segments checkpoint to age');
  const { shapeVersion: _current, ...checkpoint } = stored;
  const replace = (document: ReadDocument) => ({
    kind: 'put' as const,
    document,
    guard: { kind: 'expect' as const, field: 'position', value: document.position },
  });
  await store.write([
    { collection: SEGMENT_MEMBERS, writes: members.map(({ valueToDateMinor: _value, ...old }) => replace(old)) },
    { collection: CHECKPOINTS, writes: [replace(shapeVersion === undefined ? checkpoint : { ...checkpoint, shapeVersion })] },
  ]);
}
