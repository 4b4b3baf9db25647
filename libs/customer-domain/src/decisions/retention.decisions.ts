import { compareInstants, DAY_MS, type Instant } from '@rapport/kernel';
import type { AssessChurnRisk, RecordRetentionAction, RecordRetentionActionOutcome } from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError } from '../customer.errors';
import type { KnownCustomer } from '../customer.state';
import { churnRisk, type ChurnRiskConfig, type ChurnRiskSignals } from '../policies/churn-risk.policy';
import { isOverdue } from '../policies/complaints.policy';
import { FALLING_RUN_LENGTH, isFallingRun } from '../policies/satisfaction.policy';
import { churnedError, duplicate, stamp, type Decision } from './decision';

/**
 * Scores the customer and records the score only when it differs from the last one, so a sweep
 * that finds nothing new appends nothing. The score is judged as of the command's instant (the
 * sweep's "now", or the business time of the event that changed a signal) or the customer's latest
 * event if that is later: the state already holds that event, so an assessment the saga asks for
 * late, or again when its feed replays, judges the facts it sees at their own time. One asked as of
 * an instant before the last recorded assessment adds nothing that one did not see: a no-op. A
 * churned customer is past retention: a no-op too.
 */
export function assessChurnRisk(command: AssessChurnRisk, state: KnownCustomer, config: DomainConfig): Decision {
  if (state.status === 'churned') return duplicate();
  const previous = state.churnRisk ?? { score: 0, isAtRisk: false, assessedAt: undefined };
  if (previous.assessedAt !== undefined && compareInstants(command.occurredAt, previous.assessedAt) < 0) return duplicate();
  const asOf = compareInstants(command.occurredAt, state.lastEventAt) < 0 ? state.lastEventAt : command.occurredAt;
  const threshold = config.churnRisk.atRiskFromScore;
  const { score, reasons } = churnRisk(churnRiskSignalsAt(state, asOf, config.churnRisk), config.churnRisk);
  if (score === previous.score) return duplicate();
  const isAtRisk = score >= threshold;
  const crossed = isAtRisk === previous.isAtRisk ? null : isAtRisk ? 'above' : 'below';
  return [{ type: 'ChurnRiskAssessed', data: { customerId: command.customerId, occurredAt: asOf, score, reasons, threshold, crossed } }];
}

/** The signals of churn-risk.policy.ts, measured on the state as of `asOf`. */
export function churnRiskSignalsAt(state: KnownCustomer, asOf: Instant, config: ChurnRiskConfig): ChurnRiskSignals {
  const now = Date.parse(asOf);
  const open = Object.values(state.complaints).filter((complaint) => complaint.status === 'open');
  const windowStart = now - config.npsDetractor.windowDays * DAY_MS;
  const csats = state.recentSatisfaction.map((answer) => answer.csat);
  return {
    daysSinceLastTransaction:
      state.lastTransactionAt === undefined ? null : Math.max(0, Math.floor((now - Date.parse(state.lastTransactionAt)) / DAY_MS)),
    isSatisfactionFalling: csats.length >= FALLING_RUN_LENGTH && isFallingRun(csats),
    openComplaints: open.length,
    overdueComplaints: open.filter((complaint) => isOverdue(complaint, asOf)).length,
    assetDropPercent: state.assetDropPercent ?? 0,
    recentDetractorAnswers: (state.detractorAnswersAt ?? []).filter((at) => Date.parse(at) > windowStart && Date.parse(at) <= now).length,
  };
}

/** An intervention by a channel (design.md §2, retention); a repeated actionId is a no-op. */
export function recordRetentionAction(command: RecordRetentionAction, state: KnownCustomer): Decision {
  const { actionId, kind, note, recordedBy } = command.data;
  if (state.retentionActions?.[actionId] !== undefined) return duplicate();
  const churned = churnedError(command, state);
  if (churned) return churned;
  return [
    { type: 'RetentionActionRecorded', data: { ...stamp(command), actionId, kind, ...(note === undefined ? {} : { note }), recordedBy } },
  ];
}

/** An action's outcome is recorded once; it stays recordable after churn, since it reports on the past. */
export function recordRetentionActionOutcome(command: RecordRetentionActionOutcome, state: KnownCustomer): Decision {
  const { actionId, outcome } = command.data;
  const action = state.retentionActions?.[actionId];
  if (action === undefined) {
    return domainError('retention-action-not-found', `customer ${command.customerId} has no retention action ${actionId}`, { actionId });
  }
  if (action.outcome !== undefined) {
    return domainError('retention-action-outcome-already-recorded', `retention action ${actionId} already has an outcome`, {
      actionId,
      outcome: action.outcome,
    });
  }
  return [{ type: 'RetentionActionOutcomeRecorded', data: { ...stamp(command), actionId, outcome } }];
}
