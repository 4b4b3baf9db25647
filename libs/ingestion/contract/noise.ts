import { binary, structured, type EncodedRecord, type OutgoingEvent } from './cloud-event-encoding';
import type { SeededRandom } from './planned-message';

export interface NoiseRecord {
  readonly key: string | null;
  readonly record: { readonly value: Buffer | null; readonly headers: Record<string, string> };
  readonly expected: 'invalid' | 'unreadable';
  readonly fields?: readonly string[];
}

type InvalidCase = (base: OutgoingEvent) => { event: OutgoingEvent; fields: string[]; key?: string };

/** Messages that fail the envelope or the DTO: each names the fields the dead letter must list. */
const INVALID_CASES: readonly InvalidCase[] = [
  (base) => ({
    event: {
      ...base,
      type: 'customer.transaction-recorded',
      data: { transactionId: `${base.id}-x`, amount: { amount: '12.345', currency: 'CNY' }, productCategory: 'funds' },
    },
    fields: ['data.amount.amount'],
  }),
  (base) => ({ event: { ...base, type: 'customer.teleported', data: {} }, fields: ['type'] }),
  (base) => ({ event: { ...base, time: '2026-13-45T10:00:00Z' }, fields: ['time'] }),
  (base) => ({ event: { ...base, specversion: '0.3' }, fields: ['specversion'] }),
  (base) => ({
    event: {
      ...base,
      type: 'customer.satisfaction-recorded',
      data: { surveyId: `${base.id}-s`, csat: 9, touchpoint: 'app', channel: 'app' },
    },
    fields: ['data.csat'],
  }),
  (base) => ({ event: { ...base, data: { product: 'savings-account', nickname: 'vip' } }, fields: ['data.nickname'] }),
  (base) => ({ event: { ...base, subject: undefined }, fields: ['subject'] }),
  (base) => ({ event: base, fields: ['key'], key: 'someone-else' }),
];

const UNREADABLE: readonly (() => EncodedRecord | { value: null; headers: Record<string, string> })[] = [
  () => ({ value: Buffer.from('{"specversion": "1.0", "id": '), headers: { 'content-type': 'application/cloudevents+json' } }),
  () => ({ value: Buffer.from([0xc3, 0x28, 0xff, 0xfe]), headers: {} }),
  () => ({ value: null, headers: {} }),
];

/** An invalid message about `customerId`: it must change nothing in that customer's stream. */
export function invalidMessage(customerId: string, id: string, random: SeededRandom): NoiseRecord {
  const base: OutgoingEvent = {
    id,
    source: '/branch/shanghai',
    type: 'customer.activated',
    subject: customerId,
    time: '2026-02-01T10:00:00Z',
    data: { product: 'savings-account' },
  };
  const { event, fields, key } = random.pick(INVALID_CASES)(base);
  const record = random.chance(0.5) ? structured(event) : binary(event);
  return { key: key ?? customerId, record, expected: 'invalid', fields };
}

export function unreadableMessage(customerId: string, random: SeededRandom): NoiseRecord {
  return { key: customerId, record: random.pick(UNREADABLE)(), expected: 'unreadable' };
}
