import {
  defaultLoyaltyConfig,
  defaultSatisfactionConfig,
  defaultSegmentationConfig,
  type LoyaltyConfig,
  type SatisfactionConfig,
  type SegmentationConfig,
} from '@rapport/customer-domain';

/** The domain policies the read side applies. Changing one changes documents: bump the collection versions and rebuild. */
export interface ReadModelConfig {
  readonly segmentation: SegmentationConfig;
  readonly loyalty: LoyaltyConfig;
  readonly satisfaction: SatisfactionConfig;
}

export const defaultReadModelConfig: ReadModelConfig = {
  segmentation: defaultSegmentationConfig,
  loyalty: defaultLoyaltyConfig,
  satisfaction: defaultSatisfactionConfig,
};
