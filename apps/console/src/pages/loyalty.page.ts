import { getJson } from '../api';
import { drawChart } from '../charts';
import { h } from '../dom';
import { formatNumber, t } from '../i18n/i18n';
import { heading, link, type PageContext } from '../page';
import { csvButton, table } from '../table';
import type { LeaderboardEntry, TierCount } from './views';

/** The leaderboard shows the top 100 by lifetime points; the tier chart counts every account. */
const LEADERS = 100;
const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'];

export async function loyaltyPage({ key, main }: PageContext): Promise<void> {
  const [leaders, tiers] = await Promise.all([
    getJson<LeaderboardEntry[]>(key, '/v1/loyalty/leaderboard', { limit: LEADERS }),
    getJson<TierCount[]>(key, '/v1/loyalty/tiers', {}),
  ]);
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
    h(
      'figure',
      {},
      h('figcaption', {}, t('chart.tiers')),
      chart,
      h(
        'ul',
        { class: 'legend' },
        ...tiers.map((c) =>
          h('li', { 'data-tier': c.tier, 'data-customers': String(c.customers) }, `${c.tier}: ${formatNumber(c.customers, 0)}`),
        ),
      ),
    ),
    table(columns, leaders, { name: 'leaderboard', rowAttributes: (e) => ({ 'data-customer': e.customerId }) }),
  );
  const counts = TIERS.map((tier) => tiers.find((c) => c.tier === tier)?.customers ?? 0);
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
