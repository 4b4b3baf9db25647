import { afterConsumerSeen, halted, mayCommit, mayStart, RUNNING, type PartitionPhase } from './partition-phase';

const running = { isRunning: true, isStale: false };
const stopping = { isRunning: false, isStale: false };
const stale = { isRunning: true, isStale: true };
const failed: PartitionPhase = { kind: 'halted', reason: { kind: 'failed' } };

describe('the phase of a partition batch', () => {
  it.each([
    ['running, the consumer still running', RUNNING, running, RUNNING],
    ['running, the consumer asked to stop: drains through the furthest started', RUNNING, stopping, { kind: 'draining', through: 7 }],
    ['draining, seen again later: keeps its first boundary', { kind: 'draining', through: 3 }, stopping, { kind: 'draining', through: 3 }],
    ['running, the batch gone stale', RUNNING, stale, { kind: 'halted', reason: { kind: 'stale' } }],
    [
      'draining, the batch gone stale',
      { kind: 'draining', through: 3 },
      { isRunning: false, isStale: true },
      { kind: 'halted', reason: { kind: 'stale' } },
    ],
    ['halted, whatever the consumer says', failed, stale, failed],
  ] as const)('%s', (_name, phase: PartitionPhase, consumer, expected) => {
    expect(afterConsumerSeen(phase, consumer, 7)).toEqual(expected);
  });

  it('halting is final: a second reason does not replace the first', () => {
    const rebalancing = halted(RUNNING, { kind: 'rebalancing', error: new Error('rejoin') });
    expect(halted(rebalancing, { kind: 'failed' })).toBe(rebalancing);
    expect(halted({ kind: 'draining', through: 2 }, { kind: 'commit-lost' })).toEqual({ kind: 'halted', reason: { kind: 'commit-lost' } });
  });

  it.each([
    [RUNNING, 99, true],
    [{ kind: 'draining', through: 4 }, 4, true],
    [{ kind: 'draining', through: 4 }, 5, false],
    [failed, 0, false],
  ] as const)('in %j message %i may start: %s', (phase: PartitionPhase, index, expected) => {
    expect(mayStart(phase, index)).toBe(expected);
  });

  it('commits what settled in every phase but after a lost commit', () => {
    const phases: PartitionPhase[] = [
      RUNNING,
      { kind: 'draining', through: 1 },
      failed,
      { kind: 'halted', reason: { kind: 'stale' } },
      { kind: 'halted', reason: { kind: 'rebalancing', error: 'x' } },
    ];
    expect(phases.map(mayCommit)).toEqual([true, true, true, true, true]);
    expect(mayCommit({ kind: 'halted', reason: { kind: 'commit-lost' } })).toBe(false);
  });
});
