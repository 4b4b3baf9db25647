import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LOYALTY_ACCOUNTS, type LoyaltyAccount, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import {
  GetLoyaltyAccount,
  GetLoyaltyLeaderboard,
  GetLoyaltyTiers,
  type LeaderboardEntry,
  type LoyaltyAccountView,
  type TierCount,
} from './loyalty.queries';

function view({ customerId, balance, lifetimeEarned, redeemed, tier }: LoyaltyAccount): LoyaltyAccountView {
  return { customerId, balance, lifetimeEarned, redeemed, tier };
}

@QueryHandler(GetLoyaltyAccount)
export class GetLoyaltyAccountHandler implements IQueryHandler<GetLoyaltyAccount, ReadResult<LoyaltyAccountView>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ customerId, minPosition }: GetLoyaltyAccount): Promise<ReadResult<LoyaltyAccountView>> {
    return this.gate.read(['loyalty'], minPosition, async () => {
      const account = await this.store.get<Stamped<LoyaltyAccount>>(LOYALTY_ACCOUNTS, customerId);
      return account === null ? undefined : view(account);
    });
  }
}

/** Highest lifetime points first (ties by customer id), from the `leaderboard` index. */
@QueryHandler(GetLoyaltyLeaderboard)
export class GetLoyaltyLeaderboardHandler implements IQueryHandler<GetLoyaltyLeaderboard, ReadResult<readonly LeaderboardEntry[]>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ limit, minPosition }: GetLoyaltyLeaderboard): Promise<ReadResult<readonly LeaderboardEntry[]>> {
    return this.gate.read(['loyalty'], minPosition, async () => {
      const page = await this.store.find<Stamped<LoyaltyAccount>>(LOYALTY_ACCOUNTS, {
        sort: { field: 'lifetimeEarned', direction: 'desc' },
        limit,
      });
      return page.documents.map((account, index) => ({ rank: index + 1, ...view(account) }));
    });
  }
}

const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'] as const;
const TIER_PAGE = 1_000;

/** Customers per tier over every loyalty account, read a page at a time (the port has no count). */
@QueryHandler(GetLoyaltyTiers)
export class GetLoyaltyTiersHandler implements IQueryHandler<GetLoyaltyTiers, ReadResult<readonly TierCount[]>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ minPosition }: GetLoyaltyTiers): Promise<ReadResult<readonly TierCount[]>> {
    return this.gate.read(['loyalty'], minPosition, async () => {
      const counts = new Map<string, number>(TIERS.map((tier) => [tier, 0]));
      let after: string | undefined;
      do {
        const page = await this.store.find<Stamped<LoyaltyAccount>>(LOYALTY_ACCOUNTS, { limit: TIER_PAGE, ...(after ? { after } : {}) });
        for (const account of page.documents) counts.set(account.tier, (counts.get(account.tier) ?? 0) + 1);
        after = page.next ?? undefined;
      } while (after !== undefined);
      return TIERS.map((tier) => ({ tier, customers: counts.get(tier) ?? 0 }));
    });
  }
}
