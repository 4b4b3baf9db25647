import 'reflect-metadata';
import { hashEvent } from '@rapport/audit';
import { CUSTOMER_UPCASTERS, EVENT_SCHEMA_VERSIONS, type CustomerEvent } from '@rapport/customer-domain';
import { InMemoryEventStore, Upcasters, UpcastingEventStore, type EventToAppend } from '@rapport/event-store';
import { ManualClock } from '@rapport/kernel';
import { InMemoryKeyStore, seal, sealText } from '@rapport/privacy';
import { customerAcquired, customerActivated, customerChurned, personalDataErased, transactionRecorded } from '@rapport/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnvironment } from '../config';
import { AccessLog } from '../security/access-log';
import { AnchorsService } from './anchors/anchors.service';
import { AuditService } from './audit.service';
import { PersonalDataReader } from './personal-data-reader';

const AUDITOR = { actor: 'auditor-1', role: 'auditor', via: 'spec', correlationId: 'corr-1' };
const personal = { name: 'Li Na', email: 'li.na@example.cn' };
const NOW = new Date('2027-01-01T00:00:00.000Z');

async function auditedCustomer() {
  const store = new InMemoryEventStore();
  const keys = new InMemoryKeyStore();
  const accessLog = new AccessLog(store, new ManualClock(NOW));
  const anchors = new AnchorsService(
    store,
    configFromEnvironment({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-audit-')) }),
    new ManualClock(NOW),
  );
  const audit = new AuditService(upcasting(store), new PersonalDataReader(keys), accessLog, anchors);
  let revision = 0;
  const append = async (...events: CustomerEvent[]) => {
    const stored = events.map(({ type, data }) => {
      const at = data.occurredAt;
      const metadata = {
        correlationId: 'c',
        causationId: 'c',
        actor: 'spec',
        channel: 'spec',
        schemaVersion: EVENT_SCHEMA_VERSIONS[type],
        occurredAt: at,
        recordedAt: at,
        previousHash: null,
        hash: `h${revision}`,
      };
      return { id: `e${revision++}`, type, data: data as unknown as Record<string, unknown>, metadata };
    });
    await store.appendToStream('customer-cust-0001', stored, 'any');
  };
  const sealed = seal(personal, await keys.keyFor('cust-0001'), 'cust-0001');
  await append(
    customerAcquired({ occurredAt: '2026-01-05T09:00:00.000Z', personal: sealed }),
    customerActivated({ occurredAt: '2026-01-06T09:00:00.000Z' }),
  );
  return { audit, keys, append, accessLog };
}

function upcasting(store: InMemoryEventStore): UpcastingEventStore {
  return new UpcastingEventStore(store, new Upcasters(CUSTOMER_UPCASTERS));
}

describe('the state as of an instant, with its fold snapshots kept between calls', () => {
  it('opens the sealed personal data that the cached state still holds sealed', async () => {
    const { audit } = await auditedCustomer();
    await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred');
    expect((await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred'))?.state).toMatchObject({ personal });
  });

  it('after erasure shows none, as of now or as of before it, though a fold from before was cached', async () => {
    const { audit, keys, append } = await auditedCustomer();
    await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'recorded');
    await keys.destroy('cust-0001', new Date('2026-03-01T00:00:00.000Z'));
    await append(personalDataErased({ occurredAt: '2026-03-01T00:00:00.000Z' }));
    const now = await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'recorded');
    const before = await audit.stateAsOf(AUDITOR, 'cust-0001', new Date('2026-02-01T00:00:00.000Z'), 'recorded');
    expect(now?.state).not.toHaveProperty('personal');
    expect(now).toMatchObject({ eventsApplied: 3, state: { personalDataErasedAt: '2026-03-01T00:00:00.000Z' } });
    expect(before).toMatchObject({ eventsApplied: 2, state: { personal: { erased: true, erasedAt: '2026-03-01T00:00:00.000Z' } } });
    expect(JSON.stringify([now, before])).not.toContain(personal.name);
  });

  it('counts the events appended since the last call', async () => {
    const { audit, append } = await auditedCustomer();
    await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred');
    await append(transactionRecorded({ transactionId: 't-1', occurredAt: '2026-02-01T00:00:00.000Z' }));
    expect(await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred')).toMatchObject({
      eventsApplied: 3,
      state: { transactionCount: 1 },
    });
  });

  it('is undefined for a customer with no events, and logs no access for one', async () => {
    const { audit, accessLog } = await auditedCustomer();
    expect(await audit.stateAsOf(AUDITOR, 'nobody', NOW, 'occurred')).toBeUndefined();
    expect(await accessLog.entries('nobody')).toEqual([]);
    await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred');
    expect(await accessLog.entries('cust-0001')).toHaveLength(1);
  });
});

describe('the history', () => {
  it('opens personal data in the events that hold it and leaves the others as stored', async () => {
    const { audit } = await auditedCustomer();
    const page = await audit.history(AUDITOR, 'cust-0001');
    expect(page?.events.map((event) => (event.data as { personal?: unknown }).personal)).toEqual([personal, undefined]);
  });

  it('after erasure says so where the personal data was', async () => {
    const { audit, keys } = await auditedCustomer();
    await keys.destroy('cust-0001', new Date('2026-03-01T00:00:00.000Z'));
    const page = await audit.history(AUDITOR, 'cust-0001');
    expect(page?.events[0]?.data).toMatchObject({ personal: { erased: true, erasedAt: '2026-03-01T00:00:00.000Z' } });
  });

  it('opens sealed free text, and shows free text stored in plaintext before sealing began as it was stored', async () => {
    const { audit, keys, append } = await auditedCustomer();
    const reason = sealText('moved in with Li Na', await keys.keyFor('cust-0001'), 'cust-0001');
    await append(customerChurned({ occurredAt: '2026-02-01T00:00:00.000Z', reason }));
    await append(customerChurned({ occurredAt: '2026-02-02T00:00:00.000Z', reason: 'legacy plaintext reason' }));
    const page = await audit.history(AUDITOR, 'cust-0001');
    expect(page?.events.slice(2).map((event) => (event.data as { reason?: unknown }).reason)).toEqual([
      'moved in with Li Na',
      'legacy plaintext reason',
    ]);
    const state = await audit.stateAsOf(AUDITOR, 'cust-0001', NOW, 'occurred');
    expect(state?.state).toMatchObject({ status: 'churned', churnReason: 'moved in with Li Na' });
    await keys.destroy('cust-0001', new Date('2026-03-01T00:00:00.000Z'));
    const erased = await audit.history(AUDITOR, 'cust-0001');
    expect((erased?.events[2]?.data as { reason?: unknown }).reason).toEqual({ erased: true, erasedAt: '2026-03-01T00:00:00.000Z' });
  });
});

describe('events stored in the shape of schema version 1', () => {
  const STREAM = 'customer-cust-0001';
  const customerId = 'cust-0001';
  /** As the first release wrote them: activation and transactions without tier window, activation without tier. */
  const version1 = [
    {
      type: 'CustomerAcquired',
      data: {
        customerId,
        occurredAt: '2026-01-05T09:00:00.000Z',
        customerType: 'individual',
        channel: 'branch',
        assets: { amount: '120000.00', currency: 'CNY' },
        riskProfile: 'C3',
      },
    },
    {
      type: 'CustomerActivated',
      data: { customerId, occurredAt: '2026-01-06T09:00:00.000Z', product: 'savings-account', pointsEarned: 200 },
    },
    {
      type: 'TransactionRecorded',
      data: {
        customerId,
        occurredAt: '2026-02-01T10:00:00.000Z',
        transactionId: 't-1',
        amount: { amount: '90000.00', currency: 'CNY' },
        productCategory: 'deposit',
        pointsEarned: 900,
        tierAfter: 'Silver',
      },
    },
    {
      type: 'TransactionRecorded',
      data: {
        customerId,
        occurredAt: '2027-03-01T10:00:00.000Z',
        transactionId: 't-2',
        amount: { amount: '1000.00', currency: 'CNY' },
        productCategory: 'deposit',
        pointsEarned: 10,
        tierAfter: 'Bronze',
      },
    },
  ];

  async function storedInVersion1() {
    const store = new InMemoryEventStore();
    let previousHash: string | null = null;
    const events: EventToAppend[] = version1.map(({ type, data }, revision) => {
      const metadata = {
        correlationId: 'c',
        causationId: 'c',
        actor: 'v1',
        channel: 'spec',
        schemaVersion: 1,
        occurredAt: data.occurredAt,
        recordedAt: data.occurredAt,
        previousHash,
      };
      const id = `v1-${revision}`;
      const hash: string = hashEvent({ id, streamId: STREAM, revision, type, data, metadata });
      previousHash = hash;
      return { id, type, data, metadata: { ...metadata, hash } };
    });
    await store.appendToStream(STREAM, events, 'no-stream');
    const keys = new InMemoryKeyStore();
    const anchors = new AnchorsService(
      store,
      configFromEnvironment({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-audit-')) }),
      new ManualClock(NOW),
    );
    return new AuditService(upcasting(store), new PersonalDataReader(keys), new AccessLog(store, new ManualClock(NOW)), anchors);
  }

  it('folds them as the version 1 evolve did: the bonus tier, then earnings outside the 12-month window dropped', async () => {
    const audit = await storedInVersion1();
    const afterActivation = await audit.stateAsOf(AUDITOR, customerId, new Date('2026-01-07T00:00:00.000Z'), 'occurred');
    expect(afterActivation?.state).toMatchObject({
      status: 'active',
      loyalty: { balance: 200, tier: 'Bronze', recentEarnings: { days: ['2026-01-06'], points: [200] } },
    });
    const now = await audit.stateAsOf(AUDITOR, customerId, new Date('2027-06-01T00:00:00.000Z'), 'occurred');
    expect(now?.state).toMatchObject({
      transactionCount: 2,
      lastTransactionAt: '2027-03-01T10:00:00.000Z',
      loyalty: { balance: 1110, lifetimeEarned: 1110, tier: 'Bronze', recentEarnings: { days: ['2027-03-01'], points: [10] } },
    });
  });

  it('shows and verifies them as written: the hash chain covers the stored shape', async () => {
    const audit = await storedInVersion1();
    expect(await audit.verify(AUDITOR, customerId)).toEqual({ valid: true, events: 4 });
    const page = await audit.history(AUDITOR, customerId);
    expect(page?.events[1]).toMatchObject({ data: version1[1]?.data, metadata: { schemaVersion: 1 } });
    expect(page?.events[1]?.data).not.toHaveProperty('tierAfter');
  });
});
