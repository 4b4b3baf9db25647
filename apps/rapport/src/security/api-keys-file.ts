import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkedApiKey, type ApiKeyRecord } from './api-keys';

export function readApiKeysFile(path: string): ApiKeyRecord[] {
  if (!existsSync(path)) return [];
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path} must hold a JSON array of {name, role, sha256}`);
  return parsed.map((entry: unknown) => checkedApiKey((entry ?? {}) as Record<string, unknown>, path));
}

/** Written whole and renamed into place, so a running service watching the file never reads half of it. */
export function writeApiKeysFile(path: string, records: readonly ApiKeyRecord[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, path);
}
