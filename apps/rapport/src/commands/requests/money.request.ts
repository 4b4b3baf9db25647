import { ApiProperty } from '@nestjs/swagger';
import { isDecimalAmount, ISO_4217_CURRENCIES } from '@rapport/kernel';
import {
  IsIn,
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'moneyAmount' })
class MoneyAmountConstraint implements ValidatorConstraintInterface {
  validate(amount: unknown, args: ValidationArguments): boolean {
    const currency = (args.object as { currency?: unknown }).currency;
    return typeof amount === 'string' && typeof currency === 'string' && !amount.startsWith('-') && isDecimalAmount(amount, currency);
  }
  defaultMessage(): string {
    return 'amount must be a non-negative decimal string with no more decimals than its currency allows, e.g. "1250.00"';
  }
}

/** Money as api.md defines it: a decimal string and an ISO 4217 currency. */
export class MoneyRequest {
  @ApiProperty({
    example: '1250.00',
    pattern: '^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,3})?$',
    description: 'Non-negative, at most as many decimals as the currency has (2 for most, 0 for JPY, KRW, VND; 3 for BHD, KWD, OMR, JOD)',
  })
  @IsString()
  @Validate(MoneyAmountConstraint)
  amount!: string;

  @ApiProperty({ example: 'CNY', enum: ISO_4217_CURRENCIES, description: 'An ISO 4217 code in circulation' })
  @IsIn(ISO_4217_CURRENCIES, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;
}
