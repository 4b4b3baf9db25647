import { anEvent, collect, within } from '../../contract/event-store.fixtures';
import type { ReadAllOptions, RecordedEvent } from '../../event-store.port';
import { AppendSignal, CatchUpSubscription } from './catch-up.subscription';

function recorded(position: number): RecordedEvent {
  return { ...anEvent({ position }), streamId: 'customer-1', revision: position, position };
}

/** A store's readAll over an array that the test appends to, remembering each afterPosition asked for. */
function source(positions: number[]) {
  const events = positions.map(recorded);
  const askedAfter: number[] = [];
  const readPage = async ({ afterPosition = 0, maxCount }: ReadAllOptions) => {
    askedAfter.push(afterPosition);
    return events.filter((event) => event.position > afterPosition).slice(0, maxCount);
  };
  return { events, askedAfter, readPage };
}

describe('catch-up subscription', () => {
  it('reads history a page at a time, each page after the last delivered position', async () => {
    const { askedAfter, readPage } = source([10, 20, 30, 40, 50]);
    const subscription = new CatchUpSubscription(readPage, new AppendSignal(), { pageSize: 2 });
    const received = collect(subscription);
    await received.waitFor(5);
    await subscription.close();
    await within(received.finished, 1000, 'the end of the loop');
    expect(received.events.map((event) => event.position)).toEqual([10, 20, 30, 40, 50]);
    expect(askedAfter).toEqual([0, 20, 40]);
  });

  it('reads again as soon as its store signals an append', async () => {
    const { events, readPage } = source([1]);
    const signal = new AppendSignal();
    const subscription = new CatchUpSubscription(readPage, signal, { pageSize: 10 });
    const received = collect(subscription);
    await received.waitFor(1);
    events.push(recorded(2));
    signal.notify();
    await received.waitFor(2, 1000);
    await subscription.close();
    expect(received.events.map((event) => event.position)).toEqual([1, 2]);
  });

  it('with a poll interval, sees appends that no signal announced', async () => {
    const { events, readPage } = source([1]);
    const subscription = new CatchUpSubscription(readPage, new AppendSignal(), { pageSize: 10, pollIntervalMs: 5 });
    const received = collect(subscription);
    await received.waitFor(1);
    events.push(recorded(2));
    await received.waitFor(2, 1000);
    await subscription.close();
    expect(received.events.map((event) => event.position)).toEqual([1, 2]);
  });

  it('closes itself when the consumer leaves the loop, so its store can forget it', async () => {
    const { readPage } = source([1, 2, 3]);
    const closed: CatchUpSubscription[] = [];
    const subscription = new CatchUpSubscription(readPage, new AppendSignal(), { pageSize: 10 }, (it) => closed.push(it));
    for await (const event of subscription) {
      if (event.position === 2) break;
    }
    expect(closed).toEqual([subscription]);
  });
});
