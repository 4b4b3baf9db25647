import { defaultComplaintsConfig, type ComplaintsConfig } from './policies/complaints.policy';
import { defaultLoyaltyConfig, type LoyaltyConfig } from './policies/loyalty.policy';

/** The policy settings the decider applies when it decides and evolves. */
export interface DomainConfig {
  readonly loyalty: LoyaltyConfig;
  readonly complaints: ComplaintsConfig;
}

export const defaultDomainConfig: DomainConfig = {
  loyalty: defaultLoyaltyConfig,
  complaints: defaultComplaintsConfig,
};
