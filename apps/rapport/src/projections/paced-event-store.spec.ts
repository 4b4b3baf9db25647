import { InMemoryEventStore, type EventToAppend } from '@rapport/event-store';
import { PacedEventStore } from './paced-event-store';

const INTERVAL_MS = 40;
// Timers may fire a millisecond early after rounding; never much earlier.
const TIMER_SLACK_MS = 2;

function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: 'Noted',
    data: { index },
    metadata: { correlationId: 'c', causationId: 'c', actor: 'test', channel: 'test', occurredAt: '2026-01-01T00:00:00.000Z', recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1, previousHash: null, hash: 'h' },
  }));
}

async function timed<T>(read: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await read();
  return { value, ms: performance.now() - started };
}

describe('PacedEventStore: how a background runner reads the event log', () => {
  it('starts a read that follows a partly filled page no sooner than the interval after the one before', async () => {
    const inner = new InMemoryEventStore();
    await inner.appendToStream('customer-a', events(3), 'no-stream');
    const paced = new PacedEventStore(inner, INTERVAL_MS);
    const first = await timed(() => paced.readAll({ maxCount: 10 }));
    const second = await timed(() => paced.readAll({ maxCount: 10 }));
    expect(first.value).toHaveLength(3);
    expect(first.ms).toBeLessThan(INTERVAL_MS);
    expect(second.value).toEqual(first.value);
    expect(second.ms).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
  });

  it('reads on at once after a full page, so a runner that is behind catches up unpaced', async () => {
    const inner = new InMemoryEventStore();
    await inner.appendToStream('customer-a', events(4), 'no-stream');
    const paced = new PacedEventStore(inner, 10_000);
    const pages = [];
    for (let after = 0; pages.length === 0 || pages.at(-1)?.length === 2; ) {
      const page = await paced.readAll({ afterPosition: after, maxCount: 2 });
      pages.push(page);
      after = page.at(-1)?.position ?? after;
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 0]);
  });

  it('leaves the store it wraps open when closed: the app owns it', async () => {
    const inner = new InMemoryEventStore();
    await new PacedEventStore(inner, INTERVAL_MS).close();
    await expect(inner.appendToStream('customer-a', events(1), 'no-stream')).resolves.toMatchObject({ revision: 0 });
  });
});
