import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * `position` is AUTOINCREMENT so a position is never reused, even after the newest row
 * is deleted. `streams` holds each stream's last revision and position so that an append
 * checks its expectation with one primary-key lookup.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position  INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id TEXT    NOT NULL,
     revision  INTEGER NOT NULL,
     event_id  TEXT    NOT NULL UNIQUE,
     type      TEXT    NOT NULL,
     data      TEXT    NOT NULL,
     metadata  TEXT    NOT NULL,
     UNIQUE (stream_id, revision)
   );
   CREATE TABLE streams (
     stream_id TEXT    PRIMARY KEY,
     revision  INTEGER NOT NULL,
     position  INTEGER NOT NULL
   ) WITHOUT ROWID;`,
];

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

/** Every statement the adapter runs, prepared once per connection. */
export const SQL = {
  selectStream: 'SELECT revision, position FROM streams WHERE stream_id = ?',
  insertEvent:
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  upsertStream:
    'INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?) ' +
    'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position',
  headPosition: 'SELECT max(position) FROM events',
  readForwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  readBackwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  readAll: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  // substr counts characters (code points) on TEXT; the caller passes the prefix's code point count.
  readAllWithPrefix: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND substr(stream_id, 1, ?) = ? ORDER BY position LIMIT ?`,
} as const;

/** Brings the file's schema up to date; safe when several processes open the file at once. */
export function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      throw new Error(`event store schema version ${version} is newer than this code knows (${MIGRATIONS.length})`);
    }
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  apply.immediate();
}
