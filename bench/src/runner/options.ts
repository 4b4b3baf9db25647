export interface RunOptions {
  /** A smoke run: smaller workload, shorter runs; figures are not comparable to a full run. */
  readonly isQuick: boolean;
  /** Start Kafka and FerretDB (scripts/kafka.sh, scripts/ferretdb.sh) for ingestion and rebuild; also runs the retention worklist bench. */
  readonly withServices: boolean;
  /** Scenario groups to run; all when empty. */
  readonly only: ReadonlySet<string>;
  /** Write a CPU profile of each append and audit child into bench/results/profiles. */
  readonly isProfiling: boolean;
  readonly keepData: boolean;
}

export const SCENARIO_GROUPS = [
  'append',
  'peers',
  'http',
  'audit',
  'privacy',
  'ingestion',
  'multi-instance',
  'signals',
  'rebuild',
  'console',
  'retention',
] as const;

const USAGE = `usage: npm run bench -- [--quick] [--services] [--only=${SCENARIO_GROUPS.join(',')}] [--profile] [--keep-data]`;

export function parseRunOptions(argv: readonly string[]): RunOptions {
  const options = { isQuick: false, withServices: false, only: new Set<string>(), isProfiling: false, keepData: false };
  for (const arg of argv) {
    if (arg === '--quick') options.isQuick = true;
    else if (arg === '--services') options.withServices = true;
    else if (arg === '--profile') options.isProfiling = true;
    else if (arg === '--keep-data') options.keepData = true;
    else if (arg.startsWith('--only='))
      arg
        .slice(7)
        .split(',')
        .forEach((group) => options.only.add(knownGroup(group)));
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

export function isSelected(options: RunOptions, group: (typeof SCENARIO_GROUPS)[number]): boolean {
  return options.only.size === 0 || options.only.has(group);
}

function knownGroup(group: string): string {
  if (!(SCENARIO_GROUPS as readonly string[]).includes(group)) throw new Error(`unknown scenario group ${group}\n${USAGE}`);
  return group;
}
