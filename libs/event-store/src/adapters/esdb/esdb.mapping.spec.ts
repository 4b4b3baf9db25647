import type { ResolvedEvent } from '@eventstore/db-client';
import { anEvent } from '../../contract/event-store.fixtures';
import { isUserEvent, toEventData, toExpectedRevision, toReadPosition, toRecordedEvent, toSafeNumber } from './esdb.mapping';

const appended = anEvent();

/** The event as the client reads it back after the adapter appended `appended`. */
function recorded(overrides: Partial<NonNullable<ResolvedEvent['event']>> = {}): ResolvedEvent {
  const event = appended;
  const { metadata } = toEventData(event);
  return {
    event: {
      id: event.id,
      streamId: 'customer-1',
      revision: 3n,
      type: event.type,
      data: event.data,
      metadata,
      isJson: true,
      created: new Date(0),
      position: { commit: 512n, prepare: 512n },
      ...overrides,
    } as NonNullable<ResolvedEvent['event']>,
  };
}

describe('EventStoreDB mapping', () => {
  it.each([
    [BigInt(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
    [0n, 0],
  ])('keeps a uint64 of %s as the number %s', (value, number) => {
    expect(toSafeNumber(value, 'position')).toBe(number);
  });

  it('refuses a position the port’s numbers cannot hold exactly (2^53 and above)', () => {
    expect(() => toSafeNumber(2n ** 53n, 'position')).toThrow(RangeError);
  });

  it.each<[Parameters<typeof toExpectedRevision>[0], unknown]>([
    ['any', 'any'],
    ['no-stream', 'no_stream'],
    ['stream-exists', 'stream_exists'],
    [7, 7n],
  ])('maps the expected revision %s to the client’s %s', (port, client) => {
    expect(toExpectedRevision(port)).toEqual(client);
  });

  it.each([-1, 1.5])('refuses the expected revision %s', (revision) => {
    expect(() => toExpectedRevision(revision)).toThrow(RangeError);
  });

  it('reads from the start for position 0 and from commit = prepare = the position otherwise', () => {
    expect(toReadPosition(0)).toBe('start');
    expect(toReadPosition(4096)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it.each<[string, string, string | undefined, boolean]>([
    ['customer-1', 'CustomerAcquired', undefined, true],
    ['customer-1', 'CustomerAcquired', 'customer-', true],
    ['other-1', 'CustomerAcquired', 'customer-', false],
    ['$stats-127.0.0.1:2113', 'StatsCollected', undefined, false],
    ['customer-1', '$metadata', undefined, false],
  ])('treats stream %s with type %s under prefix %s as a user event: %s', (streamId, type, prefix, expected) => {
    expect(isUserEvent({ streamId, type }, prefix)).toBe(expected);
  });

  it('gives back the metadata without EventStoreDB’s $correlationId and $causationId', () => {
    const { correlationId, causationId } = appended.metadata;
    expect(toEventData(appended).metadata).toMatchObject({ $correlationId: correlationId, $causationId: causationId });
    expect(toRecordedEvent(recorded())).toEqual({ ...appended, streamId: 'customer-1', revision: 3, position: 512 });
  });

  it('refuses an event that is not JSON, which Rapport never writes', () => {
    expect(() => toRecordedEvent(recorded({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not JSON/);
  });
});
