import { isDecimalAmount, toMinorUnits, type Money } from '@rapport/kernel';
import type {
  ChurnRiskAssessed,
  CustomerProfileUpdated,
  RetentionActionOutcomeRecorded,
  RetentionActionRecorded,
  SatisfactionRecorded,
} from '../customer.events';
import type { KnownCustomer, RetentionRecord } from '../customer.state';
import { assetDropPercent } from '../policies/churn-risk.policy';
import { npsCategory } from '../policies/satisfaction.policy';
import { touched } from './touched';

/**
 * Churn-risk inputs follow their events without any policy setting: the asset drop is a plain
 * percentage, a detractor is the NPS scale's own 0–6, and the at-risk flag comes from the
 * threshold the event recorded (issue #15: replay needs only what the events say).
 */
export function profileChanges(state: KnownCustomer, event: CustomerProfileUpdated): RetentionRecord {
  const after = event.data.assets;
  if (after === undefined) return {};
  return { assetDropPercent: dropPercent(state.assets, after) };
}

export function detractorChanges(state: KnownCustomer, event: SatisfactionRecorded): RetentionRecord {
  const { nps, occurredAt } = event.data;
  if (nps === undefined || npsCategory(nps) !== 'detractor') return {};
  return { detractorAnswersAt: [...(state.detractorAnswersAt ?? []), occurredAt] };
}

export function churnRiskAssessed(state: KnownCustomer, event: ChurnRiskAssessed): KnownCustomer {
  const { score, threshold, occurredAt } = event.data;
  return touched(state, event, { churnRisk: { score, isAtRisk: score >= threshold, assessedAt: occurredAt } });
}

export function retentionActionRecorded(state: KnownCustomer, event: RetentionActionRecorded): KnownCustomer {
  const actions = state.retentionActions ?? {};
  if (actions[event.data.actionId] !== undefined) return state;
  return touched(state, event, { retentionActions: { ...actions, [event.data.actionId]: { kind: event.data.kind } } });
}

export function retentionActionOutcomeRecorded(state: KnownCustomer, event: RetentionActionOutcomeRecorded): KnownCustomer {
  const actions = state.retentionActions ?? {};
  const action = actions[event.data.actionId];
  if (action === undefined || action.outcome !== undefined) return state;
  return touched(state, event, { retentionActions: { ...actions, [event.data.actionId]: { ...action, outcome: event.data.outcome } } });
}

/** 0 across currencies or for an amount evolve cannot read: evolve never throws. */
function dropPercent(before: Money, after: Money): number {
  const isComparable =
    before.currency === after.currency && isDecimalAmount(before.amount, before.currency) && isDecimalAmount(after.amount, after.currency);
  return isComparable ? assetDropPercent(toMinorUnits(before), toMinorUnits(after)) : 0;
}
