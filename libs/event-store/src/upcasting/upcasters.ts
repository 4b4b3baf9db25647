import type { JsonObject } from '../event-store.port';

/** Turns the data of one event type stored at `fromVersion` into its shape at `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/** What an upcaster reads of a stored event: its type, its data and the schema version it was stored at. */
export interface VersionedEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: { readonly schemaVersion: number };
}

/**
 * The upcasters of every event type, keyed by (type, schema version). `upcast` chains them, so a
 * stored event comes out in the newest shape whatever version it was written at
 * (style.md §3: a payload's shape changes only with its schemaVersion).
 */
export class Upcasters {
  private readonly byType = new Map<string, Map<number, Upcaster['upcast']>>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const { type, fromVersion, upcast } of upcasters) {
      const steps = this.byType.get(type) ?? new Map<number, Upcaster['upcast']>();
      if (steps.has(fromVersion)) throw new Error(`two upcasters for ${type} at schema version ${fromVersion}`);
      this.byType.set(type, steps.set(fromVersion, upcast));
    }
  }

  /** The event as it would be stored today; the same object when no upcaster applies. */
  upcast<Event extends VersionedEvent>(event: Event): Event {
    const steps = this.byType.get(event.type);
    if (steps === undefined) return event;
    let version = event.metadata.schemaVersion;
    let data = event.data;
    for (let step = steps.get(version); step !== undefined; step = steps.get(version)) {
      data = step(data);
      version++;
    }
    if (version === event.metadata.schemaVersion) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}
