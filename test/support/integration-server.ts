/**
 * Runs a suite only when its server is configured, and says loudly when it is not.
 * CI (.ci/run) always starts the servers and sets the variables, so there these suites run.
 */
export function describeWithServer(variable: string, server: string, name: string, suite: (address: string) => void): void {
  const address = process.env[variable];
  if (address) {
    describe(`${name} [${server} at ${address}]`, () => suite(address));
    return;
  }
  const reason = `SKIPPED: ${name} needs ${server}; set ${variable} (CI does: scripts/${server === 'Kafka' ? 'kafka' : 'ferretdb'}.sh start)`;
  process.stderr.write(`\n*** ${reason}\n`);
  describe.skip(`${name} — ${reason}`, () => {
    it('needs a server', () => undefined);
  });
}
