import { getJson } from '../api';
import { drawChart } from '../charts';
import { h } from '../dom';
import { formatDay, formatMoney, formatNumber, formatPercent, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { addDays, field, heading, today, type PageContext } from '../page';
import { csvButton } from '../table';
import type { Kpis, TrendRow } from './views';

type Figure = (kpis: Kpis) => string;

const money =
  (key: 'revenue' | 'clv'): Figure =>
  (kpis) => {
    const amounts =
      key === 'revenue'
        ? kpis.revenue.map((m) => formatMoney(m.amount, m.currency))
        : kpis.clv.map((m) => formatMoney(m.value, m.currency));
    return amounts.length === 0 ? '—' : amounts.join(' · ');
  };

/** Each tile's field in /v1/kpis (its `data-kpi`), its label and how its figure reads. */
const TILES: readonly (readonly [keyof Kpis, MessageKey, Figure])[] = [
  ['acquired', 'kpi.acquired', (k) => formatNumber(k.acquired)],
  ['activated', 'kpi.activated', (k) => formatNumber(k.activated)],
  ['churned', 'kpi.churned', (k) => formatNumber(k.churned)],
  ['churnRate', 'kpi.churnRate', (k) => formatPercent(k.churnRate)],
  ['retentionRate', 'kpi.retentionRate', (k) => formatPercent(k.retentionRate)],
  ['csat', 'kpi.csat', (k) => formatPercent(k.csat)],
  ['nps', 'kpi.nps', (k) => formatNumber(k.nps)],
  ['complaints', 'kpi.complaints', (k) => formatNumber(k.complaints)],
  ['averageResolutionHours', 'kpi.averageResolutionHours', (k) => formatNumber(k.averageResolutionHours)],
  ['revenue', 'kpi.revenue', money('revenue')],
  ['clv', 'kpi.clv', money('clv')],
];

/** Query parameters live in the hash: `#/overview/<from>/<to>`. */
export async function overviewPage({ key, params, main }: PageContext): Promise<void> {
  const to = params[1] ?? today();
  const from = params[0] ?? addDays(to, -29);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const previous = { from: addDays(from, -days), to: addDays(from, -1) };
  const [current, before, trends] = await Promise.all([
    getJson<Kpis>(key, '/v1/kpis', { from, to }),
    getJson<Kpis>(key, '/v1/kpis', previous),
    getJson<TrendRow[]>(key, '/v1/satisfaction/trends', { from, to, granularity: days > 62 ? 'week' : 'day', by: 'overall' }),
  ]);
  const errors = h('div', { class: 'errors' });
  const tiles = TILES.map(([name, label, figure]) =>
    h(
      'section',
      { class: 'tile' },
      h('h2', {}, t(label)),
      h('strong', { 'data-kpi': name }, figure(current)),
      h('span', { class: 'previous', 'data-previous': name }, t('kpi.previous', { value: figure(before) })),
    ),
  );
  const satisfaction = h('div', { class: 'chart', 'data-chart': 'overview-satisfaction' });
  const flows = h('div', { class: 'chart', 'data-chart': 'overview-flows' });
  main.replaceChildren(
    heading(
      'nav.overview',
      periodForm(from, to),
      csvButton('/v1/kpis', { from, to }, (m) => errors.replaceChildren(m)),
    ),
    errors,
    h(
      'p',
      { class: 'period' },
      t('kpi.periods', {
        from: formatDay(from),
        to: formatDay(to),
        previousFrom: formatDay(previous.from),
        previousTo: formatDay(previous.to),
      }),
    ),
    h('div', { class: 'tiles' }, ...tiles),
    h(
      'div',
      { class: 'charts' },
      h('figure', {}, h('figcaption', {}, t('chart.satisfactionOverTime')), satisfaction),
      h('figure', {}, h('figcaption', {}, t('chart.flows')), flows),
    ),
  );
  drawSatisfaction(satisfaction, trends);
  drawFlows(flows, current, before);
}

function periodForm(from: string, to: string): HTMLFormElement {
  const fromInput = h('input', { type: 'date', name: 'from', value: from, required: true });
  const toInput = h('input', { type: 'date', name: 'to', value: to, required: true });
  const onsubmit = (event: Event) => {
    event.preventDefault();
    location.hash = `#/overview/${fromInput.value}/${toInput.value}`;
  };
  return h(
    'form',
    { class: 'inline', onsubmit },
    field('period.from', fromInput),
    field('period.to', toInput),
    h('button', { type: 'submit' }, t('period.apply')),
  );
}

function drawSatisfaction(container: HTMLElement, rows: readonly TrendRow[]): void {
  drawChart(
    container,
    {
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((row) => row.period) },
      yAxis: { type: 'value' },
      series: [
        { type: 'line', name: t('kpi.csat'), data: rows.map((row) => row.csat) },
        { type: 'line', name: t('kpi.nps'), data: rows.map((row) => row.nps) },
      ],
    },
    rows.length * 2,
  );
}

function drawFlows(container: HTMLElement, current: Kpis, before: Kpis): void {
  const fields = ['acquired', 'activated', 'churned', 'complaints'] as const;
  drawChart(
    container,
    {
      legend: { top: 0 },
      xAxis: { type: 'category', data: fields.map((name) => t(`kpi.${name}`)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('kpi.previousPeriod'), data: fields.map((name) => before[name]) },
        { type: 'bar', name: t('kpi.currentPeriod'), data: fields.map((name) => current[name]) },
      ],
    },
    fields.length * 2,
  );
}
