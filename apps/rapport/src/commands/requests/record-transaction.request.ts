import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { NestedField, TextField } from '../../http/fields';
import { BusinessIdField, CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';

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
  @BusinessIdField('transactionId', 'T-2026-000123') transactionId!: string;
  @applyDecorators(NestedField(MoneyRequest), Validate(PositiveMoneyConstraint)) amount!: MoneyRequest;
  @TextField(64, { example: 'wealth-management' }) productCategory!: string;
  @NestedField(MoneyRequest, { isOptional: true }) revenue?: MoneyRequest;
}
