import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PolicySet } from '@rapport/customer-domain';
import type { Clock } from '@rapport/kernel';
import { securityFromEnvironment, type AppConfig, type SecurityConfig } from '../../apps/rapport/src/config';
import { createHttpApp } from '../../apps/rapport/src/http-app';
import { EmulatorStore, startEsdbEmulator } from './esdb-emulator';

export interface RunningApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  /** Base URL of the listening server, for supertest. */
  readonly server: string;
  close(): Promise<void>;
}

export function tempDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rapport-${label}-`));
}

/** The real HTTP app on the embedded SQLite stores in a data dir of the test's own. */
export interface HttpAppOptions {
  readonly clock?: Clock;
  /** Most specs test behaviour, not access, and run with auth disabled; the security specs pass keys. */
  readonly security?: Partial<SecurityConfig>;
  /** `esdb`: the EventStoreDB adapter against the in-process gRPC emulator, kept across restarts of the app. */
  readonly eventStore?: EventStoreChoice;
  /** Read models in MongoDB (FerretDB in CI) at this URL instead of the embedded store; the database is in the URL's path. */
  readonly mongoUrl?: string;
  /** The policy set the service runs under, as RAPPORT_POLICY_FILE would give it; unset: the defaults. */
  readonly policy?: PolicySet;
}

export type EventStoreChoice = 'sqlite' | { readonly esdb: EmulatorStore };

/** The stores each end-to-end scenario runs on: the embedded default and EventStoreDB (emulator). */
export const EVENT_STORES = ['sqlite', 'esdb'] as const;

export function eventStoreChoice(kind: (typeof EVENT_STORES)[number]): EventStoreChoice {
  return kind === 'sqlite' ? 'sqlite' : { esdb: new EmulatorStore() };
}

export async function startHttpApp(dataDir: string, options: HttpAppOptions = {}): Promise<RunningApp> {
  const security = { ...securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir), ...options.security };
  const choice = options.eventStore ?? 'sqlite';
  const emulator = choice === 'sqlite' ? undefined : await startEsdbEmulator({ store: choice.esdb });
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    sqliteSynchronous: 'NORMAL',
    security,
    // Specs run the time sweeps themselves, at instants of their choosing.
    sweepIntervalMs: 0,
    ...(emulator ? { eventStoreConnectionString: emulator.connectionString } : {}),
    ...(options.mongoUrl ? { mongoUrl: options.mongoUrl } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  };
  const app = await createHttpApp(config, { clock: options.clock });
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  const close = async () => {
    await app.close();
    await emulator?.stop();
  };
  return { app, config, server: await app.getUrl(), close };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
