import fc from 'fast-check';
import { foldAsOf, type TimeBasis } from './fold-as-of';

const counter = { initialState: [] as string[], evolve: (state: string[], event: { type: string }) => [...state, event.type] };
const event = (type: string, occurredAt: string, recordedAt: string) => ({ type, data: {}, metadata: { occurredAt, recordedAt } });

describe('folding to an instant on two time bases', () => {
  const events = [
    event('A', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    event('B', '2026-01-10T00:00:00.000Z', '2026-01-10T00:00:00.000Z'),
    event('back-dated C', '2026-01-05T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
  ];

  it('occurred: everything that happened by then, including what was recorded later', () => {
    expect(foldAsOf(events, new Date('2026-01-06T00:00:00Z'), 'occurred', counter)).toEqual({
      state: ['A', 'back-dated C'],
      eventsApplied: 2,
    });
  });

  it('recorded: only what the system had stored by then', () => {
    expect(foldAsOf(events, new Date('2026-01-20T00:00:00Z'), 'recorded', counter)).toEqual({ state: ['A', 'B'], eventsApplied: 2 });
  });

  it('the instant itself is included', () => {
    expect(foldAsOf(events, new Date('2026-01-10T00:00:00Z'), 'occurred', counter).eventsApplied).toBe(3);
  });
});

describe('continuing a fold and watching its whole prefix', () => {
  const events = [
    event('A', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    event('B', '2026-01-10T00:00:00.000Z', '2026-01-10T00:00:00.000Z'),
    event('back-dated C', '2026-01-05T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
    event('D', '2026-01-20T00:00:00.000Z', '2026-02-02T00:00:00.000Z'),
  ];

  it('from a fold of the first events gives what folding them all gives', () => {
    const asOf = new Date('2026-01-15T00:00:00Z');
    const start = foldAsOf(events.slice(0, 2), asOf, 'occurred', counter);
    expect(foldAsOf(events.slice(2), asOf, 'occurred', counter, { from: start })).toEqual(foldAsOf(events, asOf, 'occurred', counter));
  });

  it('reports the state after each event until the first one left out, and none after it', () => {
    const seen: [string[], number, number][] = [];
    foldAsOf(events, new Date('2026-01-25T00:00:00Z'), 'recorded', counter, {
      onWholePrefix: ({ state, eventsApplied }, index) => seen.push([state, eventsApplied, index]),
    });
    expect(seen).toEqual([
      [['A'], 1, 0],
      [['A', 'B'], 2, 1],
    ]);
  });

  it('reports every event when none is left out, counting on from where it started', () => {
    const indexes: number[] = [];
    const counts: number[] = [];
    const start = { state: ['earlier'], eventsApplied: 7 };
    foldAsOf(events, new Date('2026-03-01T00:00:00Z'), 'occurred', counter, {
      from: start,
      onWholePrefix: ({ eventsApplied }, index) => void (indexes.push(index), counts.push(eventsApplied)),
    });
    expect(indexes).toEqual([0, 1, 2, 3]);
    expect(counts).toEqual([8, 9, 10, 11]);
  });
});

describe('which event times are within the instant', () => {
  it('folds exactly the events whose time is at most the instant', () => {
    const hours = fc.integer({ min: -48, max: 48 });
    const milliseconds = fc.integer({ min: -1, max: 1 });
    const written = fc
      .tuple(hours, milliseconds)
      .map(([hour, ms]) => new Date(Date.parse('2026-01-05T00:00:00.000Z') + hour * 3_600_000 + ms).toISOString());
    fc.assert(
      fc.property(fc.array(written, { maxLength: 20 }), hours, fc.constantFrom<TimeBasis>('occurred', 'recorded'), (times, hour, basis) => {
        const asOf = new Date(Date.parse('2026-01-05T00:00:00.000Z') + hour * 3_600_000);
        const events = times.map((time, index) => event(`E${index}`, time, time));
        const expected = events.filter((e) => !(Date.parse(e.metadata.occurredAt) > asOf.getTime())).map((e) => e.type);
        expect(foldAsOf(events, asOf, basis, counter).state).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
