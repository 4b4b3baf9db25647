import { defaultSegmentationConfig, type SegmentationConfig } from '@rapport/customer-domain';
import { at, cny, customerAcquired, customerActivated, transactionRecorded } from '@rapport/testing';
import { stored } from '../contract/projection-harness';
import type { ProjectedEvent } from './projected-event';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';

const strict: SegmentationConfig = {
  ...defaultSegmentationConfig,
  valueTiers: { CNY: { affluentFrom: '10.00', wealthFrom: '20.00', privateFrom: '30.00' } },
};

function factsAfter(events: readonly ProjectedEvent[], config = defaultSegmentationConfig): SegmentFacts | null {
  return events.reduce<SegmentFacts | null>((facts, event) => evolveSegmentFacts(facts, event, config), null);
}

// Several projections evolve facts with the same event; each must get what its own facts and config give.
describe('evolving segment facts with one event from several documents', () => {
  const [acquired, activated, first, second] = stored([
    customerAcquired({ assets: cny('25.00') }),
    customerActivated(),
    transactionRecorded({ transactionId: 't1', occurredAt: at({ days: 1 }) }),
    transactionRecorded({ transactionId: 't2', occurredAt: at({ days: 2 }) }),
  ]) as [ProjectedEvent, ProjectedEvent, ProjectedEvent, ProjectedEvent];

  it('gives equal facts for equal facts that are different objects', () => {
    const before = factsAfter([acquired, activated, first]);
    const copy = before === null ? null : { ...before };
    expect(evolveSegmentFacts(copy, second, defaultSegmentationConfig)).toEqual(
      evolveSegmentFacts(before, second, defaultSegmentationConfig),
    );
  });

  it('gives other facts for other facts, whichever document came first', () => {
    const behind = factsAfter([acquired, activated]);
    const ahead = factsAfter([acquired, activated, first]);
    const fromAhead = evolveSegmentFacts(ahead, second, defaultSegmentationConfig);
    const fromBehind = evolveSegmentFacts(behind, second, defaultSegmentationConfig);
    expect(fromAhead?.recentTransactionDays).toBe('2026-01-06:1 2026-01-07:1');
    expect(fromBehind?.recentTransactionDays).toBe('2026-01-07:1');
  });

  it('gives each config its own facts', () => {
    expect(evolveSegmentFacts(null, acquired, defaultSegmentationConfig)?.valueTier).toBe('mass');
    expect(evolveSegmentFacts(null, acquired, strict)?.valueTier).toBe('wealth');
    expect(evolveSegmentFacts(null, acquired, defaultSegmentationConfig)?.valueTier).toBe('mass');
  });
});
