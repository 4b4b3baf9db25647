import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestServers, stopTestServersOnInterrupt, type TestServers } from './test-servers';

declare global {
  // Jest's global setup, reporters and global teardown share this process: the servers started,
  // and the run's closing lines, which the teardown prints last (test/support/summary-reporter.js).
  var rapportTestServers: TestServers | undefined;
  var rapportClosingLines: string | undefined;
}

/** `npm test`: the real servers the integration suites need, on ports and data dirs of this run's own. */
export default async function globalSetup(): Promise<void> {
  installTestPython();
  const servers = await startTestServers();
  stopTestServersOnInterrupt(servers);
  globalThis.rapportTestServers = servers;
}

/** The Python test tools (Schemathesis); when they cannot be installed, the fuzz suite skips and says why. */
function installTestPython(): void {
  const script = join(__dirname, '..', '..', '..', 'scripts', 'test-python.sh');
  const result = spawnSync(script, { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status !== 0)
    process.stderr.write(`test tools: ${script} failed, the OpenAPI fuzz suite will skip:\n${result.stderr ?? ''}\n`);
}
