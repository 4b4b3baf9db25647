import { getJson } from '../api';
import { drawChart } from '../charts';
import { h } from '../dom';
import { formatNumber, formatPercent, t } from '../i18n/i18n';
import { addDays, field, heading, select, today, type PageContext } from '../page';
import { csvButton, table } from '../table';
import type { TrendRow } from './views';

const GRANULARITIES = [
  ['day', 'granularity.day'],
  ['week', 'granularity.week'],
  ['month', 'granularity.month'],
] as const;
const BREAKDOWNS = [
  ['overall', 'by.overall'],
  ['channel', 'by.channel'],
  ['touchpoint', 'by.touchpoint'],
  ['segment', 'by.segment'],
] as const;
type Granularity = (typeof GRANULARITIES)[number][0];
type Breakdown = (typeof BREAKDOWNS)[number][0];

/** `#/satisfaction/<granularity>/<by>/<from>/<to>` */
export async function satisfactionPage({ key, params, main }: PageContext): Promise<void> {
  const granularity = (GRANULARITIES.find(([g]) => g === params[0])?.[0] ?? 'week') as Granularity;
  const by = (BREAKDOWNS.find(([b]) => b === params[1])?.[0] ?? 'overall') as Breakdown;
  const to = params[3] ?? today();
  const from = params[2] ?? addDays(to, -89);
  const query = { granularity, by, from, to };
  const rows = await getJson<TrendRow[]>(key, '/v1/satisfaction/trends', query);
  const errors = h('div', { class: 'errors' });
  const csat = h('div', { class: 'chart', 'data-chart': 'csat' });
  const nps = h('div', { class: 'chart', 'data-chart': 'nps' });
  const columns = [
    { label: 'trend.period', cell: (r: TrendRow) => r.period, sortBy: (r: TrendRow) => r.period },
    { label: 'trend.key', cell: (r: TrendRow) => r.key, sortBy: (r: TrendRow) => r.key },
    { label: 'trend.responses', cell: (r: TrendRow) => formatNumber(r.responses), sortBy: (r: TrendRow) => r.responses },
    { label: 'kpi.csat', cell: (r: TrendRow) => formatPercent(r.csat), sortBy: (r: TrendRow) => r.csat ?? -1 },
    { label: 'trend.averageScore', cell: (r: TrendRow) => formatNumber(r.averageScore) },
    { label: 'kpi.nps', cell: (r: TrendRow) => formatNumber(r.nps), sortBy: (r: TrendRow) => r.nps ?? -101 },
  ] as const;
  main.replaceChildren(
    heading(
      'nav.satisfaction',
      form(query),
      csvButton('/v1/satisfaction/trends', query, (m) => errors.replaceChildren(m)),
    ),
    errors,
    h(
      'div',
      { class: 'charts' },
      h('figure', {}, h('figcaption', {}, t('chart.csat')), csat),
      h('figure', {}, h('figcaption', {}, t('chart.nps')), nps),
    ),
    table(columns, rows, { name: 'satisfaction-trends' }),
  );
  lines(csat, rows, (row) => row.csat);
  lines(nps, rows, (row) => row.nps);
}

/** One line per key (channel, touchpoint or segment), over the periods in order. */
function lines(container: HTMLElement, rows: readonly TrendRow[], value: (row: TrendRow) => number | null): void {
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const keys = [...new Set(rows.map((row) => row.key))].sort();
  const series = keys.map((name) => {
    const byPeriod = new Map(rows.filter((row) => row.key === name).map((row) => [row.period, value(row)]));
    return {
      type: 'line' as const,
      name: name === 'overall' ? t('by.overall') : name,
      connectNulls: true,
      data: periods.map((period) => byPeriod.get(period) ?? null),
    };
  });
  drawChart(
    container,
    { legend: { top: 0, type: 'plain' }, xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' }, series },
    rows.length,
  );
}

function form(query: { granularity: Granularity; by: Breakdown; from: string; to: string }): HTMLFormElement {
  const granularity = select('granularity', query.granularity, GRANULARITIES);
  const by = select('by', query.by, BREAKDOWNS);
  const from = h('input', { type: 'date', name: 'from', value: query.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: query.to, required: true });
  const onsubmit = (event: Event) => {
    event.preventDefault();
    location.hash = `#/satisfaction/${granularity.value}/${by.value}/${from.value}/${to.value}`;
  };
  return h(
    'form',
    { class: 'inline', onsubmit },
    field('trend.granularity', granularity),
    field('trend.by', by),
    field('period.from', from),
    field('period.to', to),
    h('button', { type: 'submit' }, t('period.apply')),
  );
}
