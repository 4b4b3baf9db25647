import { defaultSegmentationConfig } from '@rapport/customer-domain';
import {
  at,
  cny,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerProfileUpdated,
  customerReactivated,
  transactionRecorded,
} from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { defaultReadModelConfig } from './read-model.config';
import { segmentAt, type SegmentFacts } from './segment-facts';
import { SEGMENT_MEMBERS, segmentsProjection, type SegmentMember } from './segments.projection';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const memberOf = async (...events: Parameters<typeof project>[1]) =>
  ((await project(segmentsProjection(defaultReadModelConfig), events))[SEGMENT_MEMBERS] ?? [])[0] as unknown as SegmentMember | undefined;

describe('segments projection', () => {
  it('keeps the static dimensions, the activity per day and per month, and RFM revenue in CNY only', async () => {
    const member = await memberOf(
      customerAcquired({ assets: cny('49999.99') }),
      customerActivated(),
      transactionRecorded({ transactionId: 't1', occurredAt: at({ days: 1 }), revenue: cny('10.00') }),
      transactionRecorded({ transactionId: 't2', occurredAt: at({ days: 1, hours: 2 }), revenue: usd('99.00') }),
      transactionRecorded({ transactionId: 't3', occurredAt: at({ months: 1 }), revenue: cny('0.50') }),
      customerProfileUpdated({ assets: cny('500000.00'), riskProfile: 'C1' }),
    );
    expect(member).toMatchObject({
      facts: {
        customerType: 'individual',
        valueTier: 'wealth',
        riskProfile: 'C1',
        status: 'active',
        lastTransactionAt: '2026-02-05T09:00:00.000Z',
        recentTransactionDays: '2026-01-06:2 2026-02-05:1',
      },
      recentMonths: '2026-01:2:1000 2026-02:1:50',
    });
  });

  it('keeps the value to date in CNY: revenue less the first acquisition cost, other currencies left out', async () => {
    const member = await memberOf(
      customerAcquired({ acquisitionCost: cny('300.00') }),
      customerActivated(),
      transactionRecorded({ transactionId: 't1', revenue: cny('120.50') }),
      transactionRecorded({ transactionId: 't2', revenue: usd('99.00') }),
      transactionRecorded({ transactionId: 't3', revenue: cny('10.00') }),
    );
    // 120.50 + 10.00 − 300.00 = −169.50 CNY
    expect(member?.valueToDateMinor).toBe('-16950');
  });

  it('follows churn and reactivation like the domain does', async () => {
    const churned = await memberOf(customerAcquired(), customerActivated(), customerChurned());
    const prospectBack = await memberOf(customerAcquired(), customerChurned(), customerReactivated());
    expect([churned?.facts.status, prospectBack?.facts.status]).toEqual(['churned', 'acquired']);
  });
});

describe('segment dimensions as of an instant (behaviour and lifecycle move with time)', () => {
  const facts = (overrides: Partial<SegmentFacts>): SegmentFacts => ({
    status: 'active',
    customerType: 'individual',
    valueTier: 'mass',
    riskProfile: 'C2',
    activatedAt: '2025-01-01T00:00:00.000Z',
    lastTransactionAt: '2026-03-01T00:00:00.000Z',
    recentTransactionDays: '2026-01-01:1 2026-03-01:2',
    ...overrides,
  });
  it.each([
    // the 90 days ending 2026-03-31 start on 2026-01-01, so all three transactions count: medium (3–9)
    ['2026-03-31T12:00:00Z', 'medium', 'mature'],
    // ending 2026-04-01 they start 2026-01-02: two transactions, low
    ['2026-04-01T12:00:00Z', 'low', 'mature'],
    // 90 days after the last transaction the customer is dormant, with none in the window
    ['2026-05-30T00:00:00Z', 'none', 'dormant'],
  ])('as of %s: behaviour %s, stage %s', (asOf, expectedBehaviour, stage) => {
    const dimensions = segmentAt(facts({}), new Date(asOf).toISOString(), defaultSegmentationConfig);
    expect([dimensions.behaviour, dimensions.lifecycleStage]).toEqual([expectedBehaviour, stage]);
  });

  it('a customer activated less than 90 days ago is new; a prospect and a churned customer keep their stage', () => {
    const asOf = '2026-03-01T00:00:00.000Z';
    expect(segmentAt(facts({ activatedAt: '2026-02-01T00:00:00.000Z' }), asOf, defaultSegmentationConfig).lifecycleStage).toBe('new');
    expect(segmentAt(facts({ status: 'acquired', activatedAt: null }), asOf, defaultSegmentationConfig).lifecycleStage).toBe('prospect');
    expect(segmentAt(facts({ status: 'churned' }), asOf, defaultSegmentationConfig).lifecycleStage).toBe('churned');
  });
});
