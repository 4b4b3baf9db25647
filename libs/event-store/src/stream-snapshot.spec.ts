import type { RecordedEvent } from './event-store.port';
import { advanceSnapshot, emptySnapshot, priorOutcome } from './stream-snapshot';

const count = (state: number) => state + 1;

function event(revision: number, type: string, sourceMessage?: string): RecordedEvent {
  return {
    id: `e${revision}`,
    streamId: 's',
    revision,
    position: 100 + revision,
    type,
    data: {},
    metadata: { hash: `h${revision}`, ...(sourceMessage ? { sourceMessage } : {}) },
  } as unknown as RecordedEvent;
}

describe('stream snapshots and the outcomes of upstream messages', () => {
  it('remembers every event a message appended, under the last one', () => {
    const snapshot = advanceSnapshot(emptySnapshot(0), [event(0, 'A', 'm1'), event(1, 'B', 'm1'), event(2, 'C', 'm2')], count);
    expect(snapshot).toMatchObject({ state: 3, revision: 2, lastHash: 'h2' });
    expect(priorOutcome(snapshot, 'm1')).toEqual({ revision: 1, position: 101, eventTypes: ['A', 'B'] });
    expect(priorOutcome(snapshot, 'm2')).toEqual({ revision: 2, position: 102, eventTypes: ['C'] });
    expect(priorOutcome(snapshot, 'm3')).toBeUndefined();
  });

  it('an earlier snapshot does not see what later ones added', () => {
    const first = advanceSnapshot(emptySnapshot(0), [event(0, 'A', 'm1')], count);
    const second = advanceSnapshot(first, [event(1, 'B', 'm2')], count);
    expect(priorOutcome(second, 'm2')).toBeDefined();
    expect(priorOutcome(first, 'm2')).toBeUndefined();
    expect(priorOutcome(first, 'm1')).toEqual({ revision: 0, position: 100, eventTypes: ['A'] });
  });

  it('folding the same events again (a reload) gives the same outcomes', () => {
    const events = [event(0, 'A', 'm1'), event(1, 'B', 'm1')];
    const first = advanceSnapshot(emptySnapshot(0), events, count);
    const again = advanceSnapshot({ ...emptySnapshot(0), outcomes: first.outcomes }, events, count);
    expect(priorOutcome(again, 'm1')).toEqual({ revision: 1, position: 101, eventTypes: ['A', 'B'] });
  });
});
