import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, Matches, MaxLength, type ValidatorConstraintInterface, Validate, ValidateNested, ValidatorConstraint } from 'class-validator';
import { BUSINESS_ID, BUSINESS_ID_MESSAGE, CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';
import { IsOmittable } from '../../http/validation';

@ValidatorConstraint({ name: 'positiveMoney' })
class PositiveMoneyConstraint implements ValidatorConstraintInterface {
  validate(money: unknown): boolean {
    const amount = (money as { amount?: unknown } | undefined)?.amount;
    return typeof amount !== 'string' || /[1-9]/.test(amount);
  }
  defaultMessage(): string {
    return 'amount must be greater than zero';
  }
}

export class RecordTransactionRequest extends CommandRequest {
  @ApiProperty({ example: 'T-2026-000123' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `transactionId ${BUSINESS_ID_MESSAGE}` })
  transactionId!: string;

  @ApiProperty({ type: MoneyRequest })
  @IsDefined() @IsObject() @ValidateNested()
  @Type(() => MoneyRequest)
  @Validate(PositiveMoneyConstraint)
  amount!: MoneyRequest;

  @ApiProperty({ example: 'wealth-management' }) @IsString() @IsNotEmpty() @MaxLength(64) productCategory!: string;

  @ApiPropertyOptional({ type: MoneyRequest }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => MoneyRequest) revenue?: MoneyRequest;
}
