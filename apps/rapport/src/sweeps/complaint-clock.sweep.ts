import type { CommandBus } from '@nestjs/cqrs';
import { preBreachWarningAt, shiftByCountedDays, type ComplaintClockConfig, type CustomerCommand } from '@rapport/customer-domain';
import type { CommandContext, Instant } from '@rapport/kernel';
import { COMPLAINTS, findAll, type ComplaintDocument, type Range, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { ExecuteCustomerCommand, type CustomerCommandOutcome } from '../commands/execute-customer-command';
import type { SweepReport, TimeSweep } from './time-sweeps';

export const COMPLAINT_CLOCK_SWEEP_ACTOR = 'complaint-clock-sweep';

/**
 * The complaint clock as time passes (issue #12): open complaints whose pre-breach warning is due
 * get WarnOfComplaintBreach, those past their due date RecordComplaintBreach, both at `now`. The
 * decider judges each against the recorded due date, so a complaint is warned once per due date
 * and breached once however often this runs; the read model only narrows the candidates.
 */
export class ComplaintClockSweep implements TimeSweep {
  readonly name = 'complaint-clock';

  constructor(
    private readonly store: ReadModelStore,
    private readonly commandBus: CommandBus,
    private readonly clock: ComplaintClockConfig,
  ) {}

  async sweep(now: Instant): Promise<SweepReport> {
    const toWarn = (await this.openDueBy({ $lte: this.warningHorizon(now) })).filter(
      (complaint) => complaint.warned !== true && preBreachWarningAt(complaint.dueAt, this.clock) <= now,
    );
    const toBreach = await this.openDueBy({ $lt: now });
    const commands: CustomerCommand[] = [
      ...toWarn.map((complaint) => commandFor('WarnOfComplaintBreach', complaint, now)),
      ...toBreach.map((complaint) => commandFor('RecordComplaintBreach', complaint, now)),
    ];
    let appended = 0;
    for (const command of commands)
      appended += appendedBy(await this.commandBus.execute(new ExecuteCustomerCommand(command, contextAt(now))));
    return { commands: commands.length, appended };
  }

  /**
   * The latest due date whose warning may have fallen by `now`. The warning comes a number of
   * counted days before the due date; counting forward as many days plus one from now bounds it,
   * whatever weekends and holidays lie between (the exact instant is checked per candidate).
   */
  private warningHorizon(now: Instant): Instant {
    return shiftByCountedDays(now, this.clock.preBreachWarningDays + 1, this.clock.calendar);
  }

  /** Breached complaints stay open until resolved; they are left out here, not in the query, so documents projected before the clock (no `breached` field) still count. */
  private async openDueBy(dueAt: Range): Promise<ComplaintDocument[]> {
    const open = await findAll<Stamped<ComplaintDocument>>(this.store, COMPLAINTS, {
      filter: { status: 'open', dueAt },
      sort: { field: 'dueAt', direction: 'asc' },
    });
    return open.filter((complaint) => complaint.breached !== true);
  }
}

function commandFor(type: 'WarnOfComplaintBreach' | 'RecordComplaintBreach', complaint: ComplaintDocument, now: Instant): CustomerCommand {
  return { type, customerId: complaint.customerId, occurredAt: now, data: { complaintId: complaint.complaintId } };
}

function contextAt(now: Instant): CommandContext {
  return { correlationId: `${COMPLAINT_CLOCK_SWEEP_ACTOR}:${now}`, actor: COMPLAINT_CLOCK_SWEEP_ACTOR, channel: 'sweep' };
}

function appendedBy(outcome: CustomerCommandOutcome): number {
  return outcome.kind === 'appended' ? outcome.eventTypes.length : 0;
}
