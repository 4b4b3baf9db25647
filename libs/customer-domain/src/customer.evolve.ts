import { IdSet } from '@rapport/kernel';
import type {
  ComplaintAssigned,
  ComplaintBreached,
  ComplaintBreachWarned,
  ComplaintEscalated,
  ComplaintExtended,
  ComplaintFiled,
  ComplaintResolved,
  ComplaintStageChanged,
  CustomerAcquired,
  CustomerChurned,
  CustomerEvent,
  CustomerReactivated,
  PersonalDataErased,
  SatisfactionRecorded,
} from './customer.events';
import { NO_DAILY_POINTS, type AcquiredCustomer, type ComplaintState, type CustomerState, type KnownCustomer } from './customer.state';
import { FALLING_RUN_LENGTH } from './policies/satisfaction.policy';
import { activated, pointsRedeemed, tierChanged, transactionRecorded } from './evolutions/loyalty.evolutions';
import {
  churnRiskAssessed,
  detractorChanges,
  profileChanges,
  retentionActionOutcomeRecorded,
  retentionActionRecorded,
} from './evolutions/retention.evolutions';
import { touched } from './evolutions/touched';

type ComplaintProgress =
  | ComplaintEscalated
  | ComplaintResolved
  | ComplaintAssigned
  | ComplaintStageChanged
  | ComplaintExtended
  | ComplaintBreachWarned
  | ComplaintBreached;

/**
 * The state after one more event. Total: an event that does not fit the state (a duplicate
 * id, a transaction before acquisition) leaves the state as it is, because a recorded event
 * is a fact and replay must never fail. Every time is copied from the event (style.md §4), and
 * whatever a policy setting decided (a tier, a window, a due date) too, so that a replay never
 * depends on today's settings.
 */
export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  if (event.type === 'CustomerAcquired') return state.status === 'none' ? acquired(event) : state;
  if (state.status === 'none') return state;
  return evolveKnownCustomer(state, event);
}

function evolveKnownCustomer(state: KnownCustomer, event: Exclude<CustomerEvent, CustomerAcquired>): CustomerState {
  switch (event.type) {
    case 'CustomerActivated':
      return activated(state, event);
    case 'CustomerProfileUpdated':
      return touched(state, event, {
        ...profileChanges(state, event),
        assets: event.data.assets ?? state.assets,
        riskProfile: event.data.riskProfile ?? state.riskProfile,
      });
    case 'TransactionRecorded':
      return state.transactionIds.has(event.data.transactionId) ? state : transactionRecorded(state, event);
    case 'ComplaintFiled':
      return state.complaints[event.data.complaintId] === undefined ? complaintFiled(state, event) : state;
    case 'ComplaintEscalated':
    case 'ComplaintResolved':
    case 'ComplaintAssigned':
    case 'ComplaintStageChanged':
    case 'ComplaintExtended':
    case 'ComplaintBreachWarned':
    case 'ComplaintBreached':
      return complaintProgressed(state, event);
    case 'SatisfactionRecorded':
      return state.surveyIds.has(event.data.surveyId) ? state : satisfactionRecorded(state, event);
    case 'PointsRedeemed':
      return state.redemptionIds.has(event.data.redemptionId) ? state : pointsRedeemed(state, event);
    case 'LoyaltyTierChanged':
      return tierChanged(state, event);
    case 'RetentionAlertRaised':
      return touched(state, event, {
        retentionAlertSurveyIds: state.retentionAlertSurveyIds.with(event.data.surveyId),
      });
    case 'ChurnRiskAssessed':
      return churnRiskAssessed(state, event);
    case 'RetentionActionRecorded':
      return retentionActionRecorded(state, event);
    case 'RetentionActionOutcomeRecorded':
      return retentionActionOutcomeRecorded(state, event);
    case 'CustomerChurned':
      return churned(state, event);
    case 'CustomerReactivated':
      return reactivated(state, event);
    case 'PersonalDataErased':
      return personalDataErased(state, event);
    default:
      return ignoreUnknownEvent(state, event);
  }
}

