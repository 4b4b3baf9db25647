import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { utcDayOf, type Instant } from '@rapport/kernel';
import { findAll, LOYALTY_ACCOUNTS, type ReadModelStore } from '@rapport/read-models';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { READ_MODEL_STORE } from '../wiring/tokens';
import type { SweepReport, TimeSweep } from './time-sweeps';

export const LOYALTY_TIER_SWEEP_ACTOR = 'loyalty-tier-sweep';

/**
 * The loyalty tier as time passes (design.md §2, trailing window): the loyalty projection keeps the day each
 * tier above Bronze lapses if nothing more is earned; this sweep asks the decider to review the tier of the
 * accounts whose day has come. The decider appends LoyaltyTierChanged only when the tier moved, and the
 * account's next lapse day moves with it, so an account is reviewed once per lapse.
 */
@Injectable()
export class LoyaltyTierSweep implements TimeSweep {
  readonly name = 'loyalty-tier';

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
  ) {}

  async sweep(now: Instant): Promise<SweepReport> {
    const candidates = await this.lapsed(utcDayOf(now));
    let appended = 0;
    for (const customerId of candidates) {
      const outcome = await this.commandBus.execute(review(customerId, now));
      if (outcome.kind !== 'rejected') appended += outcome.eventTypes.length;
    }
    return { commands: candidates.length, appended };
  }

  /** In lapse-day order, which the tier_lapse index gives: in id order the embedded store walked every account. */
  private async lapsed(today: string): Promise<string[]> {
    const lapsed = await findAll(this.store, LOYALTY_ACCOUNTS, {
      filter: { tierLapsesOn: { $lte: today } },
      sort: { field: 'tierLapsesOn', direction: 'asc' },
    });
    return lapsed.map((document) => document._id);
  }
}

/** Deterministic ids per customer and instant: a sweep repeated at the same `now` appends once. */
function review(customerId: string, now: Instant): ExecuteCustomerCommand {
  return new ExecuteCustomerCommand(
    { type: 'ReviewLoyaltyTier', customerId, occurredAt: now, data: {} },
    {
      correlationId: `${LOYALTY_TIER_SWEEP_ACTOR}:${now}`,
      actor: LOYALTY_TIER_SWEEP_ACTOR,
      channel: 'sweep',
      sourceMessage: `${LOYALTY_TIER_SWEEP_ACTOR}:${customerId}:${now}`,
    },
  );
}
