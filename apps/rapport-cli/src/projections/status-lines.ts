import type { EventStore } from '@rapport/event-store';
import { PROJECTION_NAMES, readControl, type ReadModelStore } from '@rapport/read-models';

/** The event feed that drives the sagas has a checkpoint beside the projections'. */
const FEEDS = ['event-bus'];

export interface StatusRow {
  readonly name: string;
  readonly position: number | null;
  readonly head: number;
  readonly lag: number | null;
  /** Seconds since the live projector's last heartbeat; null when none ever ran. */
  readonly heartbeatAgeSeconds: number | null;
  readonly pausedFor: string | null;
}

/** Checkpoints as stored, so it works whether or not a service is running. */
export async function statusLines(events: EventStore, store: ReadModelStore, now: Date): Promise<{ rows: StatusRow[]; lines: string[] }> {
  const head = await events.headPosition();
  const names = [...PROJECTION_NAMES, ...FEEDS];
  const control = await readControl(store, names, now);
  const rows = names.map((name): StatusRow => {
    const checkpoint = control.get(name)?.checkpoint ?? null;
    const heartbeat = checkpoint?.heartbeatAt ? Math.round((now.getTime() - Date.parse(checkpoint.heartbeatAt)) / 1000) : null;
    return {
      name,
      position: checkpoint?.position ?? null,
      head,
      lag: checkpoint ? Math.max(0, head - checkpoint.position) : null,
      heartbeatAgeSeconds: heartbeat,
      pausedFor: checkpoint?.pausedFor ?? null,
    };
  });
  const header = `${'projection'.padEnd(18)}${'position'.padStart(12)}${'head'.padStart(12)}${'lag'.padStart(10)}  live projector`;
  const lines = rows.map((row) => {
    const live =
      row.heartbeatAgeSeconds === null
        ? 'never ran'
        : `heartbeat ${row.heartbeatAgeSeconds}s ago${row.pausedFor ? `, paused for ${row.pausedFor}` : ''}`;
    return `${row.name.padEnd(18)}${String(row.position ?? '-').padStart(12)}${String(row.head).padStart(12)}${String(row.lag ?? '-').padStart(10)}  ${live}`;
  });
  return { rows, lines: [header, ...lines] };
}
