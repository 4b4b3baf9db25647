import { Injectable, type PipeTransform } from '@nestjs/common';
import { CUSTOMER_TYPES, RISK_PROFILES, type Behaviour, type LifecycleStage, type ValueTier } from '@rapport/customer-domain';
import { InvalidInput } from '../../http/validation';

const VALUE_TIERS = ['mass', 'affluent', 'wealth', 'private', 'unclassified'] as const satisfies readonly ValueTier[];
const BEHAVIOURS = ['high', 'medium', 'low', 'none'] as const satisfies readonly Behaviour[];
const STAGES = ['prospect', 'new', 'active', 'mature', 'dormant', 'churned'] as const satisfies readonly LifecycleStage[];
const PARTS: readonly (readonly string[])[] = [CUSTOMER_TYPES, VALUE_TIERS, RISK_PROFILES, BEHAVIOURS, STAGES];

/** The same rule as a pattern, for the OpenAPI document. */
export const SEGMENT_KEY_PATTERN = `^${PARTS.map((values) => `(${values.join('|')})`).join('\\.')}$`;

/** A segment key as GET /v1/segments lists it: `customerType.valueTier.riskProfile.behaviour.lifecycleStage`. */
@Injectable()
export class SegmentKeyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const parts = typeof value === 'string' ? value.split('.') : [];
    if (parts.length === PARTS.length && parts.every((part, i) => PARTS[i]?.includes(part))) return value as string;
    throw new InvalidInput([
      {
        field: 'segment',
        message: 'segment must be customerType.valueTier.riskProfile.behaviour.lifecycleStage, e.g. individual.affluent.C3.medium.active',
      },
    ]);
  }
}
