import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCompactor } from './wal-compactor';

const directory = mkdtempSync(join(tmpdir(), 'rapport-wal-compactor-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const walBytes = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
// A worker whose first copy comes after an hour: within a test it never copies, as on a machine
// too busy to give it a turn.
const STALLED = 3_600_000;
const MAX_WAL_PAGES = 100;
const COMMITS = 2_000;

function tableIn(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { db, insert: db.prepare('INSERT INTO rows (body) VALUES (?)'), pageSize: Number(db.pragma('page_size', { simple: true })) };
}

describe('the WAL compactor', () => {
  it('keeps the WAL within its bound plus one commit, with its worker stalled', async () => {
    const file = join(directory, 'stalled.sqlite');
    const { db, insert, pageSize } = tableIn(file);
    const compactor = new WalCompactor({ db, file, busyTimeoutMs: 1_000, intervalMs: STALLED, maxWalPages: MAX_WAL_PAGES });
    const body = 'x'.repeat(pageSize);
    let largestWal = 0;
    for (let commit = 0; commit < COMMITS; commit++) {
      insert.run(body);
      largestWal = Math.max(largestWal, walBytes(file));
    }
    await compactor.stop();
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: COMMITS });
    db.close();
    // One commit of a row a page long writes a few pages (the row's overflow, the table and index leaves).
    const bound = (MAX_WAL_PAGES + 8) * (pageSize + 24);
    expect(COMMITS * body.length).toBeGreaterThan(15 * bound);
    expect(largestWal).toBeLessThanOrEqual(bound);
  });

  it("leaves the WAL unbounded when the writer's commits copy nothing: the bound above is the writer's doing", async () => {
    const file = join(directory, 'uncopied.sqlite');
    const { db, insert, pageSize } = tableIn(file);
    const compactor = new WalCompactor({ db, file, busyTimeoutMs: 1_000, intervalMs: STALLED, maxWalPages: MAX_WAL_PAGES });
    db.pragma('wal_autocheckpoint = 0');
    const body = 'x'.repeat(pageSize);
    for (let commit = 0; commit < COMMITS; commit++) insert.run(body);
    expect(walBytes(file)).toBeGreaterThan(COMMITS * body.length);
    await compactor.stop();
    db.close();
  });

  it('copies the WAL into the database file from its worker thread', async () => {
    const file = join(directory, 'copied.sqlite');
    const { db, insert, pageSize } = tableIn(file);
    const compactor = new WalCompactor({ db, file, busyTimeoutMs: 1_000, intervalMs: 5 });
    const sizeBefore = statSync(file).size;
    for (let commit = 0; commit < 50; commit++) insert.run('x'.repeat(pageSize));
    // The last copy on stop is the worker's too; the writer's connection copied nothing (50 commits are far below its bound).
    await compactor.stop();
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 50 * pageSize);
    db.close();
  });

  it("brings SQLite's own checkpoints back when its worker fails", async () => {
    const file = join(directory, 'failing.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    let failed: (reason: string) => void = () => undefined;
    const failure = new Promise<string>((resolve) => (failed = resolve));
    const compactor = new WalCompactor({
      db,
      file: join(directory, 'missing', 'nowhere.sqlite'),
      busyTimeoutMs: 100,
      intervalMs: 5,
      onFailure: (reason) => failed(reason),
    });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(8_192);
    expect(await failure).toMatch(/directory does not exist/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await compactor.stop();
    db.close();
  });

  it('never keeps its process alive: a process that leaves one running still exits', async () => {
    const register = join(__dirname, '..', '..', '..', 'bench', 'support', 'register.js');
    const file = join(directory, 'left-running.sqlite');
    const script = `
      const Database = require('better-sqlite3');
      const { WalCompactor } = require(${JSON.stringify(join(__dirname, 'wal-compactor.ts'))});
      const db = new Database(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL');
      new WalCompactor({ db, file: ${JSON.stringify(file)}, busyTimeoutMs: 1000, intervalMs: 50 });
      db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY)');`;
    // Killed after 30 s: a compactor that keeps the process alive fails this test, not the suite's exit.
    const child = spawn(process.execPath, ['--require', register, '-e', script], { stdio: 'inherit', timeout: 30_000 });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
