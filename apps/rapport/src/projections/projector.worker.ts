import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { allProjections, Lease, Projector, readModelConfigOf, rebuildProjections } from '@rapport/read-models';
import { openEventStore, openReadModelStore } from '../wiring/adapters';
import { crashingAfterDocuments } from './crash-hook';
import { PROJECTOR_PACING } from './projection.tokens';
import {
  PROJECTOR_LEASE,
  type FromProjectorWorker,
  type ProjectorReport,
  type ProjectorWorkerData,
  type ToProjectorWorker,
} from './projector-worker.protocol';

/**
 * The live projector's thread (ProjectorHost): its own event-store reader and read-model store
 * connections, the projector on them under the instance's lease, and the host's messages.
 */
async function run(port: MessagePort, data: ProjectorWorkerData): Promise<void> {
  const events = await openEventStore(data.stores);
  const store = await openReadModelStore(data.stores);
  const post = (message: FromProjectorWorker) => port.postMessage(message);
  const crashAfter = data.crashAfterProjectedDocuments;
  const written = crashAfter === undefined ? store : crashingAfterDocuments(store, crashAfter);
  const projector = new Projector(events, written, allProjections(readModelConfigOf(data.policy)), {
    batchSize: PROJECTOR_PACING.batchSize,
    minReadIntervalMs: PROJECTOR_PACING.minIntervalMs,
    lease: new Lease(store, PROJECTOR_LEASE, data.lease),
    // An upgrade that changed a projection's shape needs no manual step: the owner rebuilds it.
    rebuildOutdated: (projections, signal) => rebuildProjections(events, written, store, projections, { signal }),
    logger: {
      error: (message, details) => post({ type: 'log', level: 'error', message, details }),
      info: (message, details) => post({ type: 'log', level: 'info', message, details }),
    },
    onStatusChange: () => post({ type: 'status', report: report() }),
  });
  const report = (): ProjectorReport => ({ status: projector.status(), isOwner: projector.isOwner, outdated: projector.outdated() });
  const readsUnderWay = new Map<number, () => void>();

  const stop = async () => {
    await projector.stop();
    post({ type: 'status', report: report() });
    await events.close();
    await store.close();
    // Nothing else keeps the thread alive: it exits, and the host sees it exit.
    port.close();
  };
  const handle = (message: ToProjectorWorker): void => {
    switch (message.type) {
      case 'appended':
        return projector.notifyAppended();
      case 'wait':
        return void projector
          .waitFor(message.names, message.position, message.timeoutMs)
          .then(() => post({ type: 'status', report: report() }));
      case 'read-begin':
        return void projector.readBetweenBatches(
          () =>
            new Promise<void>((done) => {
              readsUnderWay.set(message.id, done);
              post({ type: 'read-granted', id: message.id, report: report() });
            }),
        );
      case 'read-end':
        readsUnderWay.get(message.id)?.();
        return void readsUnderWay.delete(message.id);
      case 'stop':
        return void stop().catch((error: unknown) => {
          post({ type: 'log', level: 'error', message: 'projector worker failed to stop cleanly', details: { error: String(error) } });
          port.close();
        });
    }
  };
  // Messages sent while the stores were opening were queued on the port; they arrive now.
  port.on('message', handle);
  projector.start();
}

if (parentPort === null) throw new Error('projector.worker runs only as a worker thread of ProjectorHost');
run(parentPort, workerData as ProjectorWorkerData).catch((error: unknown) => {
  // Thrown out of the thread (the stores did not open): the host's 'error' event logs it, its 'exit' starts another.
  process.nextTick(() => {
    throw error;
  });
});
