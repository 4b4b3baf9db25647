import { startWorkerThread } from '@rapport/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { aStreamId } from '../../contract/event-store.fixtures';
import { SqliteEventStore } from './sqlite.event-store';
import { WriterThread } from './sqlite.writer';
import type { AppendRequest, WriterSettings } from './sqlite.writer-protocol';

const directory = mkdtempSync(join(tmpdir(), 'rapport-sqlite-writer-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const anAppend = (): AppendRequest => ({
  streamId: aStreamId(),
  rows: [[`event-${aStreamId()}`, 'WriterTested', '{}', '{"schemaVersion":1}', 1]],
  expected: 'no-stream',
});

/** A thread that dies on the first request it gets, as the writer would on a bug or a native fault. */
const DYING_ON_FIRST_REQUEST = `
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', () => { throw new Error('the writer broke'); });
`;

describe('the SQLite writer thread', () => {
  it('fails the appends waiting on a thread that dies, and every later one, with EventStoreUnavailable', async () => {
    const writer = new WriterThread(new Worker(DYING_ON_FIRST_REQUEST, { eval: true }));
    const [append, dataVersion] = await Promise.allSettled([writer.append([anAppend()]), writer.dataVersion()]);
    expect(append).toMatchObject({ reason: { code: 'event-store-unavailable', message: expect.stringMatching(/the writer broke/) } });
    expect(dataVersion).toMatchObject({ reason: { code: 'event-store-unavailable' } });
    await expect(writer.append([anAppend()])).rejects.toMatchObject({ code: 'event-store-unavailable' });
    await writer.close();
  });

  it('fails the next append once its thread has ended unasked, instead of waiting for a reply that cannot come', async () => {
    const file = join(directory, 'ended.sqlite');
    await SqliteEventStore.open(file).close();
    const settings: WriterSettings = { file, synchronous: 'NORMAL', busyTimeoutMs: 1_000, walCopyIntervalMs: 200 };
    const worker = startWorkerThread(__dirname, 'sqlite.writer', settings);
    const writer = new WriterThread(worker);
    const [appended] = await writer.append([anAppend()]);
    expect(appended).toMatchObject({ ok: true, value: { revision: 0 } });

    await worker.terminate();
    await expect(writer.append([anAppend()])).rejects.toMatchObject({
      code: 'event-store-unavailable',
      message: expect.stringMatching(/exited/),
    });
    await writer.close();
  });
});
