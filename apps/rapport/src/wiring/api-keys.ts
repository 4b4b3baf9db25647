import { unwatchFile, watchFile } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@rapport/kernel';
import { ApiKeyRegistry, apiKeyStatus, hashApiKey, newApiKey, type ApiKeyRecord } from '../security/api-keys';
import { readApiKeysFile, writeApiKeysFile } from '../security/api-keys-file';
import type { AppConfig, SecurityConfig } from '../config';
import { API_KEYS, APP_CONFIG, CLOCK } from './tokens';

/**
 * The keys Rapport accepts: from the environment and the keys file. On a first start with no
 * key at all, one admin key is made, its hash stored, and the key printed once to the log.
 */
export function loadApiKeys(security: SecurityConfig, clock: Clock, logger = new Logger('security')): ApiKeyRegistry | 'disabled' {
  if (security.auth === 'disabled') {
    logger.warn('RAPPORT_AUTH=disabled: every caller acts as admin. Never run this way with real data.');
    return 'disabled';
  }
  const records = configuredKeys(security);
  if (records.length > 0) return new ApiKeyRegistry(records, clock);
  const key = newApiKey();
  writeApiKeysFile(security.apiKeysFile, [
    { name: 'bootstrap-admin', role: 'admin', sha256: hashApiKey(key), createdAt: clock.now().toISOString() },
  ]);
  logger.warn(`No API keys were configured. Made an admin key, shown this once: ${key}`);
  logger.warn(`Its hash is in ${security.apiKeysFile}; make more with: npm run cli -- keys create --name <name> --role <role>`);
  return loadApiKeys(security, clock, logger);
}

function configuredKeys(security: SecurityConfig): ApiKeyRecord[] {
  return [...security.apiKeys, ...readApiKeysFile(security.apiKeysFile)];
}

const FILE_POLL_MS = 500;

/**
 * A running service follows the keys file (issue #14): every change to it, and every SIGHUP,
 * reloads the keys, so `keys create | rotate | revoke` take effect without a restart.
 * A file that cannot be read keeps the keys last loaded and says so.
 */
@Injectable()
export class ApiKeysReloader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('security');
  private loaded = '';
  private readonly onFileChange = (): void => this.reload('keys file changed');
  private readonly onHangUp = (): void => this.reload('SIGHUP');

  constructor(
    @Inject(API_KEYS) private readonly keys: ApiKeyRegistry | 'disabled',
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.keys === 'disabled') return;
    this.loaded = JSON.stringify(configuredKeys(this.config.security));
    // Polling the path's stat, not inotify: the keys file shares DATA_DIR with SQLite's busy WAL,
    // and the CLI replaces the file by a rename, which a watch on the old inode would miss.
    watchFile(this.config.security.apiKeysFile, { interval: FILE_POLL_MS, persistent: false }, this.onFileChange);
    process.on('SIGHUP', this.onHangUp);
  }

  onApplicationShutdown(): void {
    unwatchFile(this.config.security.apiKeysFile, this.onFileChange);
    process.off('SIGHUP', this.onHangUp);
  }

  private reload(cause: 'keys file changed' | 'SIGHUP'): void {
    if (this.keys === 'disabled') return;
    let records: ApiKeyRecord[];
    try {
      records = configuredKeys(this.config.security);
    } catch (error: unknown) {
      this.logger.error(
        `keys file not reloaded, the keys loaded before stay in force: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    const text = JSON.stringify(records);
    // A poll also fires on a touch or a rewrite with equal content; only a signal is always answered.
    if (text === this.loaded && cause !== 'SIGHUP') return;
    this.loaded = text;
    this.keys.replace(records);
    const active = records.filter((record) => apiKeyStatus(record, this.clock.now()) === 'active').length;
    this.logger.log(`API keys reloaded (${cause}) from ${this.config.security.apiKeysFile}: ${active} active of ${records.length}`);
  }
}
