import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../contract/event-store.contract';
import { aRunId, aStreamId, anEvent, collect, someEvents, within } from '../../contract/event-store.fixtures';
import { SqliteEventStore } from './sqlite.event-store';

const directory = mkdtempSync(join(tmpdir(), 'rapport-sqlite-event-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

eventStoreContract('SQLite', async () => SqliteEventStore.open(join(directory, 'contract.sqlite'), { pollIntervalMs: 20 }));

describe('SQLite event store (its own behaviour)', () => {
  const file = () => join(directory, `${aRunId()}.sqlite`);

  it('keeps events across close and reopen, and carries on numbering after them', async () => {
    const path = file();
    const streamId = aStreamId();
    const before = SqliteEventStore.open(path);
    const first = await before.appendToStream(streamId, someEvents(2), 'no-stream');
    const stored = await before.readStream(streamId);
    await before.close();
    const after = SqliteEventStore.open(path);
    expect(await after.readStream(streamId)).toEqual(stored);
    const next = await after.appendToStream(streamId, [anEvent()], 1);
    expect(next.revision).toBe(2);
    expect(next.position).toBeGreaterThan(first.position);
    await after.close();
  });

  it('digests a stream prefix over its stored bytes: stable while they are, changed when one is altered behind its back', async () => {
    const path = file();
    const streamId = aStreamId();
    const store = SqliteEventStore.open(path);
    await store.appendToStream(streamId, someEvents(4), 'no-stream');
    const before = await store.digestStream(streamId, [1, 3]);
    await store.appendToStream(streamId, someEvents(2), 3);
    expect(await store.digestStream(streamId, [1, 3])).toEqual(before);
    expect(await store.digestStream(streamId, [9])).toEqual(['missing-9']);

    const raw = new Database(path);
    raw.prepare("UPDATE events SET data = replace(data, '\"', '\" ') WHERE stream_id = ? AND revision = 2").run(streamId);
    raw.close();
    const [throughOne, throughThree] = await store.digestStream(streamId, [1, 3]);
    expect(throughOne).toBe(before[0]);
    expect(throughThree).not.toBe(before[1]);
    await store.close();
  });

  it('digests the UTF-8 bytes of each stored row (id, type, data, metadata), whatever the characters', async () => {
    const path = file();
    const streamId = aStreamId();
    const store = SqliteEventStore.open(path);
    await store.appendToStream(streamId, [anEvent({ note: 'Zoë, 张伟, 🙂' }), anEvent({ note: 'plain' })], 'no-stream');
    const [digest] = await store.digestStream(streamId, [1]);
    await store.close();

    const raw = new Database(path, { readonly: true });
    const rows = raw
      .prepare<[string], [string, string, string, string]>(
        'SELECT event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
      )
      .raw()
      .all(streamId);
    raw.close();
    const expected = createHash('sha256');
    for (const columns of rows) expected.update(Buffer.from(columns.join('\u001f'), 'utf8')).update('\n');
    expect(digest).toBe(expected.digest('hex'));
  });

  it('reads a whole stream as readStream does, with the digests digestStream gives through the revisions picked and the last', async () => {
    const store = SqliteEventStore.open(file());
    const streamId = aStreamId();
    await store.appendToStream(streamId, [anEvent({ note: 'Zoë, 张伟, 🙂' }), ...someEvents(4)], 'no-stream');
    const { events, digests } = await store.readStreamDigested(streamId, (revision) => revision % 2 === 1);
    expect(events).toEqual(await store.readStream(streamId));
    expect([...digests.keys()]).toEqual([1, 3, 4]);
    expect([...digests.values()]).toEqual(await store.digestStream(streamId, [1, 3, 4]));
    expect(await store.readStreamDigested(aStreamId(), () => true)).toEqual({ events: [], digests: new Map() });
    await store.close();
  });

  it('keeps its outside-write mark across its own appends and changes it when another connection commits', async () => {
    const path = file();
    const streamId = aStreamId();
    const store = SqliteEventStore.open(path);
    await store.appendToStream(streamId, someEvents(2), 'no-stream');
    const mark = store.outsideWriteMark();
    await store.appendToStream(streamId, someEvents(2), 1);
    expect(store.outsideWriteMark()).toBe(mark);

    const raw = new Database(path);
    raw.prepare("UPDATE events SET data = replace(data, '\"', '\" ') WHERE stream_id = ? AND revision = 0").run(streamId);
    raw.close();
    expect(store.outsideWriteMark()).not.toBe(mark);
    await store.close();
  });

  it('puts the file in WAL mode', async () => {
    const path = file();
    await SqliteEventStore.open(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('brings a version-1 file (with its streams table) up to date and carries on its streams', async () => {
    const path = file();
    const streamId = aStreamId();
    const before = SqliteEventStore.open(path);
    await before.appendToStream(streamId, someEvents(2), 'no-stream');
    await before.close();
    const asVersionOne = new Database(path);
    asVersionOne.exec('ALTER TABLE events DROP COLUMN schema_version');
    asVersionOne.exec(
      'CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID',
    );
    asVersionOne.pragma('user_version = 1');
    asVersionOne.close();
    const after = SqliteEventStore.open(path);
    await expect(
      after.appendToStream(streamId, [{ ...anEvent(), metadata: { ...anEvent().metadata, schemaVersion: 2 } }], 1),
    ).resolves.toMatchObject({ revision: 2 });
    const read = await after.readAllWithoutMetadata({ maxCount: 10, streamPrefix: streamId });
    expect(read.map((event) => event.metadata.schemaVersion)).toEqual([1, 1, 2]);
    await after.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'streams'").pluck().get()).toBe(0);
    db.close();
  });

  it('copies appended events from the WAL into the database file in the background', async () => {
    const path = file();
    const store = SqliteEventStore.open(path, { walCopyIntervalMs: 20 });
    const streamId = aStreamId();
    await store.appendToStream(streamId, someEvents(50), 'no-stream');
    // A copy taken while the WAL copy writes pages can be torn (SQLITE_CORRUPT): not there yet, look again.
    const inDatabaseFileAlone = () => {
      const copy = `${path}.without-wal`;
      copyFileSync(path, copy);
      const db = new Database(copy, { readonly: true });
      try {
        const hasTable = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events'").pluck().get() === 1;
        return hasTable ? db.prepare('SELECT count(*) FROM events WHERE stream_id = ?').pluck().get(streamId) : 0;
      } catch (error: unknown) {
        if ((error as { code?: unknown }).code === 'SQLITE_CORRUPT') return 0;
        throw error;
      } finally {
        db.close();
      }
    };
    await within(
      waitUntil(() => inDatabaseFileAlone() === 50),
      5000,
      'the background WAL copy',
    );
    await store.close();
  });

  it('refuses a file whose schema is newer than this code', () => {
    const path = file();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => SqliteEventStore.open(path)).toThrow(expect.objectContaining({ code: 'event-store-unavailable' }));
  });

  it('rejects operations after close with EventStoreUnavailable', async () => {
    const store = SqliteEventStore.open(file());
    await store.close();
    await expect(store.appendToStream(aStreamId(), [anEvent()], 'any')).rejects.toMatchObject({
      code: 'event-store-unavailable',
    });
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'event-store-unavailable' });
  });

  it('maps a write lock held past busy_timeout to EventStoreUnavailable, and appends once it is released', async () => {
    const path = file();
    const store = SqliteEventStore.open(path, { busyTimeoutMs: 50 });
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const streamId = aStreamId();
    await expect(store.appendToStream(streamId, [anEvent()], 'no-stream')).rejects.toMatchObject({
      code: 'event-store-unavailable',
    });
    other.prepare('ROLLBACK').run();
    other.close();
    await expect(store.appendToStream(streamId, [anEvent()], 'no-stream')).resolves.toMatchObject({ revision: 0 });
    await store.close();
  });

  describe('group commit: appends made in the same turn of the event loop share one transaction', () => {
    it('applies them in call order, each checked against the stream as the ones before it left it', async () => {
      const store = SqliteEventStore.open(file());
      const [left, right] = [aStreamId(), aStreamId()];
      const outcomes = await Promise.allSettled([
        store.appendToStream(left, [anEvent()], 'no-stream'),
        store.appendToStream(left, [anEvent()], 0),
        store.appendToStream(right, [anEvent()], 'no-stream'),
        store.appendToStream(left, [anEvent()], 0),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      expect(outcomes[3]).toMatchObject({ reason: { code: 'stream-revision-conflict', expected: 0, actual: 1 } });
      expect((await store.readStream(left)).map((event) => event.revision)).toEqual([0, 1]);
      expect(await store.readStream(right)).toHaveLength(1);
      await store.close();
    });

    it('one failing append (a duplicate event id) leaves the others in its group stored', async () => {
      const store = SqliteEventStore.open(file());
      const stored = anEvent();
      await store.appendToStream(aStreamId(), [stored], 'no-stream');
      const [before, failing, after] = [aStreamId(), aStreamId(), aStreamId()];
      const outcomes = await Promise.allSettled([
        store.appendToStream(before, someEvents(2), 'no-stream'),
        store.appendToStream(failing, [anEvent(), stored], 'no-stream'),
        store.appendToStream(after, [anEvent()], 'no-stream'),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(outcomes[1]).toMatchObject({ reason: { code: 'stream-revision-conflict' } });
      expect(await store.readStream(before)).toHaveLength(2);
      expect(await store.readStream(failing)).toEqual([]);
      expect(await store.readStream(after)).toHaveLength(1);
      await store.close();
    });

    it('when the group cannot take the write lock, every append in it fails and none is stored', async () => {
      const path = file();
      const store = SqliteEventStore.open(path, { busyTimeoutMs: 50 });
      const other = new Database(path);
      other.prepare('BEGIN IMMEDIATE').run();
      const streams = [aStreamId(), aStreamId()];
      const outcomes = await Promise.allSettled(streams.map((streamId) => store.appendToStream(streamId, [anEvent()], 'no-stream')));
      other.prepare('ROLLBACK').run();
      other.close();
      expect(outcomes).toMatchObject([{ reason: { code: 'event-store-unavailable' } }, { reason: { code: 'event-store-unavailable' } }]);
      for (const streamId of streams) expect(await store.readStream(streamId)).toEqual([]);
      await store.close();
    });

    it('close() writes the appends already made before it closes the file', async () => {
      const path = file();
      const store = SqliteEventStore.open(path);
      const streamId = aStreamId();
      const appended = store.appendToStream(streamId, someEvents(3), 'no-stream');
      await store.close();
      await expect(appended).resolves.toMatchObject({ revision: 2 });
      const reopened = SqliteEventStore.open(path);
      expect(await reopened.readStream(streamId)).toHaveLength(3);
      await reopened.close();
    });
  });

  describe('shared with another OS process', () => {
    it('a subscription sees events another process appends, by polling', async () => {
      const path = file();
      const store = SqliteEventStore.open(path, { pollIntervalMs: 20 });
      const run = aRunId();
      const subscription = store.subscribeToAll({ afterPosition: await store.headPosition(), streamPrefix: `customer-${run}` });
      const received = collect(subscription);
      const ids = someEvents(5).map((event) => event.id);
      await appendInChildProcesses(path, `customer-${run}`, [ids]);
      await received.waitFor(5);
      await subscription.close();
      await within(received.finished, 5000, 'the end of the for-await loop after close()');
      expect(received.events.map((event) => [event.id, event.revision])).toEqual(ids.map((id, index) => [id, index]));
      await store.close();
    });

    it('two processes appending to one stream with retry loops lose no event and leave no gap', async () => {
      const path = file();
      await SqliteEventStore.open(path).close();
      const streamId = aStreamId();
      const left = someEvents(100).map((event) => event.id);
      const right = someEvents(100).map((event) => event.id);
      await appendInChildProcesses(path, streamId, [left, right]);
      const store = SqliteEventStore.open(path);
      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual([...Array(200).keys()]);
      expect(stored.map((event) => event.id).sort()).toEqual([...left, ...right].sort());
      await store.close();
    });
  });
});

async function waitUntil(isDone: () => boolean): Promise<void> {
  while (!isDone()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Runs the real adapter in separate `node` processes, one per id list. The repo has no
 * TypeScript loader for plain node, so each child compiles the adapter's .ts files on
 * require with @swc/core (already here for jest). The children open the store, report
 * ready, and start together on "go"; each appends its ids one event at a time with a
 * read-then-append retry loop.
 */
const REGISTER = join(__dirname, '..', '..', '..', '..', '..', 'bench', 'support', 'register.js');

async function appendInChildProcesses(path: string, streamId: string, idLists: readonly string[][]): Promise<void> {
  const script = join(directory, 'append-child.js');
  writeFileSync(script, CHILD_SCRIPT);
  const adapter = join(__dirname, 'sqlite.event-store.ts');
  const children = idLists.map((ids) =>
    // The bench's require hook resolves `@rapport/<lib>` aliases (the adapter imports @rapport/sqlite).
    spawn(process.execPath, ['--require', REGISTER, script, require.resolve('@swc/core'), adapter, path, streamId, JSON.stringify(ids)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30_000,
    }),
  );
  const exits = children.map(exitOf);
  await Promise.race([Promise.all(children.map((child) => once(child.stdout, 'data'))), Promise.all(exits)]);
  children.forEach((child) => child.stdin.end('go\n'));
  await Promise.all(exits);
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<void> {
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`child exited with ${code ?? signal}: ${Buffer.concat(stderr).toString()}`));
    });
  });
}

const CHILD_SCRIPT = `
const { readFileSync } = require('node:fs');
const [swcPath, adapterPath, path, streamId, idsJson] = process.argv.slice(2);
const { transformSync } = require(swcPath);
require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
const { SqliteEventStore } = require(adapterPath);

function eventWith(id) {
  const metadata = { correlationId: id, causationId: id, actor: 'child', channel: 'test', occurredAt: '2026-01-01T00:00:00.000Z',
    recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1, previousHash: null, hash: id };
  return { id, type: 'ContractTested', data: { pid: process.pid }, metadata };
}

async function appendWithRetry(store, id) {
  for (;;) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    try {
      return await store.appendToStream(streamId, [eventWith(id)], last ? last.revision : 'no-stream');
    } catch (error) {
      if (error.code !== 'stream-revision-conflict') throw error;
    }
  }
}

(async () => {
  const store = SqliteEventStore.open(path);
  process.stdout.write('ready\\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (const id of JSON.parse(idsJson)) await appendWithRetry(store, id);
  await store.close();
})().catch((error) => { console.error(error); process.exit(1); });
`;
