import type { EventStore, RecordedEvent } from '@rapport/event-store';
import type { Accounting, StoredEventView } from './accounting';
import type { PlannedMessage } from './planned-message';

/** Jest assertions for a clean run: nothing lost, nothing doubled, every dead letter for the right reason, order kept. */
export function expectExactAccounting(report: Accounting): void {
  expect({
    missingEvents: report.missingEvents,
    unexpectedEvents: report.unexpectedEvents,
    doubledEvents: report.doubledEvents,
    wrongDeadLetters: report.wrongDeadLetters.slice(0, 20),
    doubledDeadLetters: report.doubledDeadLetters,
    outOfOrderCustomers: report.outOfOrderCustomers,
  }).toEqual({
    missingEvents: [],
    unexpectedEvents: [],
    doubledEvents: [],
    wrongDeadLetters: [],
    doubledDeadLetters: [],
    outOfOrderCustomers: [],
  });
  expect(report.eventsAppended).toBe(report.produced.appended);
  const { invalid = 0, rejected = 0, unreadable = 0 } = report.produced;
  const expected = Object.fromEntries(Object.entries({ invalid, rejected, unreadable }).filter(([, count]) => count > 0));
  expect(report.deadLettersByReason).toEqual(expected);
}

export function deadLetterCount(planned: readonly PlannedMessage[]): number {
  return planned.filter((message) => message.expected === 'invalid' || message.expected === 'rejected' || message.expected === 'unreadable')
    .length;
}

/** Commands the service issues itself (sagas after an event, sweeps as time passes): no produced message stands behind them. */
const SERVICE_CHANNELS: ReadonlySet<string> = new Set(['saga', 'sweep']);
/** Events a command appends beside its own, as their consequence (a transaction that moves the tier): not a second append. */
const CONSEQUENCES: ReadonlySet<string> = new Set(['LoyaltyTierChanged']);

/** Whether a produced message caused this event: not a command the service issued itself, nor a consequence appended beside one. */
export function isCausedByMessage(event: RecordedEvent): boolean {
  return !SERVICE_CHANNELS.has(event.metadata.channel) && !CONSEQUENCES.has(event.type);
}

/** Every event a produced message caused, reduced to stream, revision and source message. */
export async function storedEvents(store: EventStore): Promise<StoredEventView[]> {
  const views: StoredEventView[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 5_000 });
    if (page.length === 0) return views;
    views.push(
      ...page
        .filter(isCausedByMessage)
        .map((event) => ({ streamId: event.streamId, revision: event.revision, sourceMessage: event.metadata.sourceMessage })),
    );
    after = page[page.length - 1]?.position ?? after;
  }
}
