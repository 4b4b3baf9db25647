import { Injectable, type PipeTransform } from '@nestjs/common';
import { isCustomerId } from '@rapport/kernel';
import { InvalidInput } from './validation';

@Injectable()
export class CustomerIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (isCustomerId(value)) return value;
    throw new InvalidInput([{ field: 'customerId', message: 'customerId must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }]);
  }
}

@Injectable()
export class BusinessIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}
  transform(value: unknown): string {
    if (typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(value)) return value;
    throw new InvalidInput([{ field: this.field, message: `${this.field} must be 1-128 letters, digits, ".", "_", ":" or "-"` }]);
  }
}
