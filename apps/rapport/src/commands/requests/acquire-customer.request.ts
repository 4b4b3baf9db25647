import { CUSTOMER_TYPES, RISK_PROFILES, type CustomerType, type RiskProfile } from '@rapport/customer-domain';
import { MaxLength } from 'class-validator';
import { ChoiceField, NestedField, PatternField, TextField } from '../../http/fields';
import { CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';

/** An ASCII local part, and a domain of at least two dot-separated labels. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export class PersonalDataRequest {
  @TextField(200, { isOptional: true }) name?: string;
  @PatternField(/^[A-Za-z0-9-]{4,32}$/, 'nationalId must be 4-32 letters, digits or "-"', { isOptional: true }) nationalId?: string;
  @PatternField(/^\+?[0-9 ()-]{5,32}$/, 'phone must be 5-32 digits, spaces, "+", "(", ")" or "-"', { isOptional: true }) phone?: string;
  // The pattern is the whole rule, so the document and the server agree on every address.
  @PatternField(EMAIL, 'email must be an e-mail address such as ada@example.com', {
    isOptional: true,
    maxLength: 254,
    example: 'ada@example.com',
  })
  @MaxLength(254)
  email?: string;
}

export class AcquireCustomerRequest extends CommandRequest {
  @PatternField(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'customerId must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', { example: 'C-10001' })
  customerId!: string;
  @ChoiceField(CUSTOMER_TYPES) customerType!: CustomerType;
  @TextField(64, { example: 'branch' }) channel!: string;
  @NestedField(MoneyRequest) assets!: MoneyRequest;
  @ChoiceField(RISK_PROFILES) riskProfile!: RiskProfile;
  @NestedField(MoneyRequest, { isOptional: true }) acquisitionCost?: MoneyRequest;
  @NestedField(PersonalDataRequest, { isOptional: true }) personal?: PersonalDataRequest;
}
