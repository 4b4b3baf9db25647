import type { Instant } from '@rapport/kernel';

/**
 * Work that falls due as time passes, with no event to trigger it (contracts: "sweeps"): a sweep
 * finds candidates in the read models and issues ordinary commands with `occurredAt = now`, so
 * the decider judges them and a repeated sweep appends nothing new.
 */
export interface TimeSweep {
  readonly name: string;
  sweep(now: Instant): Promise<SweepReport>;
}

export interface SweepReport {
  /** Commands issued to the decider. */
  readonly commands: number;
  /** Events those commands appended (a command judged not yet due, or already done, appends none). */
  readonly appended: number;
}

/** Multi-provider token: every registered sweep, run in turn on the one timer (TimeSweepHost). */
export const TIME_SWEEPS = Symbol('TimeSweeps');
