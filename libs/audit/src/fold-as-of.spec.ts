import { foldAsOf } from './fold-as-of';

const counter = { initialState: [] as string[], evolve: (state: string[], event: { type: string }) => [...state, event.type] };
const event = (type: string, occurredAt: string, recordedAt: string) => ({ type, data: {}, metadata: { occurredAt, recordedAt } });

describe('folding to an instant on two time bases', () => {
  const events = [
    event('A', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    event('B', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z'),
    event('back-dated C', '2026-01-05T00:00:00Z', '2026-02-01T00:00:00Z'),
  ];

  it('occurred: everything that happened by then, including what was recorded later', () => {
    expect(foldAsOf(events, new Date('2026-01-06T00:00:00Z'), 'occurred', counter)).toEqual({ state: ['A', 'back-dated C'], eventsApplied: 2 });
  });

  it('recorded: only what the system had stored by then', () => {
    expect(foldAsOf(events, new Date('2026-01-20T00:00:00Z'), 'recorded', counter)).toEqual({ state: ['A', 'B'], eventsApplied: 2 });
  });

  it('the instant itself is included', () => {
    expect(foldAsOf(events, new Date('2026-01-10T00:00:00Z'), 'occurred', counter).eventsApplied).toBe(3);
  });
});
