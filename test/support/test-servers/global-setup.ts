import { startTestServers, stopTestServersOnInterrupt, type TestServers } from './test-servers';

declare global {
  // Jest's global setup, reporters and global teardown share this process: the servers started,
  // and the run's closing lines, which the teardown prints last (test/support/summary-reporter.js).
  var rapportTestServers: TestServers | undefined;
  var rapportClosingLines: string | undefined;
}

/** `npm test`: the real servers the integration suites need, on ports and data dirs of this run's own. */
export default async function globalSetup(): Promise<void> {
  const servers = await startTestServers();
  stopTestServersOnInterrupt(servers);
  globalThis.rapportTestServers = servers;
}
