import { CUSTOMER_TYPES, RISK_PROFILES, type ValueTier } from '@rapport/customer-domain';
import { PatternField, WholeNumberField } from '../../http/fields';
import { PageRequest } from '../shared/read-query.request';

const VALUE_TIERS = ['mass', 'affluent', 'wealth', 'private', 'unclassified'] as const satisfies readonly ValueTier[];

/** The time-independent part of a segment key: `customerType.valueTier.riskProfile`. */
export const WORKLIST_SEGMENT = new RegExp(`^(${CUSTOMER_TYPES.join('|')})\\.(${VALUE_TIERS.join('|')})\\.(${RISK_PROFILES.join('|')})$`);

export class WorklistRequest extends PageRequest {
  @WholeNumberField(0, 100, { isOptional: true, fromQuery: true, description: 'Only customers scoring at least this (0–100)' })
  minScore?: number;

  @PatternField(WORKLIST_SEGMENT, 'segment must be customerType.valueTier.riskProfile, e.g. individual.affluent.C3', {
    isOptional: true,
    example: 'individual.affluent.C3',
  })
  segment?: string;
}
