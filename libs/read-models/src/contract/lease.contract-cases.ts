import { randomBytes } from 'node:crypto';
import { LEASES } from '../read-model-store.port';
import { holdingId, Lease, type LeaseDocument } from '../runtime/lease';
import { aCollection, aDocument, put, putAll, type Given } from './read-model-store.fixtures';

const DURATION_MS = 10_000;

/** A lease name no other case uses, and a clock each case moves by hand. */
function aLeaseSetting(): { name: string; clock: { now: number; read: () => Date } } {
  const clock = { now: Date.parse('2026-03-01T09:00:00Z'), read: () => new Date(clock.now) };
  return { name: `lease-${randomBytes(4).toString('hex')}`, clock };
}

export function leaseCases(given: Given): void {
  describe('leases', () => {
    it('a free lease is taken with token 1; while it runs, another process is refused it', async () => {
      const { name, clock } = aLeaseSetting();
      const first = new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read });
      const second = new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read });
      expect(await first.hold()).toEqual({ lease: name, token: 1 });
      clock.now += DURATION_MS - 1;
      expect(await second.hold()).toBeNull();
      expect(await given().get<LeaseDocument>(LEASES, holdingId(name, 1))).toMatchObject({ owner: 'a', token: 1 });
    });

    it('the holder renews it and keeps its token; renewed, it outlives its first expiry', async () => {
      const { name, clock } = aLeaseSetting();
      const first = new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read });
      const second = new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read });
      await first.hold();
      clock.now += first.renewEveryMs;
      expect(await first.hold()).toEqual({ lease: name, token: 1 });
      clock.now += DURATION_MS - first.renewEveryMs + 1;
      expect(await second.hold()).toBeNull();
    });

    it('after forget, the holder asks the store and keeps its own unexpired holding and token', async () => {
      const { name, clock } = aLeaseSetting();
      const first = new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read });
      const second = new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read });
      await first.hold();
      first.forget();
      expect(await first.hold()).toEqual({ lease: name, token: 1 });
      expect(first.isHeld).toBe(true);
      clock.now += DURATION_MS - 1;
      expect(await second.hold()).toBeNull();
    });

    it('once expired, another process takes it over with the next token, and the old holder is refused it', async () => {
      const { name, clock } = aLeaseSetting();
      const first = new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read });
      const second = new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read });
      await first.hold();
      clock.now += DURATION_MS;
      expect(await second.hold()).toEqual({ lease: name, token: 2 });
      expect(await first.hold()).toBeNull();
      expect(first.isHeld).toBe(false);
    });

    it('two processes racing for an expired lease: exactly one wins', async () => {
      const { name, clock } = aLeaseSetting();
      await new Lease(given(), name, { owner: 'old', durationMs: DURATION_MS, clock: clock.read }).hold();
      clock.now += DURATION_MS;
      const racers = ['a', 'b', 'c'].map((owner) => new Lease(given(), name, { owner, durationMs: DURATION_MS, clock: clock.read }));
      const fences = await Promise.all(racers.map((lease) => lease.hold()));
      expect(fences.filter((fence) => fence !== null)).toEqual([{ lease: name, token: 2 }]);
    });

    it('released, it is taken by another process at once, before it would have expired', async () => {
      const { name, clock } = aLeaseSetting();
      const first = new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read });
      await first.hold();
      await first.release();
      const second = new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read });
      expect(await second.hold()).toEqual({ lease: name, token: 2 });
    });
  });

  describe('fenced writes', () => {
    it('apply while the lease holds the fence token', async () => {
      const { name, clock } = aLeaseSetting();
      const fence = await new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read }).hold();
      const collection = aCollection();
      const result = await given().write(
        [{ collection, writes: [put(aDocument('d', 1, { by: 'a' }), { kind: 'insert' })] }],
        fence ?? undefined,
      );
      expect(result).toEqual({ applied: 1, refused: [] });
      expect(await given().get(collection, 'd')).toEqual(aDocument('d', 1, { by: 'a' }));
    });

    it("are refused whole once another process took the lease over, and leave the successor's documents as they were", async () => {
      const { name, clock } = aLeaseSetting();
      const stale = await new Lease(given(), name, { owner: 'a', durationMs: DURATION_MS, clock: clock.read }).hold();
      clock.now += DURATION_MS;
      const successor = await new Lease(given(), name, { owner: 'b', durationMs: DURATION_MS, clock: clock.read }).hold();
      const collection = aCollection();
      await given().write([{ collection, writes: [put(aDocument('d', 5, { by: 'b' }))] }], successor ?? undefined);
      const writes = [put(aDocument('d', 9, { by: 'a' })), put(aDocument('e', 9, { by: 'a' }), { kind: 'insert' })];
      expect(await given().write([{ collection, writes }], stale ?? undefined)).toEqual({ applied: 0, refused: ['d', 'e'] });
      expect(await given().get(collection, 'd')).toEqual(aDocument('d', 5, { by: 'b' }));
      expect(await given().get(collection, 'e')).toBeNull();
    });

    it('are refused under a lease nobody has taken', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('d', 1)]);
      const result = await given().write([{ collection, writes: [put(aDocument('d', 2))] }], { lease: aLeaseSetting().name, token: 1 });
      expect(result).toEqual({ applied: 0, refused: ['d'] });
      expect(await given().get(collection, 'd')).toEqual(aDocument('d', 1));
    });
  });
}
