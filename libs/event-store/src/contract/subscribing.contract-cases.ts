import { aRunId, anEvent, collect, expectStrictlyIncreasing, type Given, someEvents, within } from './event-store.fixtures';

export function subscriptionCases(given: Given): void {
  describe('subscribing to all streams', () => {
    it('delivers history after the position, then live events, filtered to the prefix, in order, until closed', async () => {
      const run = aRunId();
      const [a1, a2, a3, b1, b2] = someEvents(5);
      const first = await given().appendToStream(`customer-${run}-a`, [a1], 'no-stream');
      await given().appendToStream(`other-${run}`, [anEvent()], 'no-stream');
      await given().appendToStream(`customer-${run}-a`, [a2, a3], 0);
      const subscription = given().subscribeToAll({ afterPosition: first.position, streamPrefix: `customer-${run}` });
      const received = collect(subscription);
      await received.waitFor(2);
      await given().appendToStream(`customer-${run}-b`, [b1], 'no-stream');
      await given().appendToStream(`other-${run}`, [anEvent()], 0);
      await given().appendToStream(`customer-${run}-b`, [b2], 0);
      await received.waitFor(4);
      await subscription.close();
      await within(received.finished, 5000, 'the end of the for-await loop after close()');
      expect(received.events.map((event) => event.id)).toEqual([a2, a3, b1, b2].map((event) => event.id));
      expectStrictlyIncreasing(received.events.map((event) => event.position));
    });

    it('delivers from the beginning when no position is given', async () => {
      const run = aRunId();
      const events = someEvents(3);
      await given().appendToStream(`customer-${run}`, events, 'no-stream');
      const subscription = given().subscribeToAll({ streamPrefix: `customer-${run}` });
      const received = collect(subscription);
      await received.waitFor(3);
      await subscription.close();
      await within(received.finished, 5000, 'the end of the for-await loop after close()');
      expect(received.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
    });

    it('ends a for-await loop that is waiting for live events when closed', async () => {
      const run = aRunId();
      const subscription = given().subscribeToAll({
        afterPosition: await given().headPosition(),
        streamPrefix: `customer-${run}`,
      });
      const received = collect(subscription);
      await subscription.close();
      await within(received.finished, 5000, 'the end of the for-await loop after close()');
      await given().appendToStream(`customer-${run}`, [anEvent()], 'no-stream');
      expect(received.events).toEqual([]);
    });
  });
}
