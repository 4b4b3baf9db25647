import { ApiProperty } from '@nestjs/swagger';
import { isDecimalAmount } from '@rapport/kernel';
import { IsString, Matches, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

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
  @ApiProperty({ example: '1250.00', pattern: '^\\d+(\\.\\d+)?$' })
  @IsString()
  @Validate(MoneyAmountConstraint)
  amount!: string;

  @ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;
}
