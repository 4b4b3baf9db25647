import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '@rapport/kernel';
import { securityFromEnvironment, type AppConfig, type SecurityConfig } from '../../apps/rapport/src/config';
import { createHttpApp } from '../../apps/rapport/src/http-app';

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
}

export async function startHttpApp(dataDir: string, options: HttpAppOptions = {}): Promise<RunningApp> {
  const security = { ...securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir), ...options.security };
  const config: AppConfig = { port: 0, host: '127.0.0.1', dataDir, sqliteSynchronous: 'NORMAL', security };
  const app = await createHttpApp(config, { clock: options.clock });
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  return { app, config, server: await app.getUrl(), close: () => app.close() };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
