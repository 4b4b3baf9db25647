import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ChurnRiskConfig } from '@rapport/customer-domain';
import { addDays, utcDayOf, type Instant } from '@rapport/kernel';
import { CHURN_RISK, COMPLAINTS, findAll, type Filter, type ReadDocument, type ReadModelStore } from '@rapport/read-models';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { READ_MODEL_STORE } from '../wiring/tokens';
import type { SweepReport, TimeSweep } from './time-sweeps';

export const CHURN_RISK_SWEEP_ACTOR = 'churn-risk-sweep';
export const CHURN_RISK_CONFIG = Symbol('ChurnRiskConfig');
const LIVE = { $in: ['acquired', 'active'] };

/**
 * Time-driven churn risk (docs/retention.md): dormancy grows and detractor answers leave their
 * window while no event arrives, and a complaint becomes overdue at its due instant. This sweep
 * asks for an assessment as of `now` for the customers whose score time may have moved: once per
 * UTC day those dormant past the first dormancy day or already scoring (the signals are counted in
 * whole days), and on every run those with a complaint that fell due since the previous run. The
 * decider appends only a changed score, so asking again is harmless.
 */
@Injectable()
export class ChurnRiskSweep implements TimeSweep {
  readonly name = 'churn-risk';
  private lastDailyPass: string | undefined;
  private lastRun: Instant | undefined;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CHURN_RISK_CONFIG) private readonly config: ChurnRiskConfig,
  ) {}

  async sweep(now: Instant): Promise<SweepReport> {
    const candidates = new Set(await this.fallenDue(now));
    if (this.lastDailyPass !== utcDayOf(now)) {
      for (const id of await this.timeScored(now)) candidates.add(id);
      this.lastDailyPass = utcDayOf(now);
    }
    this.lastRun = now;
    let appended = 0;
    for (const customerId of candidates) {
      const outcome = await this.commandBus.execute(assessment(customerId, now));
      if (outcome.kind === 'appended') appended += outcome.eventTypes.length;
    }
    return { commands: candidates.size, appended };
  }

  private async timeScored(now: Instant): Promise<string[]> {
    const dormantSince = addDays(new Date(now), -this.config.dormancy.fromDays).toISOString();
    const dormant = await this.matches(CHURN_RISK, { status: LIVE, lastTransactionAt: { $lte: dormantSince } }, 'lastTransactionAt');
    const scoring = await this.matches(CHURN_RISK, { status: LIVE, score: { $gt: 0 } }, 'score');
    return [...dormant, ...scoring].map((document) => document._id);
  }

  /** Open complaints whose due instant passed since the previous run (all overdue ones on the first). */
  private async fallenDue(now: Instant): Promise<string[]> {
    const dueAt = this.lastRun === undefined ? { $lt: now } : { $gte: this.lastRun, $lt: now };
    return (await this.matches(COMPLAINTS, { status: 'open', dueAt }, 'dueAt')).map((document) => String(document.customerId));
  }

  /** Every match, in the order of `indexed`, the filtered field an index holds (findAll). */
  private matches(collection: string, filter: Filter, indexed: string): Promise<ReadDocument[]> {
    return findAll(this.store, collection, { filter, sort: { field: indexed, direction: 'asc' } });
  }
}

/** Deterministic event ids per customer and instant: a sweep repeated at the same `now` appends once. */
function assessment(customerId: string, now: Instant): ExecuteCustomerCommand {
  return new ExecuteCustomerCommand(
    { type: 'AssessChurnRisk', customerId, occurredAt: now, data: {} },
    {
      correlationId: `${CHURN_RISK_SWEEP_ACTOR}:${now}`,
      actor: CHURN_RISK_SWEEP_ACTOR,
      channel: 'sweep',
      sourceMessage: `${CHURN_RISK_SWEEP_ACTOR}:${customerId}:${now}`,
    },
  );
}
