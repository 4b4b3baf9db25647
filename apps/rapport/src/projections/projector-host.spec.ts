import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicySet, EVENT_SCHEMA_VERSIONS, type CustomerEvent } from '@rapport/customer-domain';
import { SqliteEventStore } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import {
  allProjections,
  CUSTOMER_SUMMARY,
  EmbeddedReadModelStore,
  LEASES,
  readModelConfigOf,
  type LeaseDocument,
} from '@rapport/read-models';
import { customerAcquired, customerActivated } from '@rapport/testing';
import { AppendNotices } from '../commands/append-notices';
import type { AppConfig } from '../config';
import { Metrics } from '../operations/metrics';
import { OwnedWork } from '../ownership/owned-work';
import { ProjectorHost } from './projector-host';
import { PROJECTOR_LEASE } from './projector-worker.protocol';

const config = readModelConfigOf(defaultPolicySet);
const names = allProjections(config).map((p) => p.name);
const directory = mkdtempSync(join(tmpdir(), 'rapport-projector-host-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A host as the service wires it, on the embedded stores under `dataDir`, with the read-model store of the main thread. */
function hostOn(dataDir: string, store: EmbeddedReadModelStore) {
  const appConfig = { dataDir, sqliteSynchronous: 'NORMAL', leaseMs: 60_000 } as AppConfig;
  const [metrics, appends, ownedWork] = [new Metrics(), new AppendNotices(), new OwnedWork(store, appConfig)];
  return { host: new ProjectorHost(store, config, appConfig, metrics, appends, ownedWork), metrics, appends, ownedWork };
}

function toAppend(event: CustomerEvent, n: number) {
  const metadata = { correlationId: `c-${n}`, causationId: `c-${n}`, actor: 'test', channel: 'test', occurredAt: event.data.occurredAt };
  const stamps = {
    recordedAt: event.data.occurredAt,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    previousHash: null,
    hash: `h-${n}`,
  };
  return { id: `event-${n}`, type: event.type, data: event.data, metadata: { ...metadata, ...stamps } };
}

/** Resolves when the host has counted `deaths` worker deaths in its metrics (the fact it records for each one). */
function workerDeaths(metrics: Metrics, deaths: number): Promise<void> {
  const count = metrics.count.bind(metrics);
  let counted = 0;
  return new Promise((resolve) => {
    metrics.count = (name, help, labels, by) => {
      count(name, help, labels, by);
      if (name === 'rapport_projector_worker_deaths_total' && ++counted === deaths) resolve();
    };
  });
}

describe('the projector host', () => {
  it('projects in its worker what this process appends, answers waitFor and reads between batches, and gives the lease back on stop', async () => {
    const dataDir = join(directory, 'running');
    const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'), { synchronous: 'NORMAL' });
    const store = EmbeddedReadModelStore.open(join(dataDir, 'read-models.sqlite'));
    const { host, appends, ownedWork } = hostOn(dataDir, store);
    try {
      await host.onApplicationBootstrap();
      const history = [customerAcquired({ customerId: 'H-1' }), customerActivated({ customerId: 'H-1' })];
      const { position } = await events.appendToStream(customerStreamId('H-1'), history.map(toAppend), 'no-stream');
      appends.notify();

      expect(await host.waitFor(names, position, 20_000)).toBe(true);
      expect(host.positionOf(names)).toBeGreaterThanOrEqual(position);
      expect(await host.readBetweenBatches(async () => (await store.get(CUSTOMER_SUMMARY, 'H-1'))?._id)).toBe('H-1');
      expect(host.workerHealth()).toEqual({ status: 'ready' });
      expect(ownedWork.held()).toEqual([PROJECTOR_LEASE]);
    } finally {
      await host.beforeApplicationShutdown();
    }
    expect(host.status().map((s) => s.state)).toEqual(names.map(() => 'stopped'));
    expect(ownedWork.held()).toEqual([]);
    const holdings = (await store.find<LeaseDocument>(LEASES, { filter: { lease: PROJECTOR_LEASE }, limit: 10 })).documents;
    expect(holdings.map((h) => [h.owner, Date.parse(h.expiresAt)])).toEqual([[ownedWork.owner, 0]]);
    await store.close();
    await events.close();
  });

  it('a worker that dies is logged, shown failed with its cause in status and health, and replaced', async () => {
    // A data dir that is a file: the worker cannot open its stores, and each one started dies.
    const dataDir = join(directory, 'not-a-directory');
    writeFileSync(dataDir, '');
    const store = EmbeddedReadModelStore.open(':memory:');
    const { host, metrics } = hostOn(dataDir, store);
    const secondDeath = workerDeaths(metrics, 2);
    try {
      await host.onApplicationBootstrap();
      await secondDeath;
      expect(host.workerHealth()).toEqual({ status: 'unavailable', detail: expect.stringMatching(/^projector worker died \(.*EEXIST/) });
      expect(host.status().map((s) => [s.state, s.lastError])).toEqual(
        names.map(() => ['failed', expect.stringMatching(/^projector worker died: /)]),
      );
    } finally {
      await host.beforeApplicationShutdown();
      await store.close();
    }
    expect(host.workerHealth()).toEqual({ status: 'unavailable', detail: 'projector worker stopped' });
  }, 30_000);
});
