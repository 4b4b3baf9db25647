import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventStore } from '@rapport/event-store';
import type { CommandBus } from '@nestjs/cqrs';
import type { InboundMessage } from '@rapport/ingestion';
import { ManualClock } from '@rapport/kernel';
import { InMemoryKeyStore } from '@rapport/privacy';
import { OriginalSealer } from '../privacy/sealed-original';
import type { ExecuteCustomerCommand, CustomerCommandOutcome } from '../commands/execute-customer-command';
import { ToCommand } from '../commands/to-command';
import { Metrics } from '../operations/metrics';
import { CloudEventIngestor } from './cloud-event-ingestor';
import { KafkaMessageHandler } from './kafka-message.handler';
import { configFromEnvironment, CoreModule, EVENT_STORE } from '../core';

const event = {
  specversion: '1.0',
  id: 'm-7',
  source: '/call-centre',
  type: 'customer.activated',
  subject: 'C-1',
  time: '2026-01-15T09:30:00Z',
  data: { product: 'card' },
};

function record(value: unknown, key: string | null = 'C-1'): InboundMessage {
  return {
    topic: 'in',
    partition: 0,
    offset: '7',
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from(JSON.stringify(value)),
    headers: {},
  };
}

/** A bus that answers every command with `outcome` and remembers what it was sent. */
function handlerAnswering(outcome: CustomerCommandOutcome) {
  const sent: ExecuteCustomerCommand[] = [];
  const bus = { execute: async (command: ExecuteCustomerCommand) => (sent.push(command), outcome) } as unknown as CommandBus;
  const keys = new InMemoryKeyStore();
  const handler = new KafkaMessageHandler(
    new CloudEventIngestor(bus, new ToCommand(new ManualClock(new Date(0))), 'kafka-ingestion'),
    new Metrics(),
    new OriginalSealer(keys),
  );
  return { handler, sent, keys };
}

