import fc from 'fast-check';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { decodeKafkaRecord, type CloudEvent } from '@rapport/ingestion';
import type { EventStore } from '@rapport/event-store';
import { CloudEventIngestor, CoreModule } from '../../apps/rapport/src/core';
import { securityFromEnvironment, type AppConfig } from '../../apps/rapport/src/config';
import { EVENT_STORE } from '../../apps/rapport/src/wiring/tokens';
import { removeDir, tempDataDir } from '../support/http-app.harness';

const money = { amount: '100.00', currency: 'CNY' };
/** A valid `data` per CloudEvent type (README, Kafka contract); the properties mutate them. */
const VALID_DATA: Readonly<Record<string, Record<string, unknown>>> = {
  'customer.acquired': { customerType: 'individual', channel: 'web', assets: money, riskProfile: 'C2' },
  'customer.activated': { product: 'savings' },
  'customer.profile-updated': { riskProfile: 'C3' },
  'customer.transaction-recorded': { transactionId: 'T-x', amount: money, productCategory: 'cards' },
  'customer.complaint-filed': { complaintId: 'CMP-x', category: 'fees', severity: 'low', channel: 'web' },
  'customer.complaint-escalated': { complaintId: 'CMP-1', reason: 'slow' },
  'customer.complaint-resolved': { complaintId: 'CMP-1', resolution: 'refund' },
  'customer.satisfaction-recorded': { surveyId: 'S-x', csat: 4, touchpoint: 'app', channel: 'web' },
  'customer.points-redeemed': { redemptionId: 'R-x', points: 1, reward: 'gift' },
  'customer.churned': { reason: 'moved' },
  'customer.reactivated': {},
};

const nasty = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', '$where', '', '\u0000', '💥', 'NaN', '<script>'),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

function mutatedData(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const replaced =
    keys.length === 0 ? fc.constant(valid) : fc.tuple(fc.constantFrom(...keys), nasty).map(([k, v]) => ({ ...valid, [k]: v }));
  const extra = fc
    .tuple(fc.string({ minLength: 1, maxLength: 10 }), nasty)
    .filter(([k]) => !keys.includes(k) && k !== 'occurredAt' && k !== 'customerId')
    .map(([k, v]) => ({ ...valid, [k]: v }));
  return fc.oneof(replaced, extra, fc.jsonValue({ maxDepth: 4 }));
}

const events = fc
  .tuple(fc.constantFrom(...Object.keys(VALID_DATA)), fc.nat(), fc.constantFrom('K-1', 'K-new', 'nobody'))
  .chain(([type, n, subject]) =>
    mutatedData(VALID_DATA[type] ?? {}).map((data) => ({
      specversion: '1.0',
      id: `m-${n}`,
      source: 'fuzz',
      type,
      subject,
      time: '2026-01-05T09:00:00Z',
      data,
    })),
  );

describe('adversarial input through the Kafka mapping', () => {
  let dataDir: string;
  let context: INestApplicationContext;
  let ingestor: CloudEventIngestor;
  let store: EventStore;

  beforeAll(async () => {
    dataDir = tempDataDir('adversarial-kafka');
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      sqliteSynchronous: 'NORMAL',
      security: securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir),
    };
    context = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: false });
    ingestor = CloudEventIngestor.fromContext(context, 'fuzz');
    store = context.get<EventStore>(EVENT_STORE);
    const setup = (type: string, data: Record<string, unknown>, id: string) =>
      ingestor.ingest({
        specversion: '1.0',
        id,
        source: 'setup',
        type,
        subject: 'K-1',
        time: '2026-01-01T00:00:00Z',
        datacontenttype: 'application/json',
        data,
        extensions: {},
      } as unknown as CloudEvent);
    expect((await setup('customer.acquired', VALID_DATA['customer.acquired'] ?? {}, 's1')).kind).toBe('appended');
    expect((await setup('customer.activated', { product: 'savings' }, 's2')).kind).toBe('appended');
    expect(
      (await setup('customer.complaint-filed', { complaintId: 'CMP-1', category: 'fees', severity: 'low', channel: 'web' }, 's3')).kind,
    ).toBe('appended');
  });
  afterAll(async () => {
    await context.close();
    removeDir(dataDir);
  });

  it('mutated events never throw; an invalid or rejected one appends nothing, nor does a redelivery', async () => {
    const seen: Record<string, number> = {};
    const appended: CloudEvent[] = [];
    await fc.assert(
      fc.asyncProperty(events, async (raw) => {
        const decoded = decodeKafkaRecord({ 'content-type': 'application/cloudevents+json' }, Buffer.from(JSON.stringify(raw)));
        if (decoded.kind !== 'parsed') return void expect(decoded.kind).toBe('invalid'); // e.g. `data` not an object
        const head = await store.headPosition();
        const outcome = await ingestor.ingest(decoded.event);
        seen[outcome.kind] = (seen[outcome.kind] ?? 0) + 1;
        if (outcome.kind === 'appended') appended.push(decoded.event);
        else expect(await store.headPosition()).toBe(head);
      }),
      { numRuns: 400 },
    );
    // The property exercised every path, not just one; then every appended message, redelivered, is a no-op.
    expect(seen).toMatchObject({ appended: expect.any(Number), invalid: expect.any(Number), rejected: expect.any(Number) });
    const head = await store.headPosition();
    for (const event of appended) expect((await ingestor.ingest(event)).kind).toBe('duplicate');
    expect(await store.headPosition()).toBe(head);
  });

  it('arbitrary bytes and headers decode to an event or a reason, never a throw', () => {
    const headerValue = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)),
    );
    const headers = fc.dictionary(
      fc.oneof(
        fc.constantFrom('content-type', 'ce_specversion', 'ce_type', 'ce_id', 'ce_source', 'ce_subject', 'ce_time'),
        fc.string({ maxLength: 10 }),
      ),
      headerValue,
      { maxKeys: 6 },
    );
    const value = fc.oneof(
      fc.constant(null),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(headers, value, (h, v) => {
        const decoded = decodeKafkaRecord(h, v);
        expect(['parsed', 'unreadable', 'invalid']).toContain(decoded.kind);
      }),
      { numRuns: 2_000 },
    );
  });
});
