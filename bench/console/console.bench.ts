import type { Page } from 'playwright-core';
import { chromiumPath, launchChromium, signIn, watchedPage } from '../../test/support/console-browser';
import { bundleSizes, startDemoService } from './demo-service';

/**
 * `node -r ./bench/support/register.js bench/console/console.bench.ts [customers]` (default 10,000;
 * BENCH_QUICK: 1,000): time from navigation to the overview's eleven tiles and two charts drawn, in
 * headless Chromium, on the demo data. Prints one JSON line.
 */
const RUNS = 7;

interface PageGlobals {
  readonly document: { querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }> };
}

async function main(): Promise<void> {
  const customers = Number(process.argv[2] ?? (process.env.BENCH_QUICK ? 1_000 : 10_000));
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('needs Chromium: apt-get install -y chromium, or set CHROMIUM_PATH');
  const demo = await startDemoService(customers);
  const browser = await launchChromium(executablePath);
  try {
    const { page, problems } = await watchedPage(browser);
    await signIn(page, demo.service.url, demo.key);
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const ms = await overviewDrawnMs(page, `${demo.service.url}/console/#/overview`);
      if (run > 0) times.push(ms);
    }
    if (problems.length > 0) throw new Error(`the browser reported: ${problems.join('; ')}`);
    times.sort((a, b) => a - b);
    const bundle = bundleSizes();
    const result = {
      customers,
      runs: RUNS,
      overviewMedianMs: round(times[Math.floor(times.length / 2)]),
      overviewMaxMs: round(times[times.length - 1]),
      bundleBytes: bundle.bytes,
      bundleGzipBytes: bundle.gzipBytes,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

/** A fresh document load; the time is the page's own clock (from navigation start) when the last of them is drawn. */
async function overviewDrawnMs(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      // Runs in the page; this file is compiled without the DOM's types (and the console's CSP forbids a string to evaluate).
      const { document } = globalThis as unknown as PageGlobals;
      const tiles = Array.from(document.querySelectorAll('[data-kpi]')).filter((tile) => tile.textContent !== '');
      return tiles.length === 11 && document.querySelectorAll('[data-chart][data-drawn]').length === 2 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

main().catch((error: unknown) => {
  process.stderr.write(`console bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
