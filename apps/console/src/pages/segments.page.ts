import { getJson } from '../api';
import { drawChart } from '../charts';
import { h } from '../dom';
import { formatNumber, t } from '../i18n/i18n';
import { field, heading, link, select, type PageContext } from '../page';
import { csvButton, table } from '../table';
import type { Dimensions, SegmentCount, SegmentMembersPage } from './views';

const DIMENSIONS = [
  ['lifecycleStage', 'dimension.lifecycleStage'],
  ['customerType', 'dimension.customerType'],
  ['valueTier', 'dimension.valueTier'],
  ['riskProfile', 'dimension.riskProfile'],
  ['behaviour', 'dimension.behaviour'],
] as const;
type Dimension = keyof Dimensions;
const PAGE_SIZE = 20;

/** `#/segments/<dimension>` shows the mix; `#/segments/<dimension>/<segment>/<cursor>` a page of a segment's members. */
export async function segmentsPage(context: PageContext): Promise<void> {
  const dimension = (DIMENSIONS.find(([d]) => d === context.params[0])?.[0] ?? 'lifecycleStage') as Dimension;
  if (context.params[1]) return membersPage(context, dimension, context.params[1], context.params[2]);
  const { key, main } = context;
  const segments = await getJson<SegmentCount[]>(key, '/v1/segments');
  const errors = h('div', { class: 'errors' });
  const chart = h('div', { class: 'chart', 'data-chart': 'segments' });
  const picker = select('dimension', dimension, DIMENSIONS);
  picker.addEventListener('change', () => (location.hash = `#/segments/${picker.value}`));
  const columns = [
    {
      label: 'segment.key',
      cell: (s: SegmentCount) => link(`#/segments/${dimension}/${encodeURIComponent(s.segment)}`, s.segment),
      sortBy: (s: SegmentCount) => s.segment,
    },
    { label: 'segment.count', cell: (s: SegmentCount) => formatNumber(s.count), sortBy: (s: SegmentCount) => s.count },
    {
      label: 'segment.high',
      cell: (s: SegmentCount) => formatNumber(s.valueContribution.high),
      sortBy: (s: SegmentCount) => s.valueContribution.high,
    },
    { label: 'segment.medium', cell: (s: SegmentCount) => formatNumber(s.valueContribution.medium) },
    { label: 'segment.low', cell: (s: SegmentCount) => formatNumber(s.valueContribution.low) },
  ] as const;
  main.replaceChildren(
    heading(
      'nav.segments',
      field('segment.dimension', picker),
      csvButton('/v1/segments', {}, (m) => errors.replaceChildren(m)),
    ),
    errors,
    h('figure', {}, h('figcaption', {}, t('chart.segmentMix')), chart),
    table(columns, segments, { name: 'segments', rowAttributes: (s) => ({ 'data-segment': s.segment }) }),
  );
  const totals = new Map<string, number>();
  for (const segment of segments)
    totals.set(segment.dimensions[dimension], (totals.get(segment.dimensions[dimension]) ?? 0) + segment.count);
  const values = [...totals.keys()].sort();
  drawChart(
    chart,
    {
      xAxis: { type: 'category', data: values },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('segment.count'), data: values.map((v) => totals.get(v) ?? 0) }],
    },
    values.length,
  );
}

async function membersPage({ key, main }: PageContext, dimension: Dimension, segment: string, cursor: string | undefined): Promise<void> {
  const query = { limit: PAGE_SIZE, cursor };
  const page = await getJson<SegmentMembersPage>(key, `/v1/segments/${encodeURIComponent(segment)}/customers`, query);
  const errors = h('div', { class: 'errors' });
  type Member = SegmentMembersPage['customers'][number];
  const columns = [
    {
      label: 'customer.id',
      cell: (m: Member) => link(`#/customer/${encodeURIComponent(m.customerId)}`, m.customerId),
      sortBy: (m: Member) => m.customerId,
    },
    { label: 'dimension.lifecycleStage', cell: (m: Member) => m.dimensions.lifecycleStage },
    { label: 'dimension.behaviour', cell: (m: Member) => m.dimensions.behaviour },
    { label: 'segment.valueBand', cell: (m: Member) => m.valueContribution.band, sortBy: (m: Member) => m.valueContribution.band },
  ] as const;
  const base = `#/segments/${dimension}/${encodeURIComponent(segment)}`;
  const pager = h(
    'nav',
    { class: 'pager' },
    cursor ? h('a', { href: base, 'data-page-first': true }, t('pager.first')) : null,
    page.next ? h('a', { href: `${base}/${page.next}`, 'data-page-next': true }, t('pager.next')) : null,
  );
  main.replaceChildren(
    heading(
      'segment.members',
      h('code', { 'data-members-of': segment }, segment),
      csvButton(`/v1/segments/${encodeURIComponent(segment)}/customers`, query, (m) => errors.replaceChildren(m)),
    ),
    errors,
    h('p', {}, link(`#/segments/${dimension}`, t('segment.back'))),
    table(columns, page.customers, { name: 'segment-members', rowAttributes: (m) => ({ 'data-customer': m.customerId }) }),
    pager,
  );
}
