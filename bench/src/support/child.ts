import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScenarioResult } from './scenario-result';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const REGISTER = join(REPO_ROOT, 'bench', 'support', 'register.js');

export interface ChildOutcome {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Extra flags for node itself, such as --cpu-prof. */
  readonly nodeFlags?: readonly string[];
  /** Show the child's stderr (its progress) as it comes. */
  readonly echoStderr?: boolean;
}

/** A bench TypeScript file run by node through the register hook: [command, args]. */
export function benchCommand(script: string, args: readonly string[], nodeFlags: readonly string[] = []): [string, string[]] {
  return [process.execPath, [...nodeFlags, '-r', REGISTER, join(REPO_ROOT, script), ...args]];
}

/** Runs a command to its end (or the timeout, then SIGTERM), collecting its output. */
export function runChild(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildOutcome> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    if (options.echoStderr) process.stderr.write(chunk);
  });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() });
    };
    child.on('error', (error) => {
      stderr.push(Buffer.from(String(error)));
      finish(null);
    });
    child.on('close', finish);
  });
}

/**
 * The last line of the output that is JSON, as the bench protocol asks of every child: an
 * object as it is, an array of rows as `{ rows }`.
 */
export function lastJsonObject(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{') || line.startsWith('['));
  for (const line of lines.reverse()) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (Array.isArray(parsed)) return { rows: parsed };
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      // not JSON after all: keep looking further up
    }
  }
  return undefined;
}

export function isScenarioResult(value: unknown): value is ScenarioResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ScenarioResult).scenario === 'string' &&
    typeof (value as ScenarioResult).figures === 'object'
  );
}

export interface RunningServer {
  readonly ready: ScenarioResult;
  stop(): Promise<void>;
}

/** Starts a serving bench child and waits for the JSON line that says it is ready. */
export function startServer(script: string, args: readonly string[], timeoutMs: number): Promise<RunningServer> {
  const [command, commandArgs] = benchCommand(script, args);
  const child = spawn(command, commandArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} was not ready within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`${script} exited with ${String(code)} before it was ready`)));
    // The service logs to stdout too; the ready line is the first one that is a bench result.
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on('line', (line) => {
      const ready = lastJsonObject(line);
      if (!isScenarioResult(ready)) return;
      clearTimeout(timer);
      lines.removeAllListeners('line');
      child.removeAllListeners('exit');
      resolve({ ready, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
