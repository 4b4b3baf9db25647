import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '@rapport/kernel';
import { isRole, type Principal, type Role } from './roles';

/** A configured key: only its SHA-256 is ever stored. Instants are ISO 8601 UTC strings. */
export interface ApiKeyRecord {
  readonly name: string;
  readonly role: Role;
  readonly sha256: string;
  readonly createdAt?: string;
  /** Refused from this instant on. */
  readonly expiresAt?: string;
  /** Refused from this instant on; the record stays so `keys list` can show it. */
  readonly revokedAt?: string;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export const KEY_NAME = /^[\w.-]{1,64}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key with a recognisable prefix; shown once, stored as a hash. */
export function newApiKey(): string {
  return `rpk_${randomBytes(24).toString('base64url')}`;
}

export function apiKeyStatus(record: ApiKeyRecord, now: Date): ApiKeyStatus {
  if (record.revokedAt !== undefined && Date.parse(record.revokedAt) <= now.getTime()) return 'revoked';
  if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** `name:role:sha256,...` as RAPPORT_API_KEYS carries them. */
export function parseApiKeys(text: string | undefined): ApiKeyRecord[] {
  if (!text) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, sha256] = entry.split(':');
      return checkedApiKey({ name, role, sha256 }, 'RAPPORT_API_KEYS');
    });
}

export function checkedApiKey(entry: Record<string, unknown>, origin: string): ApiKeyRecord {
  const { name, role, sha256 } = entry;
  if (typeof name !== 'string' || !KEY_NAME.test(name)) throw new Error(`${origin}: bad key name ${String(name)}`);
  if (!isRole(role)) throw new Error(`${origin}: key ${name} has unknown role ${String(role)}`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`${origin}: key ${name} needs a hex SHA-256`);
  const instants = Object.fromEntries(
    (['createdAt', 'expiresAt', 'revokedAt'] as const).flatMap((field) => {
      const value = entry[field];
      if (value === undefined) return [];
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        throw new Error(`${origin}: key ${name} has a bad ${field} ${String(value)}`);
      return [[field, value]];
    }),
  );
  return { name, role, sha256, ...instants };
}

/**
 * Looks bearer keys up by their hash, so no plaintext key is ever held. Expiry and revocation are
 * judged at each request, and `replace` swaps the whole set when the keys file changes.
 */
export class ApiKeyRegistry {
  private byHash: ReadonlyMap<string, ApiKeyRecord> = new Map();

  constructor(
    records: readonly ApiKeyRecord[],
    private readonly clock: Clock,
  ) {
    this.replace(records);
  }

  get size(): number {
    return this.byHash.size;
  }

  replace(records: readonly ApiKeyRecord[]): void {
    this.byHash = new Map(records.map((record) => [record.sha256, record]));
  }

  authenticate(key: string): Principal | undefined {
    const record = this.byHash.get(hashApiKey(key));
    if (!record || apiKeyStatus(record, this.clock.now()) !== 'active') return undefined;
    return { name: record.name, role: record.role };
  }
}
