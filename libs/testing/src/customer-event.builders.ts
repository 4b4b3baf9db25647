import type {
  ComplaintEscalated,
  ComplaintFiled,
  ComplaintResolved,
  CustomerAcquired,
  CustomerActivated,
  CustomerChurned,
  CustomerEvent,
  CustomerProfileUpdated,
  CustomerReactivated,
  PersonalDataErased,
  PointsRedeemed,
  RetentionAlertRaised,
  SatisfactionRecorded,
  TransactionRecorded,
} from '@rapport/customer-domain';
import { defaultLoyaltyConfig, windowStartDay } from '@rapport/customer-domain';
import { CUSTOMER_ID, SEALED_PERSONAL_DATA, T0, at, cny } from './fixtures';

/** Any data field can be overridden, customerId and occurredAt included. */
export type EventOverrides<E extends CustomerEvent> = Partial<E['data']>;

/**
 * Defaults are plain values that agree with the default times (T0 and the offsets below).
 * Derived fields (pointsEarned, tierAfter, dueAt, resolutionHours, balanceAfter) are not recomputed
 * when a time or amount is overridden: a spec states what it expects. The one exception is
 * tierWindowStartDay, which follows occurredAt under the default loyalty window.
 */
function eventData<Data extends object>(defaults: Data, overrides: Partial<Data>): Data {
  return { ...defaults, ...overrides };
}

const STAMP = { customerId: CUSTOMER_ID, occurredAt: T0 };

function tierWindowStartDay(overrides: { readonly occurredAt?: string }): string {
  return windowStartDay(overrides.occurredAt ?? T0, defaultLoyaltyConfig);
}

export const customerAcquired = (overrides: EventOverrides<CustomerAcquired> = {}): CustomerAcquired => ({
  type: 'CustomerAcquired',
  data: eventData<CustomerAcquired['data']>(
    {
      ...STAMP,
      customerType: 'individual',
      channel: 'branch',
      assets: cny('120000.00'),
      riskProfile: 'C3',
      acquisitionCost: cny('800.00'),
      personal: SEALED_PERSONAL_DATA,
    },
    overrides,
  ),
});

export const customerActivated = (overrides: EventOverrides<CustomerActivated> = {}): CustomerActivated => ({
  type: 'CustomerActivated',
  data: eventData<CustomerActivated['data']>(
    { ...STAMP, product: 'savings-account', pointsEarned: 200, tierAfter: 'Bronze', tierWindowStartDay: tierWindowStartDay(overrides) },
    overrides,
  ),
});

export const customerProfileUpdated = (overrides: EventOverrides<CustomerProfileUpdated> = {}): CustomerProfileUpdated => ({
  type: 'CustomerProfileUpdated',
  data: eventData<CustomerProfileUpdated['data']>({ ...STAMP, assets: cny('650000.00') }, overrides),
});

/** 1,000.00 CNY at Bronze: 10 points. */
export const transactionRecorded = (overrides: EventOverrides<TransactionRecorded> = {}): TransactionRecorded => ({
  type: 'TransactionRecorded',
  data: eventData<TransactionRecorded['data']>(
    {
      ...STAMP,
      transactionId: 'txn-1',
      amount: cny('1000.00'),
      productCategory: 'deposit',
      revenue: cny('5.00'),
      pointsEarned: 10,
      tierAfter: 'Bronze',
      tierWindowStartDay: tierWindowStartDay(overrides),
    },
    overrides,
  ),
});

/** Filed at T0, due 15 days later. */
export const complaintFiled = (overrides: EventOverrides<ComplaintFiled> = {}): ComplaintFiled => ({
  type: 'ComplaintFiled',
  data: eventData<ComplaintFiled['data']>(
    {
      ...STAMP,
      complaintId: 'cmp-1',
      category: 'fees',
      severity: 'medium',
      channel: 'call-centre',
      dueAt: at({ days: 15 }),
    },
    overrides,
  ),
});

/** Escalated 7 days after T0; due 30 days after filing at T0. */
export const complaintEscalated = (overrides: EventOverrides<ComplaintEscalated> = {}): ComplaintEscalated => ({
  type: 'ComplaintEscalated',
  data: eventData<ComplaintEscalated['data']>(
    {
      ...STAMP,
      occurredAt: at({ days: 7 }),
      complaintId: 'cmp-1',
      reason: 'no answer within a week',
      dueAt: at({ days: 30 }),
    },
    overrides,
  ),
});

/** Resolved 2 days (48 hours) after filing at T0. */
export const complaintResolved = (overrides: EventOverrides<ComplaintResolved> = {}): ComplaintResolved => ({
  type: 'ComplaintResolved',
  data: eventData<ComplaintResolved['data']>(
    { ...STAMP, occurredAt: at({ days: 2 }), complaintId: 'cmp-1', resolution: 'fee refunded', resolutionHours: 48 },
    overrides,
  ),
});

export const satisfactionRecorded = (overrides: EventOverrides<SatisfactionRecorded> = {}): SatisfactionRecorded => ({
  type: 'SatisfactionRecorded',
  data: eventData<SatisfactionRecorded['data']>(
    {
      ...STAMP,
      surveyId: 'srv-1',
      csat: 4,
      nps: 8,
      touchpoint: 'account-opening',
      channel: 'branch',
    },
    overrides,
  ),
});

/** 100 points out of the 200 activation bonus. */
export const pointsRedeemed = (overrides: EventOverrides<PointsRedeemed> = {}): PointsRedeemed => ({
  type: 'PointsRedeemed',
  data: eventData<PointsRedeemed['data']>(
    {
      ...STAMP,
      redemptionId: 'rdm-1',
      points: 100,
      reward: 'cinema-ticket',
      balanceAfter: 100,
    },
    overrides,
  ),
});

export const retentionAlertRaised = (overrides: EventOverrides<RetentionAlertRaised> = {}): RetentionAlertRaised => ({
  type: 'RetentionAlertRaised',
  data: eventData<RetentionAlertRaised['data']>({ ...STAMP, surveyId: 'srv-3', recentScores: [5, 4, 2] }, overrides),
});

export const customerChurned = (overrides: EventOverrides<CustomerChurned> = {}): CustomerChurned => ({
  type: 'CustomerChurned',
  data: eventData<CustomerChurned['data']>({ ...STAMP, reason: 'moved to another bank' }, overrides),
});

export const customerReactivated = (overrides: EventOverrides<CustomerReactivated> = {}): CustomerReactivated => ({
  type: 'CustomerReactivated',
  data: eventData<CustomerReactivated['data']>({ ...STAMP, reason: 'returned for a mortgage' }, overrides),
});

export const personalDataErased = (overrides: EventOverrides<PersonalDataErased> = {}): PersonalDataErased => ({
  type: 'PersonalDataErased',
  data: eventData<PersonalDataErased['data']>(
    {
      ...STAMP,
      keyId: SEALED_PERSONAL_DATA.keyId,
      requestedBy: 'privacy-officer',
    },
    overrides,
  ),
});

/** Acquired and activated at T0 with the 200-point bonus. */
export function activeCustomerHistory(): readonly CustomerEvent[] {
  return [customerAcquired(), customerActivated()];
}
