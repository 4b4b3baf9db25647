import { getJson } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n/i18n';
import type { PageContext } from '../page';
import { csvButton, table } from '../table';
import { auditHeading } from './audit-tabs';
import type { HistoryEvent, HistoryPage } from './views';

const PAGE = 1_000;

/** `#/timeline/<id>`: every event of the customer in order, personal data opened as the API gives it. */
export async function timelinePage({ key, params, main }: PageContext): Promise<void> {
  const customerId = params[0];
  const errors = h('div', { class: 'errors' });
  const csv = customerId
    ? csvButton(`/v1/customers/${encodeURIComponent(customerId)}/history`, { limit: 10_000 }, (m) => errors.replaceChildren(m))
    : '';
  main.replaceChildren(auditHeading('timeline', 'nav.timeline', customerId, csv), errors);
  if (!customerId) return;
  const events = await wholeHistory(key, customerId);
  const columns = [
    { label: 'event.revision', cell: (e: HistoryEvent) => String(e.revision), sortBy: (e: HistoryEvent) => e.revision },
    { label: 'event.type', cell: (e: HistoryEvent) => e.type, sortBy: (e: HistoryEvent) => e.type },
    {
      label: 'event.occurredAt',
      cell: (e: HistoryEvent) => formatInstant(e.metadata.occurredAt),
      sortBy: (e: HistoryEvent) => e.metadata.occurredAt,
    },
    {
      label: 'event.recordedAt',
      cell: (e: HistoryEvent) => formatInstant(e.metadata.recordedAt),
      sortBy: (e: HistoryEvent) => e.metadata.recordedAt,
    },
    { label: 'event.actor', cell: (e: HistoryEvent) => e.metadata.actor },
    { label: 'event.channel', cell: (e: HistoryEvent) => e.metadata.channel },
    { label: 'event.correlationId', cell: (e: HistoryEvent) => h('code', {}, e.metadata.correlationId) },
    { label: 'event.data', cell: (e: HistoryEvent) => h('pre', { class: 'data' }, JSON.stringify(e.data, null, 1)) },
  ] as const;
  main.append(
    h('p', {}, t('event.count', { count: events.length })),
    table(columns, events, { name: 'timeline', rowAttributes: (e) => ({ 'data-revision': String(e.revision), 'data-type': e.type }) }),
  );
}

async function wholeHistory(key: string, customerId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let fromRevision: number | undefined = 0;
  while (fromRevision !== undefined) {
    const page: HistoryPage = await getJson<HistoryPage>(key, `/v1/customers/${encodeURIComponent(customerId)}/history`, {
      fromRevision,
      limit: PAGE,
    });
    events.push(...page.events);
    fromRevision = page.nextRevision;
  }
  return events;
}
