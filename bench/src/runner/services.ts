import { runChild } from '../support/child';

/**
 * Kafka and FerretDB for `--services`, started by the project's scripts on ports and data dirs
 * of the bench's own, so a broker or FerretDB another engineer runs on the defaults is neither
 * reused nor stopped.
 */
const KAFKA_ENV = { KAFKA_PORT: '19092', KAFKA_DATA_DIR: '/tmp/rapport-bench-kafka' };
const FERRETDB_ENV = { FERRETDB_ADDR: '127.0.0.1:37017', FERRETDB_DATA_DIR: '/tmp/rapport-bench-ferretdb' };
const FIVE_MINUTES = 300_000;

export interface Services {
  /** KAFKA_BROKERS and MONGO_URL for the benches that use them; unset when a service did not start. */
  readonly env: NodeJS.ProcessEnv;
  readonly problems: readonly string[];
  stop(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const problems: string[] = [];
  const env: NodeJS.ProcessEnv = {};
  const kafka = await runChild('bash', ['scripts/kafka.sh', 'start'], { env: KAFKA_ENV, timeoutMs: FIVE_MINUTES });
  if (kafka.exitCode === 0) env.KAFKA_BROKERS = kafka.stdout.trim().split('\n').at(-1);
  else problems.push(`Kafka did not start: ${kafka.stderr.trim().split('\n').at(-1) ?? ''}`);
  const ferret = await runChild('bash', ['scripts/ferretdb.sh', 'start'], { env: FERRETDB_ENV, timeoutMs: FIVE_MINUTES });
  if (ferret.exitCode === 0) env.MONGO_URL = (await runChild('bash', ['scripts/ferretdb.sh', 'url'], { env: FERRETDB_ENV })).stdout.trim();
  else problems.push(`FerretDB did not start: ${ferret.stderr.trim().split('\n').at(-1) ?? ''}`);
  return {
    env,
    problems,
    stop: async () => {
      await runChild('bash', ['scripts/kafka.sh', 'stop'], { env: KAFKA_ENV, timeoutMs: FIVE_MINUTES });
      await runChild('bash', ['scripts/ferretdb.sh', 'stop'], { env: FERRETDB_ENV, timeoutMs: FIVE_MINUTES });
    },
  };
}
