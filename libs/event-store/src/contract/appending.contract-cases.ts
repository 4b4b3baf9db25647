import type { ExpectedRevision } from '../event-store.port';
import { aStreamId, anEvent, appendWithRetry, expectStrictlyIncreasing, type Given, someEvents } from './event-store.fixtures';

const conflicts: [string, number, ExpectedRevision, number | 'no-stream'][] = [
  ['no-stream when the stream exists', 2, 'no-stream', 1],
  ['an older exact revision', 2, 0, 1],
  ['a newer exact revision', 2, 2, 1],
  ['stream-exists when the stream is missing', 0, 'stream-exists', 'no-stream'],
  ['an exact revision when the stream is missing', 0, 0, 'no-stream'],
];

export function appendingCases(given: Given, duplicateEventIds: 'conflict' | 'idempotent'): void {
  describe('appending', () => {
    it('appends to a new stream with no-stream, numbering revisions from 0', async () => {
      const streamId = aStreamId();
      const events = someEvents(3);
      const result = await given().appendToStream(streamId, events, 'no-stream');
      const stored = await given().readStream(streamId);
      expect(stored.map((event) => [event.id, event.revision])).toEqual(events.map((event, index) => [event.id, index]));
      expect(result).toEqual({ revision: 2, position: stored[2]?.position });
    });

    it('appends to a new stream with any', async () => {
      const streamId = aStreamId();
      const result = await given().appendToStream(streamId, [anEvent()], 'any');
      expect(result.revision).toBe(0);
      expect(await given().readStream(streamId)).toHaveLength(1);
    });

    it('appends to an existing stream with any, stream-exists and its exact last revision', async () => {
      const streamId = aStreamId();
      const [a, b, c, d] = someEvents(4);
      await given().appendToStream(streamId, [a], 'no-stream');
      expect((await given().appendToStream(streamId, [b], 'any')).revision).toBe(1);
      expect((await given().appendToStream(streamId, [c], 'stream-exists')).revision).toBe(2);
      expect((await given().appendToStream(streamId, [d], 2)).revision).toBe(3);
      const stored = await given().readStream(streamId);
      expect(stored.map((event) => event.id)).toEqual([a, b, c, d].map((event) => event.id));
    });

    it.each(conflicts)('rejects %s with StreamRevisionConflict and appends nothing', async (_, existing, expected, actual) => {
      const streamId = aStreamId();
      if (existing > 0) await given().appendToStream(streamId, someEvents(existing), 'no-stream');
      await expect(given().appendToStream(streamId, someEvents(2), expected)).rejects.toMatchObject({
        code: 'stream-revision-conflict',
        streamId,
        expected,
        actual,
      });
      expect(await given().readStream(streamId)).toHaveLength(existing);
    });

    it('keeps revisions contiguous from 0 and positions increasing across appends', async () => {
      const streamId = aStreamId();
      const results = [
        await given().appendToStream(streamId, someEvents(1), 'no-stream'),
        await given().appendToStream(streamId, someEvents(2), 0),
        await given().appendToStream(streamId, someEvents(3), 2),
      ];
      const stored = await given().readStream(streamId);
      expect(results.map((result) => result.revision)).toEqual([0, 2, 5]);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      expectStrictlyIncreasing(stored.map((event) => event.position));
      expect(results.map((result) => result.position)).toEqual([0, 2, 5].map((revision) => stored[revision]?.position));
    });

    it('an empty append to an existing stream appends nothing and returns its last revision and position', async () => {
      const streamId = aStreamId();
      const last = await given().appendToStream(streamId, someEvents(2), 'no-stream');
      expect(await given().appendToStream(streamId, [], 1)).toEqual(last);
      expect(await given().readStream(streamId)).toHaveLength(2);
    });

    it('an empty append to a missing stream returns revision -1 and the head position, creating nothing', async () => {
      const streamId = aStreamId();
      await given().appendToStream(aStreamId(), [anEvent()], 'no-stream');
      const headBefore = await given().headPosition();
      const result = await given().appendToStream(streamId, [], 'no-stream');
      const headAfter = await given().headPosition();
      expect(result.revision).toBe(-1);
      expect(result.position).toBeGreaterThanOrEqual(headBefore);
      expect(result.position).toBeLessThanOrEqual(headAfter);
      expect(await given().readStream(streamId)).toEqual([]);
      await expect(given().appendToStream(streamId, [anEvent()], 'no-stream')).resolves.toMatchObject({ revision: 0 });
    });

    it('an empty append still checks the expected revision', async () => {
      const streamId = aStreamId();
      await given().appendToStream(streamId, [anEvent()], 'no-stream');
      await expect(given().appendToStream(streamId, [], 5)).rejects.toMatchObject({
        code: 'stream-revision-conflict',
        actual: 0,
      });
    });

    if (duplicateEventIds === 'conflict') duplicatesConflict(given);
    else duplicatesAreIdempotent(given);
  });
}

