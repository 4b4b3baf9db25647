import { RISK_PROFILES, type RiskProfile } from '@rapport/customer-domain';
import { ChoiceField, NestedField } from '../../http/fields';
import { CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';

/** Both fields are optional, but not both absent: the document says so with `anyOf`, the domain answers 400 `nothing-to-update`. */
export class UpdateProfileRequest extends CommandRequest {
  @NestedField(MoneyRequest, { isOptional: true }) assets?: MoneyRequest;
  @ChoiceField(RISK_PROFILES, { isOptional: true }) riskProfile?: RiskProfile;
}
