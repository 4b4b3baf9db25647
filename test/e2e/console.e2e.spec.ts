import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../apps/console/src/i18n/messages.en';
import { bearer, KEYS, KEY_RECORDS } from '../support/api-keys.fixture';
import { describeWithChromium, launchChromium, show, signIn, watchedPage, type WatchOptions } from '../support/console-browser';
import { AUDITED, loadConsoleScenario, SEGMENT_SIZE, TAMPER_TEXT } from '../support/console-scenario';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { parseCsv } from '../support/parse-csv';
import { tamperWith } from '../support/stored-bytes';
import type { Role } from '../../apps/rapport/src/security/roles';

const number = (value: number | null) => (value === null ? '—' : new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value));
const percent = (value: number | null) => (value === null ? '—' : `${number(value)}%`);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Kpis {
  readonly [field: string]: unknown;
  readonly revenue: readonly { amount: string; currency: string }[];
  readonly clv: readonly { currency: string; value: string | null }[];
}

/** Each tile's figure as the console must show the API's value (the oracle, not the console's own code). */
function expectedTiles(kpis: Kpis): Record<string, string> {
  const counts = ['acquired', 'activated', 'churned', 'complaints', 'nps', 'averageResolutionHours'];
  const rates = ['churnRate', 'retentionRate', 'csat'];
  const money = (amounts: string[]) => (amounts.length === 0 ? '—' : amounts.join(' · '));
  return {
    ...Object.fromEntries(counts.map((field) => [field, number(kpis[field] as number | null)])),
    ...Object.fromEntries(rates.map((field) => [field, percent(kpis[field] as number | null)])),
    revenue: money(kpis.revenue.map((m) => `${number(Number(m.amount))} ${m.currency}`)),
    clv: money(kpis.clv.map((m) => (m.value === null ? '—' : `${number(Number(m.value))} ${m.currency}`))),
  };
}

/** Pixels drawn on the chart's canvas (not transparent), and the points ECharts was given. */
async function chartDrawn(page: Page, name: string): Promise<{ pixels: number; points: number }> {
  const selector = `[data-chart="${name}"][data-drawn]`;
  await page.waitForSelector(selector);
  return page.$eval(selector, (chart) => {
    const canvas = chart.querySelector('canvas');
    const pixels =
      canvas
        ?.getContext('2d')
        ?.getImageData(0, 0, canvas.width, canvas.height)
        .data.filter((_: number, index: number) => index % 4 === 3)
        .filter((alpha: number) => alpha > 0).length ?? 0;
    return { pixels, points: Number(chart.getAttribute('data-points')) };
  });
}

