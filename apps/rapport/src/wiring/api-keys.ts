import { Logger } from '@nestjs/common';
import { appendApiKeyToFile, ApiKeyRegistry, hashApiKey, newApiKey, readApiKeysFile } from '../security/api-keys';
import type { SecurityConfig } from '../config';

/**
 * The keys Rapport accepts: from the environment and the keys file. On a first start with no
 * key at all, one admin key is made, its hash stored, and the key printed once.
 */
export function loadApiKeys(security: SecurityConfig, logger = new Logger('security')): ApiKeyRegistry | 'disabled' {
  if (security.auth === 'disabled') {
    logger.warn('RAPPORT_AUTH=disabled: every caller acts as admin. Never run this way with real data.');
    return 'disabled';
  }
  const records = [...security.apiKeys, ...readApiKeysFile(security.apiKeysFile)];
  if (records.length > 0) return new ApiKeyRegistry(records);
  const key = newApiKey();
  appendApiKeyToFile(security.apiKeysFile, { name: 'bootstrap-admin', role: 'admin', sha256: hashApiKey(key) });
  logger.warn(`No API keys were configured. Made an admin key, shown this once: ${key}`);
  logger.warn(`Its hash is in ${security.apiKeysFile}; make more with: npm run cli -- keys create --name <name> --role <role>`);
  return loadApiKeys(security, logger);
}
