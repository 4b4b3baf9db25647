import type { Money } from '@rapport/kernel';

interface TransactionContent {
  readonly amount: Money;
  readonly productCategory: string;
  readonly revenue?: Money;
}

/**
 * What a transaction id stands for, as a short comparable string: a repeat with the same content is a
 * redelivery, with other content a conflicting reuse of the id. Business time is left out because the
 * edge fills it from the clock when a redelivery omits it.
 */
export function transactionContent({ amount, productCategory, revenue }: TransactionContent): string {
  return JSON.stringify([amount.amount, amount.currency, productCategory, revenue?.amount ?? null, revenue?.currency ?? null]);
}
