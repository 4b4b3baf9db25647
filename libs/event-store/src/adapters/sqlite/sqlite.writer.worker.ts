import { openWalDatabase, WalCompactor } from '@rapport/sqlite';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { GroupWriter } from './sqlite.group-writer';
import type { WriterReply, WriterRequest, WriterSettings } from './sqlite.writer-protocol';

function run(port: MessagePort, settings: WriterSettings): void {
  const { file, synchronous, busyTimeoutMs, walCopyIntervalMs } = settings;
  const db = openWalDatabase(file, { synchronous, busyTimeoutMs });
  const writer = new GroupWriter(db);
  const compactor = new WalCompactor({ db, file, synchronous, busyTimeoutMs, intervalMs: walCopyIntervalMs });
  const reply = (message: WriterReply) => port.postMessage(message);
  port.on('message', (request: WriterRequest) => {
    switch (request.kind) {
      case 'append':
        reply({ kind: 'appended', outcomes: writer.write(request.group) });
        // After the reply: the main thread goes on while a WAL past its bound is copied here.
        compactor.afterCommit();
        return;
      case 'dataVersion':
        reply({ kind: 'dataVersion', value: Number(db.pragma('data_version', { simple: true })) });
        return;
      case 'close':
        void compactor.stop().then(() => {
          db.close();
          port.close();
        });
        return;
    }
  });
}

if (parentPort === null) throw new Error('sqlite.writer.worker runs only as the worker thread of the SQLite event store');
run(parentPort, workerData as WriterSettings);
