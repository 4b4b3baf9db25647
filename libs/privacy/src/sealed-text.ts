import type { DataKey } from './key-store.port';
import type { SealedData } from './personal-data';
import { openBytes, sealBytes } from './sealing';

/**
 * Free text sealed in place of itself, so an event keeps its shape (a string stays a string) and
 * the domain passes it on unread: `sealed:v1:<keyId>:<iv>:<ciphertext>:<tag>`, base64 parts.
 * Text that arrives after erasure has no key left to seal it and is stored as ERASED_TEXT.
 */
const PREFIX = 'sealed:v1:';
export const ERASED_TEXT = 'sealed:erased';

export function sealText(text: string, dataKey: DataKey, customerId: string): string {
  const { keyId, iv, ciphertext, tag } = sealBytes(Buffer.from(text, 'utf8'), dataKey, customerId);
  return `${PREFIX}${keyId}:${iv}:${ciphertext}:${tag}`;
}

/** The sealed parts of a sealed text; undefined for anything else (plain text stored before sealing began). */
export function sealedTextParts(value: unknown): SealedData | undefined {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return undefined;
  const parts = value.slice(PREFIX.length).split(':');
  if (parts.length !== 4) return undefined;
  const [keyId, iv, ciphertext, tag] = parts;
  return { keyId, iv, ciphertext, tag };
}

export function isErasedText(value: unknown): boolean {
  return value === ERASED_TEXT;
}

export function openText(sealed: SealedData, dataKey: DataKey, customerId: string): string {
  return openBytes(sealed, dataKey, customerId).toString('utf8');
}