describe('a Kafka message', () => {
  it('that appends is settled as appended, with the CloudEvent source + id as its source message', async () => {
    const { handler, sent } = handlerAnswering({ kind: 'appended', revision: 1, position: 9, eventTypes: ['CustomerActivated'] });
    expect(await handler.handle(record(event))).toEqual({ kind: 'appended' });
    expect(sent[0]?.context).toEqual(
      expect.objectContaining({ sourceMessage: 'ce /call-centre m-7', channel: '/call-centre', actor: 'kafka-ingestion' }),
    );
  });

  it('causes its events: the causation id names the message (source + id), not the correlation id', async () => {
    const { handler, sent } = handlerAnswering({ kind: 'appended', revision: 1, position: 9, eventTypes: ['CustomerActivated'] });
    await handler.handle(record({ ...event, correlationid: 'order-42' }));
    expect(sent[0]?.context).toEqual(expect.objectContaining({ correlationId: 'order-42', causationId: 'ce /call-centre m-7' }));
  });

  it.each([
    ['a token', 'trace:2026-01.a_b-c', 'trace:2026-01.a_b-c'],
    ['not a token (a space)', 'two words', expect.stringMatching(/^ce-[0-9a-f]{32}$/)],
    ['absent', undefined, expect.stringMatching(/^ce-[0-9a-f]{32}$/)],
  ])(
    'carries a correlationid extension that is %s as the correlation id, or one derived from the message',
    async (_name, given, expected) => {
      const { handler, sent } = handlerAnswering({ kind: 'appended', revision: 1, position: 9, eventTypes: ['CustomerActivated'] });
      await handler.handle(record(given === undefined ? event : { ...event, correlationid: given }));
      expect(sent[0]?.context.correlationId).toEqual(expected);
    },
  );

  it('seen before is a duplicate: a no-op whose offset is committed', async () => {
    const { handler } = handlerAnswering({ kind: 'unchanged', revision: 1, eventTypes: ['CustomerActivated'] });
    expect(await handler.handle(record(event))).toEqual({ kind: 'duplicate' });
  });

  it('that breaks a rule is dead-lettered as rejected with the rule', async () => {
    const { handler } = handlerAnswering({
      kind: 'rejected',
      rejection: { kind: 'domain-error', code: 'customer-already-active', message: 'already active' },
    });
    expect(await handler.handle(record(event))).toEqual({
      kind: 'dead-letter',
      verdict: { reason: 'rejected', rule: 'customer-already-active', detail: 'already active' },
      value: expect.any(Buffer),
    });
  });

  it('of an unknown type is dead-lettered as invalid, and never reaches the bus', async () => {
    const { handler, sent } = handlerAnswering({ kind: 'appended', revision: 0, position: 1, eventTypes: [] });
    expect(await handler.handle(record({ ...event, type: 'customer.teleported' }))).toEqual({
      kind: 'dead-letter',
      verdict: { reason: 'invalid', errors: [expect.objectContaining({ field: 'type' })] },
      value: expect.any(Buffer),
    });
    expect(sent).toEqual([]);
  });

  it.each([
    ['another customer', 'C-2'],
    ['no key', null],
  ])('keyed by %s is dead-lettered as invalid (the key must be the subject)', async (_name, key) => {
    const { handler } = handlerAnswering({ kind: 'appended', revision: 0, position: 1, eventTypes: [] });
    expect(await handler.handle(record(event, key))).toEqual({
      kind: 'dead-letter',
      verdict: { reason: 'invalid', errors: [expect.objectContaining({ field: 'key' })] },
      value: expect.any(Buffer),
    });
  });

  it('that is not JSON is dead-lettered as unreadable', async () => {
    const { handler } = handlerAnswering({ kind: 'appended', revision: 0, position: 1, eventTypes: [] });
    const garbage: InboundMessage = { ...record(event), value: Buffer.from('{{{') };
    expect(await handler.handle(garbage)).toEqual({
      kind: 'dead-letter',
      verdict: { reason: 'unreadable', detail: 'the message is not valid JSON' },
      value: expect.any(Buffer),
    });
  });

  it('that meets a store failure throws, so the adapter redelivers it', async () => {
    const bus = { execute: async () => Promise.reject(new Error('store down')) } as unknown as CommandBus;
    const handler = new KafkaMessageHandler(
      new CloudEventIngestor(bus, new ToCommand(new ManualClock(new Date(0))), 'k'),
      new Metrics(),
      new OriginalSealer(new InMemoryKeyStore()),
    );
    await expect(handler.handle(record(event))).rejects.toThrow('store down');
  });

  it('dead-lettered carries its bytes sealed under the customer key, to be opened for repair and shredded by erasure', async () => {
    const { handler, keys } = handlerAnswering({
      kind: 'rejected',
      rejection: { kind: 'domain-error', code: 'customer-churned', message: 'churned' },
    });
    const churn = { ...event, type: 'customer.churned', data: { reason: 'moving in with Li Na' } };
    const fate = await handler.handle(record(churn));
    const value = fate.kind === 'dead-letter' ? fate.value : null;
    expect(value?.toString()).not.toContain('Li Na');
    const sealer = new OriginalSealer(keys);
    expect(JSON.parse((await sealer.open(JSON.parse(String(value)))).original.toString())).toEqual(churn);
    await keys.destroy('C-1', new Date(0));
    await expect(sealer.open(JSON.parse(String(value)))).rejects.toThrow('was erased');
  });

  it.each([
    ['an unreadable key', Buffer.from([0xff, 0xfe])],
    ['no key', null],
  ])('that is unreadable, with %s, keeps none of its bytes', async (_name, key) => {
    const { handler } = handlerAnswering({ kind: 'appended', revision: 0, position: 1, eventTypes: [] });
    const fate = await handler.handle({ ...record(event), key, value: Buffer.from('{"personal":{"name":"Li Na"') });
    expect(fate.kind === 'dead-letter' && JSON.parse(String(fate.value))).toEqual({ sealedOriginal: 1, stripped: 'no-customer-id' });
  });
});

describe('a Kafka message handled by the service write loop', () => {
  let dir: string;
  let context: INestApplicationContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-kafka-handler-'));
    const config = configFromEnvironment({ DATA_DIR: dir, RAPPORT_AUTH: 'disabled', SQLITE_SYNCHRONOUS: 'NORMAL' });
    context = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: false });
  });
  afterEach(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dated beyond the clock-skew bound is dead-lettered as rejected with the rule, so the partition moves on', async () => {
    const handler = new KafkaMessageHandler(
      CloudEventIngestor.fromContext(context, 'kafka-ingestion'),
      context.get(Metrics),
      context.get(OriginalSealer),
    );
    const acquired = {
      ...event,
      id: 'm-1',
      type: 'customer.acquired',
      time: new Date(Date.now() + 3_600_000).toISOString(),
      data: { customerType: 'individual', channel: 'branch', assets: { amount: '10.00', currency: 'CNY' }, riskProfile: 'C2' },
    };
    expect(await handler.handle(record(acquired))).toEqual({
      kind: 'dead-letter',
      verdict: { reason: 'rejected', rule: 'occurred-in-the-future', detail: expect.stringContaining('occurredAt') },
      value: expect.any(Buffer),
    });
    expect(await context.get<EventStore>(EVENT_STORE).readStream('C-1')).toEqual([]);
  });
});
