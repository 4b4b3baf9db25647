import type { CustomerCommand } from '../customer.commands';
import { domainError, type DomainError } from '../customer.errors';

/** How far ahead of Rapport's clock a business time may lie (issue #12): upstream clocks drift, not by hours. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 300_000;

/** The refusal of a command dated further ahead of `now` than the skew allows; null when it is in bounds. */
export function occurredAfterClockSkew(command: CustomerCommand, now: Date, maxClockSkewMs: number): DomainError | null {
  const latest = now.getTime() + maxClockSkewMs;
  if (Date.parse(command.occurredAt) <= latest) return null;
  return domainError(
    'occurred-in-the-future',
    `occurredAt ${command.occurredAt} is more than ${maxClockSkewMs} ms ahead of the clock (${now.toISOString()})`,
    { field: 'occurredAt', latestAccepted: new Date(latest).toISOString() },
  );
}