function duplicatesConflict(given: Given): void {
  describe('an event id already stored', () => {
    it('is a conflict and appends nothing', async () => {
      const streamId = aStreamId();
      const event = anEvent();
      await given().appendToStream(streamId, [event], 'no-stream');
      await expect(given().appendToStream(streamId, [anEvent(), event], 0)).rejects.toMatchObject({
        code: 'stream-revision-conflict',
        actual: 0,
      });
      expect((await given().readStream(streamId)).map((stored) => stored.id)).toEqual([event.id]);
    });

    it('repeated within one append is a conflict', async () => {
      const streamId = aStreamId();
      const event = anEvent();
      await expect(given().appendToStream(streamId, [event, event], 'no-stream')).rejects.toMatchObject({
        code: 'stream-revision-conflict',
        actual: 'no-stream',
      });
      expect(await given().readStream(streamId)).toEqual([]);
    });
  });
}

function duplicatesAreIdempotent(given: Given): void {
  describe('an event id already stored', () => {
    it.each<[string, ExpectedRevision]>([
      ['no-stream', 'no-stream'],
      ['an exact revision', 0],
    ])(
      'appended again with the same events at the same expected revision (%s) answers as the first time and writes nothing',
      async (_, expected) => {
        const streamId = aStreamId();
        if (expected !== 'no-stream') await given().appendToStream(streamId, [anEvent()], 'no-stream');
        const events = someEvents(2);
        const first = await given().appendToStream(streamId, events, expected);
        const repeat = await given().appendToStream(streamId, events, expected);
        expect(repeat).toEqual(first);
        const stored = await given().readStream(streamId);
        expect(stored.slice(-2).map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect(stored).toHaveLength(expected === 'no-stream' ? 2 : 3);
      },
    );
  });
}

export function concurrencyCases(given: Given): void {
  describe('concurrent appends', () => {
    it.each<[string, number, ExpectedRevision]>([
      ['the same exact revision', 1, 0],
      ['no-stream', 0, 'no-stream'],
    ])('of two appends expecting %s, exactly one wins', async (_, existing, expected) => {
      const streamId = aStreamId();
      if (existing > 0) await given().appendToStream(streamId, someEvents(existing), 'no-stream');
      const [left, right] = [anEvent(), anEvent()];
      const outcomes = await Promise.allSettled([
        given().appendToStream(streamId, [left], expected),
        given().appendToStream(streamId, [right], expected),
      ]);
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toEqual([expect.objectContaining({ code: 'stream-revision-conflict', actual: existing })]);
      const stored = await given().readStream(streamId);
      expect(stored).toHaveLength(existing + 1);
      expect([left.id, right.id]).toContain(stored[existing]?.id);
    });

    it('20 writers with read-then-append retry loops leave contiguous revisions and lose no event', async () => {
      const streamId = aStreamId();
      const events = someEvents(20);
      await Promise.all(events.map((event) => appendWithRetry(given(), streamId, event)));
      const stored = await given().readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual(events.map((_, index) => index));
      expect(stored.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
    });
  });
}
