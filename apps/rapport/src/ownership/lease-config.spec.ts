import { configFromEnvironment } from '../config';

describe('RAPPORT_LEASE_MS', () => {
  it('is unset by default (owned work then uses 15 s) and read as milliseconds when set', () => {
    expect(configFromEnvironment({}).leaseMs).toBeUndefined();
    expect(configFromEnvironment({ RAPPORT_LEASE_MS: '5000' }).leaseMs).toBe(5000);
  });

  it.each(['0', '-1', '1.5', 'soon'])('refuses %s at start, naming the variable', (value) => {
    expect(() => configFromEnvironment({ RAPPORT_LEASE_MS: value })).toThrow(/^RAPPORT_LEASE_MS must be/);
  });
});
