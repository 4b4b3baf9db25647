import { defaultComplaintClockConfig, type ComplaintClockConfig } from './policies/complaint-clock.policy';
import { defaultLoyaltyConfig, type LoyaltyConfig } from './policies/loyalty.policy';

/** The policy settings the decider applies when it decides and evolves. */
export interface DomainConfig {
  readonly loyalty: LoyaltyConfig;
  readonly complaints: ComplaintClockConfig;
}

export const defaultDomainConfig: DomainConfig = {
  loyalty: defaultLoyaltyConfig,
  complaints: defaultComplaintClockConfig,
};
