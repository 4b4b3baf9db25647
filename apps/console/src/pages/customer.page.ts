import { getJson } from '../api';
import { h } from '../dom';
import { formatInstant, formatNumber, formatPercent, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { field, heading, type PageContext } from '../page';

interface CustomerSummary {
  readonly customerId: string;
  readonly status: string;
  readonly lifecycleStage: string;
  readonly segment: { readonly key: string } | null;
  readonly loyalty: { readonly balance: number; readonly tier: string } | null;
  readonly satisfaction: { readonly last: number | null; readonly responses: number; readonly csat: number | null } | null;
  readonly openComplaints: number;
  readonly acquiredAt?: string;
  readonly activatedAt?: string;
  readonly lastTransactionAt?: string;
  readonly revision: number;
}

/** A form to pick a customer, shared by the pages about one customer. */
export function customerForm(page: string, customerId: string | undefined): HTMLFormElement {
  const input = h('input', { type: 'text', name: 'customerId', value: customerId ?? '', required: true, pattern: '[A-Za-z0-9._:\\-]+' });
  const onsubmit = (event: Event) => {
    event.preventDefault();
    location.hash = `#/${page}/${encodeURIComponent(input.value.trim())}`;
  };
  return h(
    'form',
    { class: 'inline', 'data-customer-form': page, onsubmit },
    field('customer.id', input),
    h('button', { type: 'submit' }, t('customer.show')),
  );
}

/** `#/customer/<id>`: the customer summary read model. */
export async function customerPage({ key, params, main }: PageContext): Promise<void> {
  const customerId = params[0];
  main.replaceChildren(heading('nav.customer', customerForm('customer', customerId)));
  if (!customerId) return;
  const summary = await getJson<CustomerSummary>(key, `/v1/customers/${encodeURIComponent(customerId)}`);
  const rows: (readonly [MessageKey, string])[] = [
    ['customer.id', summary.customerId],
    ['customer.status', summary.status],
    ['dimension.lifecycleStage', summary.lifecycleStage],
    ['segment.key', summary.segment?.key ?? '—'],
    ['loyalty.tier', summary.loyalty?.tier ?? '—'],
    ['loyalty.balance', formatNumber(summary.loyalty?.balance, 0)],
    ['customer.lastCsat', formatNumber(summary.satisfaction?.last)],
    ['customer.responses', formatNumber(summary.satisfaction?.responses ?? 0)],
    ['kpi.csat', formatPercent(summary.satisfaction?.csat)],
    ['customer.openComplaints', formatNumber(summary.openComplaints)],
    ['customer.acquiredAt', formatInstant(summary.acquiredAt)],
    ['customer.activatedAt', formatInstant(summary.activatedAt)],
    ['customer.lastTransactionAt', formatInstant(summary.lastTransactionAt)],
    ['customer.revision', formatNumber(summary.revision, 0)],
  ];
  main.append(
    h(
      'dl',
      { class: 'summary', 'data-summary': summary.customerId },
      ...rows.flatMap(([label, value]) => [h('dt', {}, t(label)), h('dd', {}, value)]),
    ),
  );
}
