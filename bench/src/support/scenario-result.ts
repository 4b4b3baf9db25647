import type { Figure } from './stats';

/**
 * What every bench child prints as the last line of its stdout: one JSON object.
 * The runner reads that line; progress goes to stderr.
 */
export interface ScenarioResult {
  readonly scenario: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly notes?: readonly string[];
}

export function emitResult(result: ScenarioResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`    ${message}\n`);
}

/**
 * Runs a bench child's main, turning a failure into a non-zero exit with the reason on stderr.
 * A child exits when main is done, whatever handles are left, unless it serves (keepAlive).
 */
export function runMain(main: () => Promise<void>, options: { keepAlive?: boolean } = {}): void {
  main().then(
    () => {
      if (!options.keepAlive) process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
