import {
  defaultLoyaltyConfig,
  defaultSatisfactionConfig,
  defaultSegmentationConfig,
  type LoyaltyConfig,
  type PolicySet,
  type SatisfactionConfig,
  type SegmentationConfig,
} from '@rapport/customer-domain';

/** The domain policies the read side applies. Changing one changes documents: bump the collection versions and rebuild. */
export interface ReadModelConfig {
  readonly segmentation: SegmentationConfig;
  readonly satisfaction: SatisfactionConfig;
  /** The tier thresholds and window that tell the loyalty projection when a tier lapses. */
  readonly loyalty: LoyaltyConfig;
}

export const defaultReadModelConfig: ReadModelConfig = {
  segmentation: defaultSegmentationConfig,
  satisfaction: defaultSatisfactionConfig,
  loyalty: defaultLoyaltyConfig,
};

/** The read side's settings under a policy set, so projections judge with the decider's thresholds. */
export function readModelConfigOf(policy: PolicySet): ReadModelConfig {
  return { ...defaultReadModelConfig, segmentation: policy.segmentation, loyalty: policy.loyalty };
}
