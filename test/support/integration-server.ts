/**
 * Runs a suite only when its server is configured, and says loudly when it is not.
 * CI (.ci/run) always starts the servers and sets the variables, so there these suites run.
 */
const HOW_CI_STARTS: Readonly<Record<string, string>> = {
  Kafka: ' (CI does: scripts/kafka.sh start)',
  FerretDB: ' (CI does: scripts/ferretdb.sh start)',
  EventStoreDB: ' (no server can be installed on these machines: run `docker compose up eventstoredb` and point it there)',
};

export function describeWithServer(variable: string, server: string, name: string, suite: (address: string) => void): void {
  const address = process.env[variable];
  if (address) {
    describe(`${name} [${server} at ${address}]`, () => suite(address));
    return;
  }
  const reason = `SKIPPED: ${name} needs ${server}; set ${variable}${HOW_CI_STARTS[server] ?? ''}`;
  process.stderr.write(`\n*** ${reason}\n`);
  describe.skip(`${name} — ${reason}`, () => {
    it('needs a server', () => undefined);
  });
}
