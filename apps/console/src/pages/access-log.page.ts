import { getJson } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n/i18n';
import type { PageContext } from '../page';
import { csvButton, table } from '../table';
import { auditHeading } from './audit-tabs';
import type { AccessEntry } from './views';

/** `#/access-log/<id>`: who read the customer's history or personal data, and when. */
export async function accessLogPage({ key, params, main }: PageContext): Promise<void> {
  const customerId = params[0];
  const errors = h('div', { class: 'errors' });
  const path = `/v1/customers/${encodeURIComponent(customerId ?? '')}/access-log`;
  main.replaceChildren(
    auditHeading('access-log', 'nav.accessLog', customerId, customerId ? csvButton(path, {}, (m) => errors.replaceChildren(m)) : ''),
    errors,
  );
  if (!customerId) return;
  const { entries } = await getJson<{ entries: AccessEntry[] }>(key, path);
  const columns = [
    { label: 'access.occurredAt', cell: (e: AccessEntry) => formatInstant(e.occurredAt), sortBy: (e: AccessEntry) => e.occurredAt },
    { label: 'access.actor', cell: (e: AccessEntry) => e.actor, sortBy: (e: AccessEntry) => e.actor },
    { label: 'access.role', cell: (e: AccessEntry) => (isRole(e.role) ? t(`role.${e.role}` as const) : e.role) },
    { label: 'access.via', cell: (e: AccessEntry) => h('code', {}, e.via) },
    { label: 'event.correlationId', cell: (e: AccessEntry) => h('code', {}, e.correlationId) },
  ] as const;
  main.append(table(columns, entries, { name: 'access-log', rowAttributes: (e) => ({ 'data-access': String(e.revision) }) }));
}

function isRole(role: string): role is 'channel' | 'analyst' | 'auditor' | 'admin' {
  return ['channel', 'analyst', 'auditor', 'admin'].includes(role);
}
