import { resolve } from 'node:path';

/** Everything Rapport reads from its environment (api.md "Configuration"). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Set: EventStoreDB; unset: the embedded SQLite store under dataDir. */
  readonly eventStoreConnectionString?: string;
  /** Base64 32-byte key that wraps the per-customer data keys; unset: a key file under dataDir. */
  readonly masterKey?: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    masterKey: env.RAPPORT_MASTER_KEY || undefined,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
  };
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got ${value}`);
  return parsed;
}
