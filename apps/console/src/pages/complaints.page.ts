import { getJson } from '../api';
import { h } from '../dom';
import { formatHours, formatInstant, formatNumber, t } from '../i18n/i18n';
import { field, heading, link, select, type PageContext } from '../page';
import { csvButton, table } from '../table';
import type { Complaint, ComplaintsPage } from './views';

const STATUSES = [
  ['all', 'complaint.all'],
  ['open', 'complaint.open'],
  ['overdue', 'complaint.overdue'],
  ['resolved', 'complaint.resolved'],
] as const;
type StatusFilter = (typeof STATUSES)[number][0];
const PAGE_SIZE = 50;

/** `#/complaints/<status>/<cursor>` */
export async function complaintsPage({ key, params, main }: PageContext): Promise<void> {
  const status = (STATUSES.find(([s]) => s === params[0])?.[0] ?? 'all') as StatusFilter;
  const query = { status: status === 'all' ? undefined : status, limit: PAGE_SIZE, cursor: params[1] };
  const page = await getJson<ComplaintsPage>(key, '/v1/complaints', query);
  const now = Date.now();
  const errors = h('div', { class: 'errors' });
  const columns = [
    {
      label: 'customer.id',
      cell: (c: Complaint) => link(`#/customer/${encodeURIComponent(c.customerId)}`, c.customerId),
      sortBy: (c: Complaint) => c.customerId,
    },
    { label: 'complaint.id', cell: (c: Complaint) => c.complaintId },
    { label: 'complaint.category', cell: (c: Complaint) => c.category, sortBy: (c: Complaint) => c.category },
    { label: 'complaint.severity', cell: (c: Complaint) => c.severity, sortBy: (c: Complaint) => c.severity },
    { label: 'complaint.status', cell: (c: Complaint) => statusText(c), sortBy: (c: Complaint) => statusText(c) },
    { label: 'complaint.filedAt', cell: (c: Complaint) => formatInstant(c.filedAt), sortBy: (c: Complaint) => c.filedAt },
    { label: 'complaint.dueAt', cell: (c: Complaint) => formatInstant(c.dueAt), sortBy: (c: Complaint) => c.dueAt },
    { label: 'complaint.timeLeft', cell: (c: Complaint) => timeLeft(c, now), sortBy: (c: Complaint) => hoursLeft(c, now) },
    {
      label: 'complaint.resolutionHours',
      cell: (c: Complaint) => formatNumber(c.resolutionHours),
      sortBy: (c: Complaint) => c.resolutionHours ?? -1,
    },
  ] as const;
  const picker = select('status', status, STATUSES);
  picker.addEventListener('change', () => (location.hash = `#/complaints/${picker.value}`));
  const pager = h(
    'nav',
    { class: 'pager' },
    params[1] ? h('a', { href: `#/complaints/${status}`, 'data-page-first': true }, t('pager.first')) : null,
    page.next ? h('a', { href: `#/complaints/${status}/${page.next}`, 'data-page-next': true }, t('pager.next')) : null,
  );
  main.replaceChildren(
    heading(
      'nav.complaints',
      field('complaint.status', picker),
      csvButton('/v1/complaints', query, (m) => errors.replaceChildren(m)),
    ),
    errors,
    table(columns, page.complaints, { name: 'complaints', rowAttributes: (c) => ({ 'data-complaint': c.complaintId }) }),
    pager,
  );
}

function statusText(complaint: Complaint): string {
  if (complaint.status === 'resolved') return t('complaint.resolved');
  return complaint.isOverdue ? t('complaint.overdue') : t('complaint.open');
}

/** Open: hours until the due date (negative once overdue). Resolved: how early (positive) or late it was resolved. */
function hoursLeft(complaint: Complaint, now: number): number {
  const end = complaint.resolvedAt ? Date.parse(complaint.resolvedAt) : now;
  return (Date.parse(complaint.dueAt) - end) / 3_600_000;
}

function timeLeft(complaint: Complaint, now: number): HTMLElement {
  const hours = hoursLeft(complaint, now);
  const late = hours < 0;
  const key =
    complaint.status === 'resolved'
      ? late
        ? 'complaint.resolvedLate'
        : 'complaint.resolvedInTime'
      : late
        ? 'complaint.overrun'
        : 'complaint.left';
  return h('span', { class: late ? 'late' : 'in-time' }, t(key, { duration: formatHours(hours) }));
}
