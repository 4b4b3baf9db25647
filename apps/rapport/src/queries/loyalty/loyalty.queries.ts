import { Query } from '@nestjs/cqrs';
import type { LoyaltyTier } from '@rapport/customer-domain';
import type { ReadResult } from '../../http/outcomes';

export interface LoyaltyAccountView {
  readonly customerId: string;
  readonly balance: number;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  readonly tier: LoyaltyTier;
}

export interface LeaderboardEntry extends LoyaltyAccountView {
  readonly rank: number;
}

export class GetLoyaltyAccount extends Query<ReadResult<LoyaltyAccountView>> {
  constructor(
    readonly customerId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

export class GetLoyaltyLeaderboard extends Query<ReadResult<readonly LeaderboardEntry[]>> {
  constructor(
    readonly limit: number,
    readonly minPosition?: number,
  ) {
    super();
  }
}

export interface TierCount {
  readonly tier: LoyaltyTier;
  readonly customers: number;
}

export class GetLoyaltyTiers extends Query<ReadResult<readonly TierCount[]>> {
  constructor(readonly minPosition?: number) {
    super();
  }
}
