import { CliError } from '../cli-error';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const SHORT = /^(\d+)([smhdw])$/;
// ISO 8601 durations without years and months, whose length depends on the calendar.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const INSTANT_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `--expires`: an instant with a zone (`2027-01-01T00:00:00Z`) or a duration from now (`90d`, `12h`, `P90D`, `PT12H`). */
export function parseExpiry(text: string, now: Date): Date {
  const duration = durationMs(text.trim());
  const expiresAt = new Date(duration > 0 ? now.getTime() + duration : instantMs(text.trim()));
  if (expiresAt.getTime() <= now.getTime()) throw new CliError(`--expires ${text} is not in the future`);
  return expiresAt;
}

function durationMs(text: string): number {
  const short = SHORT.exec(text);
  if (short) return Number(short[1]) * (UNIT_MS[short[2] ?? ''] ?? 0);
  const iso = ISO_DURATION.exec(text.toUpperCase());
  if (!iso || text.length < 3 || text.toUpperCase().endsWith('T')) return 0;
  const [weeks, days, hours, minutes, seconds] = iso.slice(1).map((part) => Number(part ?? 0));
  return ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000 + (seconds ?? 0) * 1_000;
}

function instantMs(text: string): number {
  const ms = INSTANT_WITH_ZONE.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CliError(
      `--expires must be an instant with a zone (2027-01-01T00:00:00Z) or a duration (90d, 12h, 30m, P90D, PT12H); got ${text}`,
    );
  }
  return ms;
}
