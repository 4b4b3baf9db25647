import { CUSTOMER_EVENT_TYPES } from '@rapport/customer-domain';
import { SIGNAL_SOURCE_TYPES, signalsFor, type SignalSourceEvent } from './customer-signals';

const AT = '2026-03-02T09:30:00.000Z';
const stored = (type: string, data: Record<string, unknown>, id = 'evt-1'): SignalSourceEvent => ({
  id,
  type,
  data: { customerId: 'c-42', occurredAt: AT, ...data },
});

describe('signalsFor: stored customer events to CloudEvents', () => {
  it.each([
    ['RetentionAlertRaised', { surveyId: 's-3', recentScores: [5, 4, 2] }, 'retention-alert', { surveyId: 's-3', recentScores: [5, 4, 2] }],
    [
      'ChurnRiskAssessed',
      { score: 71, reasons: [{ signal: 'dormancy', days: 90 }], threshold: 70, crossed: 'above' },
      'risk-threshold-crossed',
      { score: 71, threshold: 70, crossed: 'above' },
    ],
    [
      'ChurnRiskAssessed',
      { score: 40, reasons: [], threshold: 70, crossed: 'below' },
      'risk-threshold-crossed',
      { score: 40, threshold: 70, crossed: 'below' },
    ],
    [
      'ComplaintBreachWarned',
      { complaintId: 'k-1', dueAt: '2026-03-05T09:00:00Z' },
      'complaint-breach-warning',
      { complaintId: 'k-1', dueAt: '2026-03-05T09:00:00Z' },
    ],
    [
      'ComplaintBreached',
      { complaintId: 'k-1', dueAt: '2026-03-05T09:00:00Z' },
      'complaint-breached',
      { complaintId: 'k-1', dueAt: '2026-03-05T09:00:00Z' },
    ],
    [
      'LoyaltyTierChanged',
      { from: 'gold', to: 'silver', cause: 'window-lapsed', windowStartDay: '2025-03-02' },
      'tier-changed',
      { from: 'gold', to: 'silver', cause: 'window-lapsed', windowStartDay: '2025-03-02' },
    ],
    ['CustomerChurned', { reason: 'sealed:v1:abc' }, 'churned', {}],
  ])('given %s %j, then one signal of its kind carrying only codes, scores and dates', (type, data, kind, expected) => {
    expect(signalsFor(stored(type, data))).toEqual([
      {
        specversion: '1.0',
        id: `evt-1:${kind}`,
        source: '/rapport/customer-signals',
        type: `rapport.customer.${kind}.v1`,
        subject: 'c-42',
        time: AT,
        datacontenttype: 'application/json',
        data: { customerId: 'c-42', ...expected },
      },
    ]);
  });

  it('given a risk assessment that crossed no threshold, then no signal', () => {
    expect(signalsFor(stored('ChurnRiskAssessed', { score: 55, reasons: [], threshold: 70, crossed: null }))).toEqual([]);
  });

  it.each(CUSTOMER_EVENT_TYPES.filter((type) => !SIGNAL_SOURCE_TYPES.includes(type)))('given %s, then no signal', (type) => {
    expect(signalsFor(stored(type, {}))).toEqual([]);
  });

  it('gives the same id for the same stored event and different ids for different ones: consumers dedupe on it', () => {
    const churn = (id: string) => signalsFor(stored('CustomerChurned', { reason: 'x' }, id))[0]?.id;
    expect(churn('evt-7')).toBe(churn('evt-7'));
    expect(churn('evt-7')).not.toBe(churn('evt-8'));
  });

  it('never carries the free-text churn reason', () => {
    expect(JSON.stringify(signalsFor(stored('CustomerChurned', { reason: 'moved abroad, sealed:v1:zz' })))).not.toMatch(/reason|sealed/);
  });

  it('ignores a type that only looks like a mapping key (an inherited property name)', () => {
    expect(signalsFor(stored('toString', {}))).toEqual([]);
  });
});
