import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download cannot reach its host here. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** Runs a browser suite only where Chromium is installed, and says loudly when it is not. */
export function describeWithChromium(name: string, suite: (executablePath: string) => void): void {
  const executablePath = chromiumPath();
  if (executablePath) {
    describe(`${name} [Chromium at ${executablePath}]`, () => suite(executablePath));
    return;
  }
  const reason = `SKIPPED: ${name} needs Chromium; install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`;
  process.stderr.write(`\n*** ${reason}\n`);
  describe.skip(`${name} — ${reason}`, () => {
    it('needs Chromium', () => undefined);
  });
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** A page whose console errors and failed requests are collected: a test ends by expecting none. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors, page errors, failed requests and HTTP errors the page did not expect. */
  readonly problems: string[];
}

export interface WatchOptions {
  readonly locale?: string;
  /** HTTP statuses a test provokes on purpose (e.g. the 403 of a forced auditor route), by URL part. */
  readonly expectedFailures?: readonly RegExp[];
  readonly viewport?: { width: number; height: number };
}

export async function watchedPage(browser: Browser, options: WatchOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const isExpected = (url: string) => (options.expectedFailures ?? []).some((pattern) => pattern.test(url));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpected(message.location().url ?? '')) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith('blob:'))
      problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isExpected(response.url()))
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { page, context, problems };
}

/** Signs in on the console's form and waits until the first page offered to the key's role is ready. */
export async function signIn(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.fill('[data-sign-in] input[name=apiKey]', key);
  await page.click('[data-sign-in] button[type=submit]');
  await page.waitForSelector('main[data-ready]');
}

/** Navigates within the console and waits for the page to be ready (its data drawn or its error shown). */
export async function show(page: Page, hash: string): Promise<void> {
  await page.$eval('main', (main) => main.removeAttribute('data-ready'));
  await page.goto(new URL(hash, page.url()).toString());
  await page.waitForSelector('main[data-ready]');
}
