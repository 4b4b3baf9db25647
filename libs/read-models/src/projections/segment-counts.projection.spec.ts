import { at, cny, customerAcquired, customerActivated, customerChurned, transactionRecorded } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { defaultReadModelConfig } from './read-model.config';
import { SEGMENT_COUNT_MEMBERS, SEGMENT_COUNTS, segmentCountsProjection } from './segment-counts.projection';

const documentsOf = (...events: Parameters<typeof project>[1]) => project(segmentCountsProjection(defaultReadModelConfig), events);

describe('segment-counts projection', () => {
  it('counts each customer once, under its view as of its latest event, and says until when that view holds', async () => {
    const documents = await documentsOf(
      customerAcquired({ customerId: 'a', assets: cny('1000.00') }),
      customerAcquired({ customerId: 'b', assets: cny('1000.00') }),
      customerActivated({ customerId: 'a' }),
      transactionRecorded({ customerId: 'a', transactionId: 't1', occurredAt: at({ days: 1 }) }),
    );
    const members = documents[SEGMENT_COUNT_MEMBERS] ?? [];
    expect(members.map((m) => [m._id, m.judgedAt])).toEqual([
      ['a', at({ days: 1 })],
      ['b', expect.any(String)],
    ]);
    expect(members.every((m) => Number(m.validUntil) > Date.parse(String(m.judgedAt)))).toBe(true);
    const totals = (documents[SEGMENT_COUNTS] ?? []).filter((t) => Number(t.count) > 0);
    expect(totals.map((t) => t.count).reduce((sum, n) => Number(sum) + Number(n), 0)).toBe(2);
    const counted = new Set(members.map((m) => (m.counted as { segment: string }).segment));
    expect(new Set(totals.map((t) => t._id))).toEqual(counted);
  });

  it('moves a customer out of its old segment when an event changes its view, leaving a zero count behind', async () => {
    const documents = await documentsOf(
      customerAcquired({ customerId: 'a' }),
      customerActivated({ customerId: 'a' }),
      customerChurned({ customerId: 'a' }),
    );
    const totals = documents[SEGMENT_COUNTS] ?? [];
    expect(totals.filter((t) => t.count === 1).map((t) => t._id)).toEqual([
      (documents[SEGMENT_COUNT_MEMBERS]?.[0]?.counted as { segment: string }).segment,
    ]);
    expect(totals.filter((t) => t.count === 0).length).toBeGreaterThan(0);
    expect(totals.every((t) => Number(t.count) >= 0)).toBe(true);
  });
});
