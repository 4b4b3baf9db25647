import fc from 'fast-check';
import { defaultSegmentationConfig } from '@rapport/customer-domain';
import { withDailyTransaction } from './activity';
import { segmentFacts, type SegmentFacts } from './segment-facts';
import { segmentKeyAt, timeDrivenMoves } from './segment-moves';

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const config = defaultSegmentationConfig;

/** Facts of an active customer activated and transacting on whole hours, so every threshold falls on one. */
function factsOf(activatedHour: number, transactionHours: readonly number[]): SegmentFacts {
  const times = [...transactionHours].sort((a, b) => a - b).map((hour) => new Date(START + hour * HOUR_MS).toISOString());
  const days = times.reduce((counts, time) => withDailyTransaction(counts, time.slice(0, 10), config.behaviour.windowDays), '');
  return segmentFacts({
    status: 'active',
    customerType: 'individual',
    valueTier: 'mass',
    riskProfile: 'C2',
    activatedAt: new Date(START + activatedHour * HOUR_MS).toISOString(),
    lastTransactionAt: times.at(-1) ?? null,
    recentTransactionDays: days,
  });
}

const instantAt = (ms: number) => new Date(ms).toISOString();

/** The same moves found the slow way: the key judged at every whole hour. */
function hourByHour(facts: SegmentFacts, fromMs: number, toMs: number) {
  const moves: { at: string; from: string; to: string }[] = [];
  let key = segmentKeyAt(facts, instantAt(fromMs), config);
  for (let at = fromMs + HOUR_MS; at <= toMs; at += HOUR_MS) {
    const next = segmentKeyAt(facts, instantAt(at), config);
    if (next !== key) moves.push({ at: new Date(at).toISOString(), from: key, to: next });
    key = next;
  }
  return moves;
}

describe('time-driven segment moves', () => {
  it('finds every change a walk over every hour finds, at the same instants', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 30 }),
        fc.array(fc.integer({ min: 0, max: 24 * 120 }), { maxLength: 14 }),
        (activatedHour, transactionHours) => {
          const facts = factsOf(
            activatedHour,
            transactionHours.map((hour) => hour + activatedHour),
          );
          const [fromMs, toMs] = [START + activatedHour * HOUR_MS, START + (activatedHour + 24 * 500) * HOUR_MS];
          const moves = timeDrivenMoves(facts, instantAt(fromMs), instantAt(toMs), config).map(({ at, from, to }) => ({ at, from, to }));
          expect(moves).toEqual(hourByHour(facts, fromMs, toMs));
        },
      ),
      { numRuns: 25 },
    );
  });

  it.each([
    ['new ends with no transaction: dormant', [], '2026-04-01T00:00:00.000Z', ['lifecycle.newForDays']],
    [
      'the last transaction (2026-04-11) is 90 days old',
      [24 * 100],
      '2026-07-10T00:00:00.000Z',
      ['behaviour.windowDays', 'lifecycle.dormantAfterDays'],
    ],
  ])('names the rule that moved the customer: %s', (_, transactionHours, instant, rules) => {
    const facts = factsOf(0, transactionHours);
    const move = timeDrivenMoves(facts, instantAt(START), instantAt(START + 400 * 24 * HOUR_MS), config).find((m) =>
      m.to.endsWith('.dormant'),
    );
    expect(move).toMatchObject({ at: instant, rules });
  });
});
