import { defaultComplaintClockConfig, type ComplaintClockConfig } from './policies/complaint-clock.policy';
import { defaultChurnRiskConfig, type ChurnRiskConfig } from './policies/churn-risk.policy';
import { defaultLoyaltyConfig, type LoyaltyConfig } from './policies/loyalty.policy';

/** The policy settings the decider applies when it decides and evolves. */
export interface DomainConfig {
  readonly loyalty: LoyaltyConfig;
  readonly complaints: ComplaintClockConfig;
  readonly churnRisk: ChurnRiskConfig;
}

export const defaultDomainConfig: DomainConfig = {
  loyalty: defaultLoyaltyConfig,
  complaints: defaultComplaintClockConfig,
  churnRisk: defaultChurnRiskConfig,
};
