import type { Outcome } from '../report/model';
import { benchCommand, isScenarioResult, lastJsonObject, runChild } from '../support/child';

export interface BenchChild {
  readonly script: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs one of our bench children and reads its result line; any failure becomes "not available" with the reason. */
export async function measureWith(child: BenchChild): Promise<Outcome> {
  const [command, args] = benchCommand(child.script, child.args, child.nodeFlags);
  const outcome = await runChild(command, args, { timeoutMs: child.timeoutMs, echoStderr: true, env: child.env });
  const result = lastJsonObject(outcome.stdout);
  if (outcome.exitCode === 0 && isScenarioResult(result)) return { status: 'measured', result };
  return { status: 'not-available', reason: failureReason(outcome.exitCode, outcome.stderr) };
}

/** The exit and the last lines of stderr that are not stack frames: usually the error's message. */
export function failureReason(exitCode: number | null, stderr: string): string {
  const lastLines = stderr
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
    .slice(-2)
    .join(' / ');
  return `exited with ${exitCode === null ? 'a signal or timeout' : exitCode}${lastLines ? `: ${lastLines.slice(0, 400)}` : ''}`;
}
