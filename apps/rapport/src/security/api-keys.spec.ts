import { ApiKeyRegistry, checkedApiKey, hashApiKey, type ApiKeyRecord } from './api-keys';

const at = (instant: string) => ({ now: () => new Date(instant) });
const record = (name: string, key: string, extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  name,
  role: 'analyst',
  sha256: hashApiKey(key),
  ...extra,
});

describe('API key registry', () => {
  it('knows a key by its hash and answers with its name and role', () => {
    const registry = new ApiKeyRegistry([record('reports', 'rpk_reports')], at('2026-12-05T12:00:00Z'));
    expect(registry.authenticate('rpk_reports')).toEqual({ name: 'reports', role: 'analyst' });
    expect(registry.authenticate('rpk_other')).toBeUndefined();
  });

  it.each([
    ['one millisecond before expiry', '2026-12-05T11:59:59.999Z', { name: 'reports', role: 'analyst' }],
    ['at the instant of expiry', '2026-12-05T12:00:00.000Z', undefined],
    ['after expiry', '2026-12-06T00:00:00.000Z', undefined],
  ])('a key that expires at noon, %s', (_case, now, expected) => {
    const registry = new ApiKeyRegistry([record('reports', 'rpk_reports', { expiresAt: '2026-12-05T12:00:00.000Z' })], at(now));
    expect(registry.authenticate('rpk_reports')).toEqual(expected);
  });

  it('refuses a revoked key', () => {
    const registry = new ApiKeyRegistry(
      [record('reports', 'rpk_reports', { revokedAt: '2026-12-05T10:00:00.000Z' })],
      at('2026-12-05T12:00:00Z'),
    );
    expect(registry.authenticate('rpk_reports')).toBeUndefined();
  });

  it('replaces every key at once: a rotated secret is refused, its successor accepted', () => {
    const registry = new ApiKeyRegistry([record('reports', 'rpk_old')], at('2026-12-05T12:00:00Z'));
    registry.replace([record('reports', 'rpk_new')]);
    expect(registry.authenticate('rpk_old')).toBeUndefined();
    expect(registry.authenticate('rpk_new')).toEqual({ name: 'reports', role: 'analyst' });
  });
});

describe('a keys file entry', () => {
  const sha256 = hashApiKey('rpk_x');

  it('keeps its instants', () => {
    const entry = { name: 'x', role: 'auditor', sha256, createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z' };
    expect(checkedApiKey(entry, 'keys.json')).toEqual(entry);
  });

  it.each([
    [{ name: 'x', role: 'auditor', sha256, expiresAt: 'next week' }, 'keys.json: key x has a bad expiresAt next week'],
    [{ name: 'x', role: 'auditor', sha256, revokedAt: 5 }, 'keys.json: key x has a bad revokedAt 5'],
    [{ name: 'x', role: 'root', sha256 }, 'keys.json: key x has unknown role root'],
  ])('is refused with a message naming the field: %j', (entry, message) => {
    expect(() => checkedApiKey(entry, 'keys.json')).toThrow(message);
  });
});