describeWithChromium('the console in a real browser', (executablePath) => {
  let dataDir: string;
  let running: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const api = async <T>(role: Role, path: string, accept = 'application/json'): Promise<T> => {
    const response = await fetch(`${running.server}${path}`, { headers: { ...bearer(role), Accept: accept } });
    return (accept === 'text/csv' ? response.text() : response.json()) as Promise<T>;
  };
  const start = () => startHttpApp(dataDir, { security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 } });
  /** A fresh tab signed in with the role's key; the test ends by checking it logged no error and no request failed. */
  const session = async (role: Role, options?: WatchOptions) => {
    const watched = await watchedPage(browser, options);
    contexts.push(watched.context);
    await signIn(watched.page, running.server, KEYS[role]);
    return watched;
  };

  beforeAll(async () => {
    dataDir = tempDataDir('console');
    running = await start();
    await loadConsoleScenario(running.server);
    browser = await launchChromium(executablePath);
  });
  // A tab left open keeps its connections to the service alive, and closing the service waits for them.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    removeDir(dataDir);
  });

  it('the overview tiles show the API figures for the period, the previous period beside each, and its charts draw', async () => {
    const { page, problems } = await session('analyst');
    expect(await page.getAttribute('main', 'data-page')).toBe('overview');
    const [current, previous] = [
      await api<Kpis>('analyst', `/v1/kpis?from=${day(-29)}&to=${day(0)}`),
      await api<Kpis>('analyst', `/v1/kpis?from=${day(-59)}&to=${day(-30)}`),
    ];
    const shown = Object.fromEntries(
      await page.$$eval('[data-kpi]', (tiles) => tiles.map((tile) => [tile.getAttribute('data-kpi'), tile.textContent])),
    );
    expect(shown).toEqual(expectedTiles(current));
    expect(current.acquired).toBe(SEGMENT_SIZE);
    for (const [field, figure] of Object.entries(expectedTiles(previous))) {
      expect(await page.textContent(`[data-previous="${field}"]`)).toContain(figure);
    }
    for (const chart of ['overview-satisfaction', 'overview-flows'])
      expect(Math.min(...Object.values(await chartDrawn(page, chart)))).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the satisfaction, segment and loyalty charts draw, and redraw with the granularity asked for', async () => {
    const { page, problems } = await session('analyst');
    const trends = (granularity: string) =>
      api<unknown[]>('analyst', `/v1/satisfaction/trends?granularity=${granularity}&by=channel&from=${day(-89)}&to=${day(0)}`);
    await show(page, '#/satisfaction/day/channel');
    for (const chart of ['csat', 'nps'])
      expect(await chartDrawn(page, chart)).toEqual({ pixels: expect.any(Number), points: (await trends('day')).length });
    await page.selectOption('select[name=granularity]', 'month');
    await page.click('form.inline button[type=submit]');
    await page.waitForSelector('main[data-ready] [data-chart="nps"][data-drawn]');
    expect(page.url()).toContain('#/satisfaction/month/channel');
    for (const chart of ['csat', 'nps'])
      expect(await chartDrawn(page, chart)).toEqual({ pixels: expect.any(Number), points: (await trends('month')).length });
    expect((await chartDrawn(page, 'csat')).pixels).toBeGreaterThan(0);
    await show(page, '#/segments');
    expect(Math.min(...Object.values(await chartDrawn(page, 'segments')))).toBeGreaterThan(0);
    await show(page, '#/loyalty');
    expect(Math.min(...Object.values(await chartDrawn(page, 'tiers')))).toBeGreaterThan(0);
    const shown = await page.$$eval('[data-tier]', (items) =>
      items.map((item) => ({ tier: item.getAttribute('data-tier'), customers: Number(item.getAttribute('data-customers')) })),
    );
    expect(shown).toEqual(await api<unknown[]>('analyst', '/v1/loyalty/tiers'));
    expect(shown.reduce((sum, c) => sum + c.customers, 0)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('a segment drills down to its members, page by page, each linking to the customer view', async () => {
    const { page, problems } = await session('analyst');
    const segments = await api<{ segment: string; count: number }[]>('analyst', '/v1/segments');
    const big = segments.find((segment) => segment.count === SEGMENT_SIZE);
    expect(big).toBeDefined();
    await show(page, '#/segments');
    await page.click(`[data-segment="${big?.segment}"] a`);
    await page.waitForSelector(`main[data-ready] [data-members-of="${big?.segment}"]`);
    const first = await page.$$eval('[data-customer]', (rows) => rows.map((row) => row.getAttribute('data-customer')));
    await page.click('[data-page-next]');
    await page.waitForSelector('main[data-ready] [data-page-first]');
    const second = await page.$$eval('[data-customer]', (rows) => rows.map((row) => row.getAttribute('data-customer')));
    expect(first).toHaveLength(20);
    expect(new Set([...first, ...second]).size).toBe(SEGMENT_SIZE);
    expect(await page.$('[data-page-next]')).toBeNull();
    await page.click(`[data-customer="${second[0]}"] a`);
    await page.waitForSelector(`main[data-ready] [data-summary="${second[0]}"]`);
    expect(problems).toEqual([]);
  });

  it('a downloaded CSV is the API’s own answer, with the rows the table shows', async () => {
    const { page, problems } = await session('analyst');
    await show(page, '#/complaints/all');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv="/v1/complaints"]')]);
    const file = readFileSync((await download.path()) as string, 'utf8');
    expect(download.suggestedFilename()).toBe('complaints.csv');
    expect(file).toBe(await api<string>('analyst', '/v1/complaints?limit=50', 'text/csv'));
    const [header, ...rows] = parseCsv(file);
    const shown = await page.$$eval('[data-complaint]', (trs) => trs.map((tr) => tr.getAttribute('data-complaint')));
    expect(rows.map((row) => row[header.indexOf('complaintId')])).toEqual(shown);
    expect(shown).toEqual(['CMP-1', 'CMP-2']);
    expect(problems).toEqual([]);
  });

  it('the auditor timeline shows every revision, and the state as of an instant changes with the instant', async () => {
    const { page, problems } = await session('auditor');
    expect(await page.$$eval('[data-nav]', (links) => links.map((link) => link.getAttribute('data-nav')))).toEqual([
      'timeline',
      'state',
      'verify',
      'access-log',
    ]);
    await page.fill('[data-customer-form] input[name=customerId]', AUDITED);
    await page.click('[data-customer-form] button[type=submit]');
    await page.waitForSelector('main[data-ready] [data-revision]');
    const history = await api<{ events: { revision: number; type: string }[] }>('auditor', `/v1/customers/${AUDITED}/history`);
    const rows = await page.$$eval('[data-revision]', (trs) =>
      trs.map((tr) => [Number(tr.getAttribute('data-revision')), tr.getAttribute('data-type')]),
    );
    expect(rows).toEqual(history.events.map((event) => [event.revision, event.type]));
    expect(await page.textContent(`[data-revision="0"]`)).toContain('Wang Fang');

    const asOf = async (instant: string) => {
      await page.fill('[data-as-of-form] input[name=asOf]', instant);
      await page.click('[data-as-of-form] button[type=submit]');
      await page.waitForSelector(`main[data-ready] [data-as-of^="${instant}"]`);
      return Number(await page.getAttribute('[data-events-applied]', 'data-events-applied'));
    };
    await show(page, `#/state/${AUDITED}`);
    const early = await asOf(`${day(-30)}T00:00`);
    const late = await asOf(`${day(-3)}T00:00`);
    const applied = async (instant: string) =>
      (await api<{ eventsApplied: number }>('auditor', `/v1/customers/${AUDITED}/state?asOf=${instant}:00Z`)).eventsApplied;
    // The service's own events (a churn-risk assessment after a transaction) lie in the history too: the API says how many fall before.
    expect([early, late]).toEqual([await applied(`${day(-30)}T00:00`), await applied(`${day(-3)}T00:00`)]);
    expect(late).toBeLessThan(history.events.length);
    expect(early).toBeLessThan(late);
    expect(Number(await page.getAttribute('[data-differences]', 'data-differences'))).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('an analyst is offered no auditor page, and the API refuses the audit route when forced', async () => {
    const { page, problems } = await session('analyst', { expectedFailures: [/\/history$/] });
    expect(await page.$$eval('[data-nav]', (links) => links.map((link) => link.getAttribute('data-nav')))).toEqual([
      'overview',
      'satisfaction',
      'segments',
      'loyalty',
      'complaints',
      'customer',
    ]);
    await show(page, `#/timeline/${AUDITED}`);
    expect(await page.textContent('[data-forbidden="timeline"]')).toBe(en['error.pageForbidden']);
    const status = await page.evaluate(
      async ([path, key]) => (await fetch(path, { headers: { Authorization: `Bearer ${key}` } })).status,
      [`/v1/customers/${AUDITED}/history`, KEYS.analyst],
    );
    expect(status).toBe(403);
    expect(problems).toEqual([]);
  });

  it('an unknown key is refused at sign-in with a message, and nothing is kept', async () => {
    const { page, context, problems } = await watchedPage(browser, { expectedFailures: [/\/v1\/me$/] });
    contexts.push(context);
    await page.goto(`${running.server}/console/`);
    await page.fill('[data-sign-in] input[name=apiKey]', 'rpk_not_a_key');
    await page.click('[data-sign-in] button[type=submit]');
    await page.waitForSelector('[data-sign-in] [role=alert]:not([hidden])');
    expect(await page.textContent('[data-sign-in] [role=alert]')).toBe(en['signIn.refused']);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('an API error reads as a message, not a blank page', async () => {
    const { page, problems } = await session('analyst', { expectedFailures: [/\/v1\/customers\/NOBODY$/] });
    await show(page, '#/customer/NOBODY');
    expect(await page.textContent('[data-error="404"]')).toBe(en['error.notFound']);
    expect(problems).toEqual([]);
  });

  it('in Simplified Chinese no English label of the catalogue is left on the pages', async () => {
    const { page, problems } = await session('admin');
    await page.selectOption('[data-locale-switch]', 'zh-CN');
    await page.waitForSelector('main[data-ready] [data-chart="overview-flows"][data-drawn]');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const english = Object.values(en)
      .flatMap((message) => message.split(/\{\w+\}/))
      .map((part) => part.replace(/^[\s:().,]+|[\s:().,]+$/g, ''))
      .filter((part) => part.length > 1);
    for (const hash of [
      '#/overview',
      '#/satisfaction',
      '#/segments',
      '#/loyalty',
      '#/complaints/all',
      `#/customer/${AUDITED}`,
      `#/timeline/${AUDITED}`,
      `#/state/${AUDITED}`,
      `#/verify/${AUDITED}`,
      `#/access-log/${AUDITED}`,
    ]) {
      await show(page, hash);
      const texts = await page.$$eval('body *', (elements) =>
        elements.flatMap((element) => [
          ...[...element.childNodes]
            .filter(
              (node) =>
                node.nodeType === 3 &&
                element.tagName !== 'PRE' &&
                element.tagName !== 'CODE' &&
                element.closest('[data-revision], [data-customer], [data-field], [data-access], .who, [data-locale-switch]') === null,
            )
            .map((node) => node.textContent?.trim() ?? ''),
          element.getAttribute('aria-label') ?? '',
          element.getAttribute('placeholder') ?? '',
        ]),
      );
      const left = texts.filter(
        (text) => text !== '' && english.some((label) => text === label || (label.length >= 6 && text.includes(label))),
      );
      expect({ hash, left }).toEqual({ hash, left: [] });
    }
    expect(problems).toEqual([]);
  });

  it('verify shows the chain intact, then "altered at revision N" once the store is tampered with', async () => {
    const before = await session('auditor');
    await show(before.page, `#/verify/${AUDITED}`);
    expect(await before.page.getAttribute('[data-verify]', 'data-verify')).toBe('valid');
    expect(before.problems).toEqual([]);
    await before.context.close();
    await running.close();
    expect(tamperWith(dataDir, 'sqlite', TAMPER_TEXT, 'tamper-tarXet')).toBeGreaterThan(0);
    running = await start();
    const verdict = await api<{ valid: boolean; brokenAt: { revision: number } }>('auditor', `/v1/customers/${AUDITED}/history/verify`);
    const { page, problems } = await session('auditor');
    await show(page, `#/verify/${AUDITED}`);
    expect(verdict.valid).toBe(false);
    expect(await page.getAttribute('[data-verify]', 'data-verify')).toBe('invalid');
    expect(await page.textContent('[data-verify]')).toBe(`Altered at revision ${verdict.brokenAt.revision}.`);
    expect(problems).toEqual([]);
  });
});
