import { anEvent, collect, within } from '../../contract/event-store.fixtures';
import type { ReadAllOptions, RecordedEvent } from '../../event-store.port';
import { AppendSignal, CatchUpSubscription } from './catch-up.subscription';

function recorded(position: number, streamId = 'customer-1'): RecordedEvent {
  return { ...anEvent({ position }), streamId, revision: position, position };
}

/** A store's readAll over an array that the test appends to, remembering each afterPosition asked for. */
function source(positions: number[]) {
  const events = positions.map((position) => recorded(position));
  const askedAfter: number[] = [];
  const readAll = async ({ afterPosition = 0, maxCount, streamPrefix = '' }: ReadAllOptions) => {
    askedAfter.push(afterPosition);
    return events.filter((event) => event.position > afterPosition && event.streamId.startsWith(streamPrefix)).slice(0, maxCount);
  };
  const headPosition = async () => events.at(-1)?.position ?? 0;
  return { events, askedAfter, log: { readAll, headPosition } };
}

describe('catch-up subscription', () => {
  it('reads history a page at a time, each page after the last delivered position', async () => {
    const { askedAfter, log } = source([10, 20, 30, 40, 50]);
    const subscription = new CatchUpSubscription(log, new AppendSignal(), { pageSize: 2 });
    const received = collect(subscription);
    await received.waitFor(5);
    await subscription.close();
    await within(received.finished, 1000, 'the end of the loop');
    expect(received.events.map((event) => event.position)).toEqual([10, 20, 30, 40, 50]);
    expect(askedAfter).toEqual([0, 20, 40]);
  });

  it('reads again as soon as its store signals an append', async () => {
    const { events, log } = source([1]);
    const signal = new AppendSignal();
    const subscription = new CatchUpSubscription(log, signal, { pageSize: 10 });
    const received = collect(subscription);
    await received.waitFor(1);
    events.push(recorded(2));
    signal.notify();
    await received.waitFor(2, 1000);
    await subscription.close();
    expect(received.events.map((event) => event.position)).toEqual([1, 2]);
  });

  it('with a stream prefix, reads after the head it reached, not again over the other streams it passed', async () => {
    const { events, askedAfter, log } = source([1]);
    let onRead: (() => void) | undefined;
    const watched = { ...log, readAll: (options: ReadAllOptions) => log.readAll(options).finally(() => onRead?.()) };
    const signal = new AppendSignal();
    const subscription = new CatchUpSubscription(watched, signal, { pageSize: 10, streamPrefix: 'customer-' });
    const received = collect(subscription);
    await received.waitFor(1);
    const readAfterSignal = new Promise<void>((resolve) => (onRead = resolve));
    events.push(recorded(2, 'access-1'), recorded(3, 'access-1'));
    signal.notify();
    await within(readAfterSignal, 1000, 'the read after the signal');
    events.push(recorded(4, 'access-1'), recorded(5));
    signal.notify();
    await received.waitFor(2, 1000);
    await subscription.close();
    expect(received.events.map((event) => event.position)).toEqual([1, 5]);
    expect(askedAfter.slice(0, 3)).toEqual([0, 1, 3]);
  });

  it('with a poll interval, sees appends that no signal announced', async () => {
    const { events, log } = source([1]);
    const subscription = new CatchUpSubscription(log, new AppendSignal(), { pageSize: 10, pollIntervalMs: 5 });
    const received = collect(subscription);
    await received.waitFor(1);
    events.push(recorded(2));
    await received.waitFor(2, 1000);
    await subscription.close();
    expect(received.events.map((event) => event.position)).toEqual([1, 2]);
  });

  it('closes itself when the consumer leaves the loop, so its store can forget it', async () => {
    const { log } = source([1, 2, 3]);
    const closed: CatchUpSubscription[] = [];
    const subscription = new CatchUpSubscription(log, new AppendSignal(), { pageSize: 10 }, (it) => closed.push(it));
    for await (const event of subscription) {
      if (event.position === 2) break;
    }
    expect(closed).toEqual([subscription]);
  });
});
