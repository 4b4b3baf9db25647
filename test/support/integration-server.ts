/**
 * Runs a suite only when its server is configured, and says loudly when it is not. `npm test`
 * starts Kafka and FerretDB itself (test/support/test-servers) and sets the variables; a server
 * it could not start is named here with the reason, and the run's closing lines list the suite.
 */
export const SERVER_PROBLEMS_VARIABLE = 'RAPPORT_TEST_SERVER_PROBLEMS';

/** Why the test command could not start a server, by the variable it would have set. */
export type ServerProblems = Record<string, string>;

const HOW_TO_GET: Readonly<Record<string, string>> = {
  Kafka: 'npm test starts one with scripts/kafka.sh (needs Java and Maven)',
  FerretDB: 'npm test starts one with scripts/ferretdb.sh (needs Go)',
  EventStoreDB: 'no server can be installed on these machines: run `docker compose up eventstoredb` and point it there',
};

export function describeWithServer(variable: string, server: string, name: string, suite: (address: string) => void): void {
  const address = process.env[variable];
  if (address) {
    describe(`${name} [${server} at ${address}]`, () => suite(address));
    return;
  }
  const why = serverProblems()[variable] ?? HOW_TO_GET[server] ?? '';
  describeSkipped(name, `needs ${server}; set ${variable}${why ? ` (${why})` : ''}`);
}

/**
 * A suite that cannot run here, named with the reason. The summary reporter
 * (test/support/summary-reporter.js) lists every suite titled this way above the totals line.
 */
export function describeSkipped(name: string, reason: string): void {
  process.stderr.write(`\n*** SKIPPED ${name}: ${reason}\n`);
  describe.skip(`SKIPPED ${name}: ${reason}`, () => {
    it('cannot run here', () => undefined);
  });
}

function serverProblems(): ServerProblems {
  const text = process.env[SERVER_PROBLEMS_VARIABLE];
  return text ? (JSON.parse(text) as ServerProblems) : {};
}
