import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LOYALTY_ACCOUNTS, type LoyaltyAccount, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { GetLoyaltyAccount, GetLoyaltyLeaderboard, type LeaderboardEntry, type LoyaltyAccountView } from './loyalty.queries';

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
