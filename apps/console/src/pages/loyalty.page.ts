import { getJson } from '../api';
import { drawChart } from '../charts';
import { h } from '../dom';
import { formatNumber, t } from '../i18n/i18n';
import { heading, link, type PageContext } from '../page';
import { csvButton, table } from '../table';
import type { LeaderboardEntry } from './views';

/** The API lists at most 100 customers by lifetime points; the tier chart counts those. */
const LEADERS = 100;
const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'];

export async function loyaltyPage({ key, main }: PageContext): Promise<void> {
  const leaders = await getJson<LeaderboardEntry[]>(key, '/v1/loyalty/leaderboard', { limit: LEADERS });
  const errors = h('div', { class: 'errors' });
  const chart = h('div', { class: 'chart', 'data-chart': 'tiers' });
  const columns = [
    { label: 'loyalty.rank', cell: (e: LeaderboardEntry) => formatNumber(e.rank), sortBy: (e: LeaderboardEntry) => e.rank },
    {
      label: 'customer.id',
      cell: (e: LeaderboardEntry) => link(`#/customer/${encodeURIComponent(e.customerId)}`, e.customerId),
      sortBy: (e: LeaderboardEntry) => e.customerId,
    },
    { label: 'loyalty.tier', cell: (e: LeaderboardEntry) => e.tier, sortBy: (e: LeaderboardEntry) => TIERS.indexOf(e.tier) },
    {
      label: 'loyalty.lifetimeEarned',
      cell: (e: LeaderboardEntry) => formatNumber(e.lifetimeEarned, 0),
      sortBy: (e: LeaderboardEntry) => e.lifetimeEarned,
    },
    { label: 'loyalty.balance', cell: (e: LeaderboardEntry) => formatNumber(e.balance, 0), sortBy: (e: LeaderboardEntry) => e.balance },
    { label: 'loyalty.redeemed', cell: (e: LeaderboardEntry) => formatNumber(e.redeemed, 0), sortBy: (e: LeaderboardEntry) => e.redeemed },
  ] as const;
  main.replaceChildren(
    heading(
      'nav.loyalty',
      csvButton('/v1/loyalty/leaderboard', { limit: LEADERS }, (m) => errors.replaceChildren(m)),
    ),
    errors,
    h('figure', {}, h('figcaption', {}, t('chart.tiers', { count: formatNumber(leaders.length) })), chart),
    table(columns, leaders, { name: 'leaderboard', rowAttributes: (e) => ({ 'data-customer': e.customerId }) }),
  );
  const counts = TIERS.map((tier) => leaders.filter((entry) => entry.tier === tier).length);
  drawChart(
    chart,
    {
      xAxis: { type: 'category', data: TIERS },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('loyalty.customers'), data: counts }],
    },
    TIERS.length,
  );
}
