import { CliError } from '../cli-error';
import { parseExpiry } from './key-expiry';

const NOW = new Date('2026-12-05T12:00:00.000Z');

describe('keys --expires', () => {
  it.each([
    ['90d', '2027-03-05T12:00:00.000Z'],
    ['12h', '2026-12-06T00:00:00.000Z'],
    ['30m', '2026-12-05T12:30:00.000Z'],
    ['45s', '2026-12-05T12:00:45.000Z'],
    ['2w', '2026-12-19T12:00:00.000Z'],
    ['P90D', '2027-03-05T12:00:00.000Z'],
    ['PT12H', '2026-12-06T00:00:00.000Z'],
    ['P1DT2H30M', '2026-12-06T14:30:00.000Z'],
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T08:00:00+08:00', '2027-01-01T00:00:00.000Z'],
  ])('%s from %s', (text, expected) => {
    expect(parseExpiry(text, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-12-05T11:59:59Z', 'not in the future'],
    ['2026-12-05T12:00:00Z', 'not in the future'],
    ['0d', 'must be an instant with a zone'],
    ['2027-01-01T00:00:00', 'must be an instant with a zone'],
    ['2027-01-01', 'must be an instant with a zone'],
    ['P1Y', 'must be an instant with a zone'],
    ['P', 'must be an instant with a zone'],
    ['PT', 'must be an instant with a zone'],
    ['soon', 'must be an instant with a zone'],
  ])('refuses %s: %s', (text, message) => {
    expect(() => parseExpiry(text, NOW)).toThrow(CliError);
    expect(() => parseExpiry(text, NOW)).toThrow(message);
  });
});
