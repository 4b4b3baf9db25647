import type { SealedPersonalData } from '@rapport/customer-domain';
import { addDays, addMonths, type Money } from '@rapport/kernel';

/** Fixed data for specs: no clock, no randomness (style.md §9). */
export const CUSTOMER_ID = 'cust-0001';
export const T0 = '2026-01-05T09:00:00.000Z';

export interface Offset {
  readonly months?: number;
  readonly days?: number;
  readonly hours?: number;
  readonly milliseconds?: number;
}

/** T0 moved by calendar months, then days, hours and milliseconds (any may be negative). */
export function at(offset: Offset = {}): string {
  const { months = 0, days = 0, hours = 0, milliseconds = 0 } = offset;
  const shifted = addDays(addMonths(new Date(T0), months), days);
  return new Date(shifted.getTime() + hours * 3_600_000 + milliseconds).toISOString();
}

export function cny(amount: string): Money {
  return { amount, currency: 'CNY' };
}

/** Looks like sealed data; the domain never opens it. */
export const SEALED_PERSONAL_DATA: SealedPersonalData = {
  keyId: 'key-cust-0001',
  iv: 'aXYtMTIzNDU2Nzg=',
  ciphertext: 'c2VhbGVkLXBlcnNvbmFsLWRhdGE=',
  tag: 'dGFnLTEyMzQ1Njc4OTA=',
};
