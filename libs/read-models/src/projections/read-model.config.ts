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
  readonly satisfaction: SatisfactionConfig;
  /** The tier thresholds and window that tell the loyalty projection when a tier lapses. */
  readonly loyalty: LoyaltyConfig;
}

export const defaultReadModelConfig: ReadModelConfig = {
  segmentation: defaultSegmentationConfig,
  satisfaction: defaultSatisfactionConfig,
  loyalty: defaultLoyaltyConfig,
};
