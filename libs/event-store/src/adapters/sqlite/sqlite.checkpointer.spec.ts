import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpointer } from './sqlite.checkpointer';

const directory = mkdtempSync(join(tmpdir(), 'rapport-checkpointer-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const walBytes = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the background WAL checkpointer', () => {
  it('keeps the WAL bounded while writes never pause', async () => {
    const file = join(directory, 'sustained.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const checkpointer = new Checkpointer({ db, file, busyTimeoutMs: 1_000, intervalMs: 5, restartAfterPages: 100 });
    const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
    const body = 'x'.repeat(4_000);
    let largestWal = 0;
    let writes = 0;
    // For three seconds, a commit of about a page on every turn of the event loop; the WAL is
    // watched after the first second, once the worker is surely running.
    const started = Date.now();
    for (const until = started + 3_000; Date.now() < until; writes++) {
      insert.run(body);
      if (Date.now() - started > 1_000) largestWal = Math.max(largestWal, walBytes(file));
      await nextTurn();
    }
    await checkpointer.stop();
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: writes });
    db.close();
    // Unbounded, the WAL would hold every commit since the start.
    const written = writes * body.length;
    expect(written).toBeGreaterThan(12_000_000);
    expect(largestWal).toBeLessThan(Math.min(written / 4, 16_000_000));
  });

  it('brings SQLite\'s own checkpoints back when its worker fails', async () => {
    const file = join(directory, 'failing.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const failures: string[] = [];
    const checkpointer = new Checkpointer({ db, file: join(directory, 'missing', 'nowhere.sqlite'), busyTimeoutMs: 100, intervalMs: 5, onFailure: (reason) => failures.push(reason) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    while (failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.close();
  });
});
