import type { INestApplicationContext } from '@nestjs/common';
import type { ClusteringOptions } from '@rapport/analytics';
import { readAllCustomerAnalytics, type ClusterRunDocument, type ReadModelAdmin, type ReadModelStore } from '@rapport/read-models';
import type { Command } from 'commander';
import { policyFromEnvironment, READ_MODEL_ADMIN, READ_MODEL_STORE } from '../../../rapport/src/core';
import { runClustering } from '../../../rapport/src/queries/clusters/run-clustering';
import { wholeNumber } from '../audit/audit.commands';
import { CliError } from '../cli-error';

type OpenContext = () => Promise<INestApplicationContext>;
const MAX_K = 20;

interface ClusterFlags {
  readonly kMin: string;
  readonly kMax: string;
  readonly seed: string;
  readonly json?: boolean;
}

/** The flags as clustering options, or a CliError naming the flag that is wrong (the same limits as the endpoint). */
export function clusteringOptionsFrom(flags: ClusterFlags): ClusteringOptions {
  const minK = wholeNumber(flags.kMin, '--k-min');
  const maxK = wholeNumber(flags.kMax, '--k-max');
  if (minK < 2 || minK > MAX_K) throw new CliError(`--k-min must be 2 to ${MAX_K}, got ${minK}`);
  if (maxK < minK || maxK > MAX_K) throw new CliError(`--k-max must be from --k-min (${minK}) to ${MAX_K}, got ${maxK}`);
  return { minK, maxK, seed: wholeNumber(flags.seed, '--seed') };
}

/** `clusters run`: clusters the customers on the analytics read model as it stands and stores the run, as POST /v1/clusters/runs does. */
export function registerClusterCommands(program: Command, open: OpenContext): void {
  program
    .command('clusters')
    .description('behavioural clusters of customers (k-means on standardised behaviour, k by silhouette)')
    .command('run')
    .description('cluster the customers and store the run; read it with GET /v1/clusters/runs/{runId}')
    .option('--k-min <n>', 'smallest k tried', '2')
    .option('--k-max <n>', 'largest k tried', '8')
    .option('--seed <n>', 'seed of the k-means++ start: the same seed on the same book gives the same run', '42')
    .option('--json', 'print the whole run as JSON')
    .action(async (flags: ClusterFlags) => {
      const options = clusteringOptionsFrom(flags);
      const context = await open();
      try {
        const store = context.get<ReadModelStore>(READ_MODEL_STORE);
        const outcome = await runClustering(store, context.get<ReadModelAdmin>(READ_MODEL_ADMIN), await readAllCustomerAnalytics(store), {
          options,
          now: new Date(),
          currency: policyFromEnvironment(process.env).segmentation.rfm.monetaryCurrency,
        });
        if (outcome.kind === 'too-few-customers')
          throw new CliError(`clustering needs more customers than k: the book has ${outcome.customers}, --k-min is ${outcome.minK}`);
        process.stdout.write(flags.json ? `${JSON.stringify(outcome.run, null, 2)}\n` : `${runLines(outcome.run).join('\n')}\n`);
      } finally {
        await context.close();
      }
    });
}

function runLines(run: ClusterRunDocument): string[] {
  return [
    `run ${run.runId}: k = ${run.k} (silhouette ${run.silhouette.toFixed(3)}), ${run.customers} customers, seed ${run.seed}`,
    ...run.silhouetteByK.map(({ k, silhouette }) => `  k = ${k}: silhouette ${silhouette.toFixed(3)}`),
    ...run.clusters.map((c) => `  cluster ${c.cluster}: ${c.size} customers`),
  ];
}
