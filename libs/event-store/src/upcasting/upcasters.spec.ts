import { Upcasters, type VersionedEvent } from './upcasters';

/** A parcel's weight: v1 grams as a number, v2 a value with a unit, v3 also the scale that weighed it. */
const parcelUpcasters = new Upcasters([
  { type: 'ParcelWeighed', fromVersion: 2, upcast: (data) => ({ ...data, scale: 'unknown' }) },
  { type: 'ParcelWeighed', fromVersion: 1, upcast: ({ grams, ...rest }) => ({ ...rest, weight: { value: grams, unit: 'g' } }) },
]);

function stored(type: string, schemaVersion: number, data: VersionedEvent['data']) {
  return { id: 'e-1', type, data, metadata: { schemaVersion, hash: 'h' } };
}

describe('upcasters keyed by event type and schema version', () => {
  it('chain from the stored version to the newest, whatever order they were given in', () => {
    expect(parcelUpcasters.upcast(stored('ParcelWeighed', 1, { parcel: 'p-1', grams: 1200 }))).toEqual({
      id: 'e-1',
      type: 'ParcelWeighed',
      data: { parcel: 'p-1', weight: { value: 1200, unit: 'g' }, scale: 'unknown' },
      metadata: { schemaVersion: 3, hash: 'h' },
    });
  });

  it('start at the version the event was stored at', () => {
    const atVersion2 = stored('ParcelWeighed', 2, { parcel: 'p-1', weight: { value: 5, unit: 'kg' } });
    expect(parcelUpcasters.upcast(atVersion2)).toMatchObject({
      data: { weight: { value: 5, unit: 'kg' }, scale: 'unknown' },
      metadata: { schemaVersion: 3 },
    });
  });

  it('give back the very event when it is current or of a type without upcasters', () => {
    const current = stored('ParcelWeighed', 3, { parcel: 'p-1', weight: { value: 5, unit: 'kg' }, scale: 's-9' });
    const other = stored('ParcelShipped', 1, { parcel: 'p-1' });
    expect(parcelUpcasters.upcast(current)).toBe(current);
    expect(parcelUpcasters.upcast(other)).toBe(other);
  });

  it('leave the stored event as it was', () => {
    const old = stored('ParcelWeighed', 1, { parcel: 'p-1', grams: 1200 });
    parcelUpcasters.upcast(old);
    expect(old).toEqual(stored('ParcelWeighed', 1, { parcel: 'p-1', grams: 1200 }));
  });

  it('refuse two upcasters for the same type and version', () => {
    const twice = { type: 'ParcelWeighed', fromVersion: 1, upcast: (data: VersionedEvent['data']) => data };
    expect(() => new Upcasters([twice, twice])).toThrow('two upcasters for ParcelWeighed at schema version 1');
  });
});
