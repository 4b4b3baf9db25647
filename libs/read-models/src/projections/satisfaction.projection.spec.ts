import { at, customerAcquired, customerActivated, satisfactionRecorded, transactionRecorded } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { defaultReadModelConfig } from './read-model.config';
import { SATISFACTION_BUCKETS, SATISFACTION_CUSTOMERS, satisfactionProjection } from './satisfaction.projection';

const projectSatisfaction = (...events: Parameters<typeof project>[1]) => project(satisfactionProjection(defaultReadModelConfig), events);

describe('satisfaction projection', () => {
  it('counts an answer in twelve buckets: day, ISO week and month, each overall, by channel, touchpoint and segment as of the answer', async () => {
    const documents = await projectSatisfaction(
      customerAcquired(),
      customerActivated(),
      satisfactionRecorded({ csat: 4, nps: 9, channel: 'branch', touchpoint: 'account-opening' }),
    );
    // activated the same instant, no transactions: individual, affluent (120,000 CNY), C3, behaviour none, stage new
    const segment = 'individual.affluent.C3.none.new';
    expect((documents[SATISFACTION_BUCKETS] ?? []).map((b) => b._id).sort()).toEqual(
      ['day|2026-01-05', 'week|2026-W02', 'month|2026-01']
        .flatMap((period) => [
          `${period}|overall|all`,
          `${period}|channel|branch`,
          `${period}|touchpoint|account-opening`,
          `${period}|segment|${segment}`,
        ])
        .sort(),
    );
  });

  it('keeps counts and sums only: responses, satisfied (4–5), score sum, NPS answers, promoters (9–10), detractors (0–6)', async () => {
    const documents = await projectSatisfaction(
      customerAcquired(),
      satisfactionRecorded({ surveyId: 's1', csat: 5, nps: 10 }),
      satisfactionRecorded({ surveyId: 's2', csat: 4, nps: 7 }),
      satisfactionRecorded({ surveyId: 's3', csat: 3, nps: 6 }),
      satisfactionRecorded({ surveyId: 's4', csat: 1, nps: undefined }),
    );
    const overallDay = (documents[SATISFACTION_BUCKETS] ?? []).find((b) => b._id === 'day|2026-01-05|overall|all');
    expect(overallDay).toEqual({
      _id: 'day|2026-01-05|overall|all',
      position: 50,
      granularity: 'day',
      period: '2026-01-05',
      by: 'overall',
      key: 'all',
      responses: 4,
      satisfied: 2,
      scoreSum: 13,
      npsResponses: 3,
      promoters: 1,
      detractors: 1,
    });
  });

  it('puts an answer in the segment the customer had when answering, not the one it has later', async () => {
    const transactions = Array.from({ length: 10 }, (_, i) =>
      transactionRecorded({ transactionId: `t${i}`, occurredAt: at({ days: 1, hours: i }) }),
    );
    const documents = await projectSatisfaction(
      customerAcquired(),
      customerActivated(),
      satisfactionRecorded({ surveyId: 'before' }),
      ...transactions,
      satisfactionRecorded({ surveyId: 'after', occurredAt: at({ days: 2 }) }),
    );
    const segments = (documents[SATISFACTION_BUCKETS] ?? [])
      .filter((b) => b.by === 'segment' && b.granularity === 'month')
      .map((b) => b.key);
    expect(segments.sort()).toEqual(['individual.affluent.C3.high.new', 'individual.affluent.C3.none.new']);
    expect(documents[SATISFACTION_CUSTOMERS]).toHaveLength(1);
  });
});