function acquired(event: CustomerAcquired): AcquiredCustomer {
  const { customerId, occurredAt, customerType, channel, assets, riskProfile, acquisitionCost, personal } = event.data;
  return {
    status: 'acquired',
    customerId,
    customerType,
    acquisitionChannel: channel,
    assets,
    riskProfile,
    acquiredAt: occurredAt,
    ...(acquisitionCost ? { acquisitionCost } : {}),
    ...(personal ? { personal } : {}),
    loyalty: { balance: 0, lifetimeEarned: 0, redeemed: 0, tier: 'Bronze', recentEarnings: NO_DAILY_POINTS },
    transactionIds: IdSet.empty(),
    transactionCount: 0,
    surveyIds: IdSet.empty(),
    redemptionIds: IdSet.empty(),
    complaints: {},
    recentSatisfaction: [],
    retentionAlertSurveyIds: IdSet.empty(),
    lastEventAt: occurredAt,
  };
}

function complaintFiled(state: KnownCustomer, event: ComplaintFiled): KnownCustomer {
  const { complaintId, severity, occurredAt, dueAt } = event.data;
  const complaint: ComplaintState = {
    complaintId,
    severity,
    status: 'open',
    filedAt: occurredAt,
    dueAt,
    escalated: false,
    stage: 'filed',
    breached: false,
  };
  return touched(state, event, { complaints: { ...state.complaints, [complaintId]: complaint } });
}

/** Every later complaint event applies to an open complaint only; on any other it is ignored. */
function complaintProgressed(state: KnownCustomer, event: ComplaintProgress): KnownCustomer {
  const complaint = state.complaints[event.data.complaintId];
  if (complaint === undefined || complaint.status !== 'open') return state;
  const progressed = { ...complaint, ...complaintChanges(complaint, event) };
  return touched(state, event, { complaints: { ...state.complaints, [complaint.complaintId]: progressed } });
}

function complaintChanges(complaint: ComplaintState, event: ComplaintProgress): Partial<ComplaintState> {
  switch (event.type) {
    case 'ComplaintEscalated':
      return { escalated: true, dueAt: event.data.dueAt };
    case 'ComplaintResolved':
      return { status: 'resolved', stage: 'resolved', resolvedAt: event.data.occurredAt };
    case 'ComplaintAssigned':
      return { assignee: event.data.assignee };
    case 'ComplaintStageChanged':
      return { stage: event.data.stage };
    case 'ComplaintExtended':
      return complaint.extensionDays === undefined ? { extensionDays: event.data.days, dueAt: event.data.dueAt } : {};
    case 'ComplaintBreachWarned':
      return { warnedForDueAt: event.data.dueAt };
    case 'ComplaintBreached':
      return { breached: true };
  }
}

function satisfactionRecorded(state: KnownCustomer, event: SatisfactionRecorded): KnownCustomer {
  const { surveyId, csat } = event.data;
  return touched(state, event, {
    ...detractorChanges(state, event),
    surveyIds: state.surveyIds.with(surveyId),
    recentSatisfaction: [...state.recentSatisfaction, { surveyId, csat }].slice(-FALLING_RUN_LENGTH),
  });
}

function churned(state: KnownCustomer, event: CustomerChurned): KnownCustomer {
  if (state.status === 'churned') return state;
  const { occurredAt, reason } = event.data;
  return { ...state, status: 'churned', churnedAt: occurredAt, churnReason: reason, lastEventAt: occurredAt };
}

/** Back to active when the customer had been activated before churning, else back to prospect. */
function reactivated(state: KnownCustomer, event: CustomerReactivated): KnownCustomer {
  if (state.status !== 'churned') return state;
  const { status: _churned, churnedAt: _churnedAt, churnReason: _reason, activatedAt, ...record } = state;
  const lastEventAt = event.data.occurredAt;
  return activatedAt === undefined
    ? { ...record, status: 'acquired', lastEventAt }
    : { ...record, status: 'active', activatedAt, lastEventAt };
}

function personalDataErased(state: KnownCustomer, event: PersonalDataErased): KnownCustomer {
  if (state.personalDataErasedAt !== undefined) return state;
  const { personal: _erased, ...withoutPersonalData } = state;
  return { ...withoutPersonalData, personalDataErasedAt: event.data.occurredAt, lastEventAt: event.data.occurredAt };
}

/** Unreachable while the switch is exhaustive; evolve stays total even so. */
function ignoreUnknownEvent(state: KnownCustomer, _event: never): KnownCustomer {
  return state;
}
