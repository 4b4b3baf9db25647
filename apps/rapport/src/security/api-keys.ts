import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isRole, type Principal, type Role } from './roles';

/** A configured key: only its SHA-256 is ever stored. */
export interface ApiKeyRecord {
  readonly name: string;
  readonly role: Role;
  readonly sha256: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key with a recognisable prefix; shown once, stored as a hash. */
export function newApiKey(): string {
  return `rpk_${randomBytes(24).toString('base64url')}`;
}

/** `name:role:sha256,...` as RAPPORT_API_KEYS carries them. */
export function parseApiKeys(text: string | undefined): ApiKeyRecord[] {
  if (!text) return [];
  return text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const [name, role, sha256] = entry.split(':');
    return checked({ name, role, sha256 }, 'RAPPORT_API_KEYS');
  });
}

export function readApiKeysFile(path: string): ApiKeyRecord[] {
  if (!existsSync(path)) return [];
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path} must hold a JSON array of {name, role, sha256}`);
  return parsed.map((entry: unknown) => checked((entry ?? {}) as Record<string, unknown>, path));
}

export function appendApiKeyToFile(path: string, record: ApiKeyRecord): void {
  const records = [...readApiKeysFile(path).filter((r) => r.name !== record.name), record];
  writeFileSync(path, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
}

function checked(entry: Record<string, unknown>, origin: string): ApiKeyRecord {
  const { name, role, sha256 } = entry;
  if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) throw new Error(`${origin}: bad key name ${String(name)}`);
  if (!isRole(role)) throw new Error(`${origin}: key ${name} has unknown role ${String(role)}`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`${origin}: key ${name} needs a hex SHA-256`);
  return { name, role, sha256 };
}

/** Looks bearer keys up by their hash, so no plaintext key is ever held. */
export class ApiKeyRegistry {
  private readonly byHash: ReadonlyMap<string, Principal>;

  constructor(records: readonly ApiKeyRecord[]) {
    this.byHash = new Map(records.map((r) => [r.sha256, { name: r.name, role: r.role }]));
  }

  get size(): number {
    return this.byHash.size;
  }

  authenticate(key: string): Principal | undefined {
    return this.byHash.get(hashApiKey(key));
  }
}
