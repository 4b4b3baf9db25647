import type { ProjectedEvent } from './projected-event';

/** More than a batch of events (a rebuild reads 5000 at a time): routing and applying a batch both find theirs. */
const MAX_REMEMBERED = 20_000;

/**
 * `step(before, event)` worked out once per event. The runtime asks a projection about the same
 * event several times (its state rule's apply, each document rule's idsOf, then apply per id), all
 * from the same state before the event; a step that judges a segment is worth doing once. Keyed by
 * position (a WeakMap keyed by the event cost more); an entry is used only for the very event and
 * state it was worked out from.
 */
export function perEventMemo<State, Result>(step: (before: State | null, event: ProjectedEvent) => Result) {
  const remembered = new Map<number, { readonly event: ProjectedEvent; readonly before: State | null; readonly result: Result }>();
  return (before: State | null, event: ProjectedEvent): Result => {
    const known = remembered.get(event.position);
    if (known !== undefined && known.event === event && known.before === before) return known.result;
    const result = step(before, event);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(event.position, { event, before, result });
    return result;
  };
}
