import { BOUND_LIMIT } from '@rapport/sqlite';
import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * `position` is AUTOINCREMENT so a position is never reused, even after the newest row
 * is deleted. A stream's last revision and position come from the (stream_id, revision)
 * index, whose entries carry the rowid (the position): one index seek, no table read.
 * Version 2 drops the `streams` table of version 1, which held the same two numbers and cost
 * every append a second B-tree write and a fourth WAL page (measured with bench/, issue 7).
 * Version 3 keeps each event's schema version in a column of its own, so that readers of data
 * alone (readAllWithoutMetadata) learn it without parsing the metadata; rows written before it
 * hold NULL there and are read with json_extract instead (no rewrite of the table).
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
  'DROP TABLE streams;',
  'ALTER TABLE events ADD COLUMN schema_version INTEGER;',
];

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';
// readAllWithoutMetadata: the metadata column is left unread for every row written since schema version 3.
const DATA_COLUMNS =
  "position, stream_id, revision, event_id, type, data, coalesce(schema_version, json_extract(metadata, '$.schemaVersion'))";

/** Every statement the adapter runs, prepared once per connection. */
export const SQL = {
  selectStream: 'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
  insertEvent: 'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?)',
  headPosition: 'SELECT max(position) FROM events',
  // Prepared once, where db.pragma() would prepare it on every call (an audit fold asks on every request).
  dataVersion: 'PRAGMA data_version',
  readForwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ${BOUND_LIMIT}`,
  readBackwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC ${BOUND_LIMIT}`,
  readAll: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ${BOUND_LIMIT}`,
  // char(31) separates the columns: JSON text never holds it raw, and ids and types are tokens.
  // As a BLOB the stored UTF-8 bytes reach the hash as they are: as TEXT they were decoded into a
  // string and encoded again by the hash (a third of a 10,000-event digest).
  readStoredBytes: `SELECT revision, CAST(event_id || char(31) || type || char(31) || data || char(31) || metadata AS BLOB) FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision`,
  // substr counts characters (code points) on TEXT; the caller passes the prefix's code point count.
  readAllWithPrefix: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND substr(stream_id, 1, ?) = ? ORDER BY position ${BOUND_LIMIT}`,
  readAllData: `SELECT ${DATA_COLUMNS} FROM events WHERE position > ? ORDER BY position ${BOUND_LIMIT}`,
  readAllDataWithPrefix: `SELECT ${DATA_COLUMNS} FROM events WHERE position > ? AND substr(stream_id, 1, ?) = ? ORDER BY position ${BOUND_LIMIT}`,
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
