import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, launchChromium, show, signIn, watchedPage } from '../../test/support/console-browser';
import { startDemoService } from './demo-service';

/**
 * `npm run console:screenshots [-- customers]` (default 2,000): the console's main pages rendered
 * from the demo data into docs/console/*.png. Chinese pages need a CJK font (apt-get install -y fonts-noto-cjk).
 */
const OUT = join(__dirname, '..', '..', 'docs', 'console');

async function main(): Promise<void> {
  const customers = Number(process.argv[2] ?? 2_000);
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('needs Chromium: apt-get install -y chromium, or set CHROMIUM_PATH');
  const demo = await startDemoService(customers);
  const browser = await launchChromium(executablePath);
  try {
    const leaders = (await (
      await fetch(`${demo.service.url}/v1/loyalty/leaderboard?limit=1`, { headers: { Authorization: `Bearer ${demo.key}` } })
    ).json()) as { customerId: string }[];
    const customer = encodeURIComponent(leaders[0]?.customerId ?? '');
    const { page, problems } = await watchedPage(browser, { viewport: { width: 1280, height: 820 } });
    await signIn(page, demo.service.url, demo.key);
    mkdirSync(OUT, { recursive: true });
    const shots: readonly (readonly [string, string])[] = [
      ['overview', '#/overview'],
      ['satisfaction', '#/satisfaction/week/channel'],
      ['segments', '#/segments/lifecycleStage'],
      ['loyalty', '#/loyalty'],
      ['complaints', '#/complaints/overdue'],
      ['timeline', `#/timeline/${customer}`],
      ['state-as-of', `#/state/${customer}/${new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z/occurred`],
      ['verify', `#/verify/${customer}`],
    ];
    for (const [name, hash] of shots) await shoot(page, hash, name);
    await page.selectOption('[data-locale-switch]', 'zh-CN');
    await page.waitForSelector('main[data-ready]');
    for (const [name, hash] of shots.slice(0, 2)) await shoot(page, hash, `${name}.zh-CN`);
    if (problems.length > 0) throw new Error(`the browser reported: ${problems.join('; ')}`);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

async function shoot(page: Parameters<typeof show>[0], hash: string, name: string): Promise<void> {
  await show(page, hash);
  await page.waitForSelector('[data-chart]:not([data-drawn])', { state: 'detached' });
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  process.stderr.write(`console: docs/console/${name}.png\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`console screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
