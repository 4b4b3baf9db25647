import { stopTestServers } from './test-servers';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.rapportTestServers) await stopTestServers(globalThis.rapportTestServers);
  if (globalThis.rapportClosingLines) process.stdout.write(`\n${globalThis.rapportClosingLines}`);
}
