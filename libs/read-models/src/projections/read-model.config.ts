import {
  defaultSatisfactionConfig,
  defaultSegmentationConfig,
  type SatisfactionConfig,
  type SegmentationConfig,
} from '@rapport/customer-domain';

/** The domain policies the read side applies. Changing one changes documents: bump the collection versions and rebuild. */
export interface ReadModelConfig {
  readonly segmentation: SegmentationConfig;
  readonly satisfaction: SatisfactionConfig;
}

export const defaultReadModelConfig: ReadModelConfig = {
  segmentation: defaultSegmentationConfig,
  satisfaction: defaultSatisfactionConfig,
};
