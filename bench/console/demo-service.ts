import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashApiKey } from '../../apps/rapport/src/security/api-keys';
import { readSideCaughtUp, type ProjectionsView } from '../../test/support/read-side-caught-up';
import { startServiceProcess, type ServiceProcess } from '../../test/support/service-process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'apps', 'rapport-cli', 'src', 'main.js');
const CONSOLE = join(ROOT, 'dist', 'console');
export const ADMIN_KEY = 'rpk_console_bench_admin_0000000000';

export interface DemoService {
  readonly service: ServiceProcess;
  readonly key: string;
  stop(): Promise<void>;
}

/**
 * The built service (`npm run build`) on a data dir of its own, filled by `cli demo` with the
 * given number of customers, its read side at rest; one admin key.
 */
export async function startDemoService(customers: number): Promise<DemoService> {
  if (!existsSync(CLI) || !existsSync(join(CONSOLE, 'index.html')))
    throw new Error('run `npm run build` first: the CLI and the console are read from dist/');
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-console-demo-'));
  process.stderr.write(`console: demo with ${customers} customers in ${dataDir}\n`);
  execFileSync(process.execPath, [CLI, 'demo', '--customers', String(customers)], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const service = await startServiceProcess({
    DATA_DIR: dataDir,
    RAPPORT_AUTH: 'enabled',
    RAPPORT_API_KEYS: `console-bench:admin:${hashApiKey(ADMIN_KEY)}`,
    RAPPORT_RATE_LIMIT: '0',
  });
  const view = async () =>
    (
      await fetch(`${service.url}/v1/projections`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })
    ).json() as Promise<ProjectionsView>;
  await readSideCaughtUp(view, 20 * 60_000);
  return {
    service,
    key: ADMIN_KEY,
    stop: async () => {
      await service.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The console's built files, each gzipped (level 9) as a server would send them. */
export function bundleSizes(): { files: number; bytes: number; gzipBytes: number } {
  const assets = join(CONSOLE, 'assets');
  const files = [join(CONSOLE, 'index.html'), ...readdirSync(assets).map((file) => join(assets, file))].map((file) => readFileSync(file));
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.length, 0),
    gzipBytes: files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0),
  };
}
