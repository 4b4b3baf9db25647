import { isInstant } from '@rapport/kernel';
import type { CustomerEventType } from './customer.events';
import { tierFor, windowStartDay, type LoyaltyConfig } from './policies/loyalty.policy';

type StoredData = { readonly [key: string]: unknown };

/** Turns a customer event's data stored at `fromVersion` into its shape at the next version. */
export interface CustomerUpcaster {
  readonly type: CustomerEventType;
  readonly fromVersion: number;
  upcast(data: StoredData): StoredData;
}

/**
 * The loyalty policy every version 1 event was decided under: design.md §2's defaults, the only
 * settings Rapport ever ran with until events recorded their tier and window. Pinned here rather
 * than read from defaultLoyaltyConfig, so that changing today's defaults never rewrites the past.
 */
const LOYALTY_POLICY_OF_VERSION_1: LoyaltyConfig = {
  activationBonus: 200,
  tierMultipliers: { Bronze: 1.0, Silver: 1.2, Gold: 1.5, Platinum: 2.0 },
  tierThresholds: { Silver: 1000, Gold: 5000, Platinum: 20000 },
  tierWindowMonths: 12,
};

/**
 * Version 1 left to evolve what the policy decided; version 2 records it. The missing fields are
 * worked out as the evolve of version 1 worked them out when the event was written, with the
 * policy then in force: the honest reading of old data, not today's settings.
 */
export const CUSTOMER_UPCASTERS: readonly CustomerUpcaster[] = [
  {
    type: 'CustomerActivated',
    fromVersion: 1,
    // A prospect has earned nothing before activation, so the bonus alone decided the tier.
    upcast: (data) => ({
      ...data,
      tierAfter: tierFor(Number(data.pointsEarned), LOYALTY_POLICY_OF_VERSION_1),
      tierWindowStartDay: windowStartOf(data),
    }),
  },
  {
    type: 'TransactionRecorded',
    fromVersion: 1,
    upcast: (data) => ({ ...data, tierWindowStartDay: windowStartOf(data) }),
  },
];

/** An occurredAt that is no instant (no edge ever wrote one) prunes nothing: every day is on or after ''. */
function windowStartOf(data: StoredData): string {
  const { occurredAt } = data;
  return typeof occurredAt === 'string' && isInstant(occurredAt) ? windowStartDay(occurredAt, LOYALTY_POLICY_OF_VERSION_1) : '';
}
