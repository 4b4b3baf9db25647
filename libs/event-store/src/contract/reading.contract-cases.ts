import type { EventStore } from '../event-store.port';
import { aRunId, aStreamId, anEvent, expectStrictlyIncreasing, type Given, someEvents } from './event-store.fixtures';

const streamReads: [string, Parameters<EventStore['readStream']>[1], number[]][] = [
  ['all of it forwards by default', undefined, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ['forwards from a revision, at most maxCount', { fromRevision: 3, maxCount: 4 }, [3, 4, 5, 6]],
  ['forwards to the end when maxCount exceeds it', { fromRevision: 8, maxCount: 5 }, [8, 9]],
  ['nothing from past the end', { fromRevision: 10 }, []],
  ['backwards from the end', { direction: 'backwards', maxCount: 3 }, [9, 8, 7]],
  ['backwards from a revision', { direction: 'backwards', fromRevision: 4 }, [4, 3, 2, 1, 0]],
];

export function readingStreamCases(given: Given): void {
  describe('reading a stream', () => {
    it.each(streamReads)('reads %s', async (_, options, revisions) => {
      const streamId = aStreamId();
      const events = someEvents(10);
      await given().appendToStream(streamId, events, 'no-stream');
      const stored = await given().readStream(streamId, options);
      expect(stored.map((event) => event.revision)).toEqual(revisions);
      expect(stored.map((event) => event.id)).toEqual(revisions.map((revision) => events[revision]?.id));
    });

    it('reads a missing stream as an empty array', async () => {
      expect(await given().readStream(aStreamId())).toEqual([]);
      expect(await given().readStream(aStreamId(), { direction: 'backwards', maxCount: 1 })).toEqual([]);
    });

    it('returns data and metadata exactly as appended', async () => {
      const streamId = aStreamId();
      const data = {
        name: 'Zoë 王小明 🦄 e\u0301',
        amount: { value: '1234.50', currency: 'CNY' },
        tags: ['a', { nested: [1, 2.5, -3, true, false, null] }],
        empty: {},
        quote: 'line\nbreak "quoted" \\ back\tslash',
      };
      const event = { ...anEvent(data), metadata: { ...anEvent().metadata, sourceMessage: 'branch:msg-7 ✓' } };
      const { position } = await given().appendToStream(streamId, [event], 'no-stream');
      const expected = { ...event, streamId, revision: 0, position };
      expect(await given().readStream(streamId)).toEqual([expected]);
      expect(await given().readAll({ afterPosition: position - 1, maxCount: 1, streamPrefix: streamId })).toEqual([expected]);
    });
  });
}

export function readingAllCases(given: Given): void {
  describe('reading all streams', () => {
    it('reads events after a position in strictly increasing order, across streams', async () => {
      const run = aRunId();
      const head = await given().headPosition();
      const [a1, o1, b1, b2, a2] = someEvents(5);
      await given().appendToStream(`customer-${run}-a`, [a1], 'no-stream');
      await given().appendToStream(`other-${run}`, [o1], 'no-stream');
      await given().appendToStream(`customer-${run}-b`, [b1, b2], 'no-stream');
      await given().appendToStream(`customer-${run}-a`, [a2], 0);
      const page = await given().readAll({ afterPosition: head, maxCount: 100_000 });
      expect(page.every((event) => event.position > head)).toBe(true);
      expectStrictlyIncreasing(page.map((event) => event.position));
      const ours = page.filter((event) => event.streamId.includes(run));
      expect(ours.map((event) => event.id)).toEqual([a1, o1, b1, b2, a2].map((event) => event.id));
    });

    it('pages with maxCount, each page starting strictly after the previous one', async () => {
      const run = aRunId();
      const events = someEvents(5);
      let afterPosition = await given().headPosition();
      await given().appendToStream(`customer-${run}-a`, events.slice(0, 3), 'no-stream');
      await given().appendToStream(`customer-${run}-b`, events.slice(3), 'no-stream');
      const pages: string[][] = [];
      for (;;) {
        const page = await given().readAll({ afterPosition, maxCount: 2, streamPrefix: `customer-${run}` });
        const last = page[page.length - 1];
        if (last === undefined) break;
        pages.push(page.map((event) => event.id));
        afterPosition = last.position;
      }
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(events.map((event) => event.id));
    });

    it('keeps only streams with the prefix', async () => {
      const run = aRunId();
      const head = await given().headPosition();
      const [c1, o1, c2] = someEvents(3);
      await given().appendToStream(`customer-${run}-1`, [c1], 'no-stream');
      await given().appendToStream(`other-${run}-1`, [o1], 'no-stream');
      await given().appendToStream(`customer-${run}-2`, [c2], 'no-stream');
      const broad = await given().readAll({ afterPosition: head, maxCount: 100_000, streamPrefix: 'customer-' });
      expect(broad.every((event) => event.streamId.startsWith('customer-'))).toBe(true);
      expect(broad.map((event) => event.id)).toEqual(expect.arrayContaining([c1.id, c2.id]));
      const narrow = await given().readAll({ afterPosition: head, maxCount: 100, streamPrefix: `customer-${run}` });
      expect(narrow.map((event) => event.id)).toEqual([c1.id, c2.id]);
    });

    it('reads with no metadata but the schema version the very events readAll gives, with and without a prefix, page by page', async () => {
      const run = aRunId();
      const head = await given().headPosition();
      await given().appendToStream(`customer-${run}-a`, someEvents(3), 'no-stream');
      await given().appendToStream(`other-${run}`, someEvents(1), 'no-stream');
      const atVersion3 = anEvent({ nested: { amount: { value: '1.50', currency: 'CNY' } }, tags: ['x', null] });
      await given().appendToStream(
        `customer-${run}-b`,
        [{ ...atVersion3, metadata: { ...atVersion3.metadata, schemaVersion: 3 } }],
        'no-stream',
      );
      for (const options of [
        { afterPosition: head, maxCount: 100_000 },
        { afterPosition: head, maxCount: 2, streamPrefix: `customer-${run}` },
      ]) {
        const withMetadata = await given().readAll(options);
        const lean = await given().readAllWithoutMetadata?.(options);
        expect(lean).toEqual(
          withMetadata.map(({ metadata, ...rest }) => ({ ...rest, metadata: { schemaVersion: metadata.schemaVersion } })),
        );
      }
      const ours = await given().readAllWithoutMetadata?.({ afterPosition: head, maxCount: 100_000, streamPrefix: `customer-${run}` });
      expect(ours?.map((event) => event.streamId)).toEqual([...Array(3).fill(`customer-${run}-a`), `customer-${run}-b`]);
      expect(ours?.map((event) => event.metadata.schemaVersion)).toEqual([1, 1, 1, 3]);
    });

    it('moves headPosition to at least each appended position', async () => {
      const before = await given().headPosition();
      const first = await given().appendToStream(aStreamId(), [anEvent()], 'no-stream');
      const afterFirst = await given().headPosition();
      const second = await given().appendToStream(aStreamId(), [anEvent()], 'no-stream');
      expect(first.position).toBeGreaterThan(before);
      expect(afterFirst).toBeGreaterThanOrEqual(first.position);
      expect(second.position).toBeGreaterThan(afterFirst);
      expect(await given().headPosition()).toBeGreaterThanOrEqual(second.position);
    });
  });
}
