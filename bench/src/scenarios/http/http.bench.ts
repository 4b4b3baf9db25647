import { Args } from '../../support/args';
import { startServer } from '../../support/child';
import { BENCH_API_KEY, SYNCHRONOUS_MODES } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, type Figure } from '../../support/stats';
import { auditEndpoints, commandEndpoint, isServed, readModelCandidates } from './endpoints';
import { saturate, type Endpoint, type LoadRun } from './load';
import { openLoopAtRate } from './open-loop';

/**
 * Scenario 3, HTTP: p50/p99 latency and throughput of command and query endpoints at fixed
 * request rates. The service runs in its own process (http-server.bench.ts) at --sync; this
 * process only generates load. Each rate: a warm-up second, then --runs runs of --seconds.
 * --endpoints=NAME,NAME (e.g. `GET history,GET verify`) measures only those, for a before/after of a few routes.
 */
const OVERLOAD = 1.25;

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const rates = args.text('rates', '100,500,1000').split(',').map(Number);
  const seconds = args.number('seconds', 3);
  const runs = args.number('runs', 3);
  const synchronous = args.oneOf('sync', SYNCHRONOUS_MODES, 'FULL');
  const server = await startServer(
    'bench/src/scenarios/http/http-server.bench.ts',
    [`--data=${args.text('data')}`, `--sync=${synchronous}`, `--customers=${args.number('customers')}`],
    300_000,
  );
  const url = String(server.ready.params.url);
  const customers = String(server.ready.params.customers).split(',');
  const figures: Record<string, Figure> = {};
  const notes: string[] = [];
  try {
    const readModels = [];
    for (const candidate of readModelCandidates(customers)) {
      if (await isServed(url, BENCH_API_KEY, candidate)) readModels.push(candidate);
      else notes.push(`${candidate.name}: not served by this build, not measured`);
    }
    const chosen = args.text('endpoints', '');
    const endpoints = [commandEndpoint(customers), ...auditEndpoints(customers), ...readModels].filter(
      (endpoint) => chosen === '' || chosen.split(',').includes(endpoint.name),
    );
    if (endpoints.length === 0) throw new Error(`--endpoints=${chosen} names no endpoint this build serves`);
    for (const endpoint of endpoints) {
      const ceiling = await atSaturation(url, endpoint, seconds, runs);
      Object.assign(figures, ceiling);
      const most = ceiling[`${endpoint.kind}:${endpoint.name}@max.throughput`]?.median ?? 0;
      for (const rate of rates) {
        // Far past its ceiling an open loop only measures a queue that grows for the whole run.
        if (rate > most * OVERLOAD)
          notes.push(`${endpoint.name} at ${rate} req/s: not run, above ${OVERLOAD}× its closed-loop ceiling of ${Math.round(most)}/s`);
        else Object.assign(figures, await atRate(url, endpoint, rate, seconds, runs));
      }
    }
  } finally {
    await server.stop();
  }
  emitResult({ scenario: 'http', params: { synchronous, seconds, runs, customers: customers.length }, figures, notes });
}

async function atRate(url: string, endpoint: Endpoint, rate: number, seconds: number, runs: number): Promise<Record<string, Figure>> {
  await openLoopAtRate(url, BENCH_API_KEY, endpoint, rate, 1);
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await openLoopAtRate(url, BENCH_API_KEY, endpoint, rate, seconds));
  return summarise(`${endpoint.kind}:${endpoint.name}@${rate}`, results);
}

/** Closed loop with 16 requests always outstanding: the throughput ceiling of the endpoint. */
async function atSaturation(url: string, endpoint: Endpoint, seconds: number, runs: number): Promise<Record<string, Figure>> {
  await saturate(url, BENCH_API_KEY, endpoint, 16, 1);
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await saturate(url, BENCH_API_KEY, endpoint, 16, seconds));
  return summarise(`${endpoint.kind}:${endpoint.name}@max`, results);
}

function summarise(key: string, results: readonly LoadRun[]): Record<string, Figure> {
  const measured = {
    [`${key}.p50`]: figure(
      'ms',
      results.map((r) => r.p50),
    ),
    [`${key}.p99`]: figure(
      'ms',
      results.map((r) => r.p99),
    ),
    [`${key}.throughput`]: figure(
      'responses/s',
      results.map((r) => r.throughput),
    ),
    [`${key}.errors`]: figure(
      'non-2xx or failed',
      results.map((r) => r.errors),
    ),
  };
  progress(
    `${key}: ${measured[`${key}.throughput`]?.median.toFixed(0)}/s, p50 ${measured[`${key}.p50`]?.median.toFixed(2)} ms, p99 ${measured[`${key}.p99`]?.median.toFixed(2)} ms`,
  );
  return measured;
}

runMain(main);
