import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '../src/scenarios/http/load';
import { openLoopAtRate } from '../src/scenarios/http/open-loop';
import { startServer } from '../src/support/child';
import { BENCH_API_KEY } from '../src/support/rapport-core';
import { median } from '../src/support/stats';

/**
 * Worklist query latency (issue #12): GET /v1/retention/worklist at fixed rates (open loop, as the
 * HTTP scenario), p50 and p99 of the median of three runs after a one-second warm-up, over
 * --customers customers (default 10,000; 1,000 with BENCH_QUICK=1) on the embedded stores.
 * Queries rotate: the first page, a second page by cursor, a lowest score, a segment.
 * Usage: npm run bench:retention -- [customers] [rates, default 100,500]
 */
const SERVER = 'bench/retention/worklist-server.ts';

async function main(): Promise<void> {
  const isQuick = process.env.BENCH_QUICK === '1';
  const customers = Number(process.argv[2] ?? (isQuick ? 1_000 : 10_000));
  const rates = (process.argv[3] ?? '100,500').split(',').map(Number);
  const seconds = isQuick ? 1 : 3;
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-worklist-'));
  const server = await startServer(SERVER, [`--data=${dataDir}`, `--customers=${customers}`], 1_800_000);
  try {
    const url = String(server.ready.params.url);
    const first = await get(url, '/v1/retention/worklist?limit=50');
    const endpoint = worklistEndpoint(String(first.next));
    const rows = [];
    for (const rate of rates) {
      await openLoopAtRate(url, BENCH_API_KEY, endpoint, rate, 1);
      const runs = [];
      for (let run = 0; run < 3; run++) runs.push(await openLoopAtRate(url, BENCH_API_KEY, endpoint, rate, seconds));
      rows.push({
        name: `GET /v1/retention/worklist @${rate} req/s`,
        p50Ms: median(runs.map((r) => r.p50)),
        p99Ms: median(runs.map((r) => r.p99)),
        perSecond: median(runs.map((r) => r.throughput)),
        errors: median(runs.map((r) => r.errors)),
      });
      process.stderr.write(`${JSON.stringify(rows.at(-1))}\n`);
    }
    const atRisk = await countAtRisk(url);
    process.stdout.write(`${JSON.stringify({ customers, atRisk, rows })}\n`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function worklistEndpoint(secondPage: string): Endpoint {
  const paths = [
    '/v1/retention/worklist?limit=50',
    `/v1/retention/worklist?limit=50&cursor=${secondPage}`,
    '/v1/retention/worklist?minScore=70&limit=50',
    '/v1/retention/worklist?segment=individual.affluent.C3&limit=50',
  ];
  let sequence = 0;
  return { name: 'GET worklist', kind: 'query', method: 'GET', next: () => ({ path: paths[sequence++ % paths.length] ?? '' }) };
}

async function get(url: string, path: string): Promise<{ customers: unknown[]; next: string | null }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as { customers: unknown[]; next: string | null };
}

async function countAtRisk(url: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await get(url, `/v1/retention/worklist?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    count += page.customers.length;
    cursor = page.next;
  } while (cursor !== null);
  return count;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
