import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../service-process';
import { SERVER_PROBLEMS_VARIABLE, type ServerProblems } from '../integration-server';

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '..', '..', '..', 'scripts');
// The first start on a fresh machine resolves Kafka's jars with Maven and builds FerretDB with Go.
const FIRST_START_MS = 15 * 60_000;

/** A server the integration suites need, started by the project's own script when its variable is unset. */
interface TestServer {
  readonly name: string;
  readonly variable: 'KAFKA_BROKERS' | 'MONGO_URL';
  readonly script: string;
  /** The script's environment: ports and files of this run's own, so two runs never meet. */
  scriptEnv(runDir: string): Promise<Record<string, string>>;
}

const SERVERS: readonly TestServer[] = [
  {
    name: 'Kafka',
    variable: 'KAFKA_BROKERS',
    script: join(SCRIPTS, 'kafka.sh'),
    scriptEnv: async (runDir) => ({
      KAFKA_PORT: String(await freePort()),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
      KAFKA_DATA_DIR: join(runDir, 'kafka'),
      KAFKA_LOG_FILE: join(runDir, 'kafka.log'),
    }),
  },
  {
    name: 'FerretDB',
    variable: 'MONGO_URL',
    script: join(SCRIPTS, 'ferretdb.sh'),
    scriptEnv: async (runDir) => ({ FERRETDB_ADDR: `127.0.0.1:${await freePort()}`, FERRETDB_DATA_DIR: join(runDir, 'ferretdb') }),
  },
];

export interface StartedServer {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
}

export interface TestServers {
  readonly runDir: string;
  readonly started: readonly StartedServer[];
}

/**
 * Starts every server whose variable is unset and exports its address (and, for Kafka, the
 * script's variables, so a spec's `kafka.sh restart` restarts this broker). A server that cannot
 * start is recorded with the script's reason; its suites then skip and name it.
 */
export async function startTestServers(): Promise<TestServers> {
  const runDir = mkdtempSync(join(tmpdir(), 'rapport-test-servers-'));
  const missing = SERVERS.filter((server) => !process.env[server.variable]);
  const outcomes = await Promise.all(missing.map((server) => startOne(server, runDir)));
  const problems: ServerProblems = {};
  const started: StartedServer[] = [];
  for (const outcome of outcomes) {
    if ('reason' in outcome) {
      problems[outcome.server.variable] = `${outcome.server.name} could not be started by the test command: ${outcome.reason}`;
      continue;
    }
    process.env[outcome.server.variable] = outcome.address;
    if (outcome.server.variable === 'KAFKA_BROKERS') Object.assign(process.env, outcome.env);
    started.push({ name: outcome.server.name, script: outcome.server.script, env: outcome.env });
    process.stderr.write(`test servers: ${outcome.server.name} at ${outcome.address} (stopped after the run)\n`);
  }
  process.env[SERVER_PROBLEMS_VARIABLE] = JSON.stringify(problems);
  return { runDir, started };
}

type StartOutcome = { server: TestServer; address: string; env: Record<string, string> } | { server: TestServer; reason: string };

async function startOne(server: TestServer, runDir: string): Promise<StartOutcome> {
  const env = await server.scriptEnv(runDir);
  try {
    const { stdout } = await run('bash', [server.script, 'start'], {
      env: { ...process.env, ...env },
      timeout: FIRST_START_MS,
      maxBuffer: 16 << 20,
    });
    const address = stdout.trim().split('\n').at(-1) ?? '';
    if (address) return { server, address, env };
    return { server, reason: `${server.script} start printed no address` };
  } catch (error: unknown) {
    await run('bash', [server.script, 'stop'], { env: { ...process.env, ...env } }).catch(() => undefined);
    return { server, reason: lastLine(error) };
  }
}

function lastLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').at(-1) ?? 'no reason given';
}

/** Stops what `startTestServers` started; quiet, so the run's closing lines stay last. */
export async function stopTestServers(servers: TestServers): Promise<void> {
  await Promise.all(
    servers.started.map((server) =>
      run('bash', [server.script, 'stop'], { env: { ...process.env, ...server.env }, timeout: 120_000 }).catch((error: unknown) => {
        process.stderr.write(`test servers: ${server.name} did not stop cleanly: ${lastLine(error)}\n`);
      }),
    ),
  );
  rmSync(servers.runDir, { recursive: true, force: true });
}

/** Ctrl-C during a run: the servers are detached from jest, so stop them before jest goes. */
export function stopTestServersOnInterrupt(servers: TestServers): void {
  const stopAndExit = (signal: NodeJS.Signals) => {
    for (const server of servers.started)
      spawnSync('bash', [server.script, 'stop'], { env: { ...process.env, ...server.env }, stdio: 'ignore' });
    rmSync(servers.runDir, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopAndExit(signal));
}
