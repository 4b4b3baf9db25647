import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { anchorKeyPair } from '@rapport/audit';
import type { AnchorConfig } from '../../config';

export type AnchorKeys = ReturnType<typeof anchorKeyPair>;

/**
 * The anchor signing key, kept apart from the data: RAPPORT_ANCHOR_KEY (base64 of a 32-byte
 * Ed25519 seed) in production, else a key file made once (owner-only) where RAPPORT_ANCHOR_KEY_FILE
 * says. `undefined` when neither exists and `create` is false: nothing was ever anchored with it.
 */
export function loadAnchorKeys(config: AnchorConfig, create: boolean): AnchorKeys | undefined {
  if (config.key) return anchorKeyPair(decode(config.key, 'RAPPORT_ANCHOR_KEY'));
  if (!existsSync(config.keyFile)) {
    if (!create) return undefined;
    writeFileSync(config.keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return anchorKeyPair(decode(readFileSync(config.keyFile, 'utf8').trim(), config.keyFile));
}

function decode(base64: string, origin: string): Buffer {
  const seed = Buffer.from(base64, 'base64');
  if (seed.length !== 32) throw new Error(`${origin} must hold 32 bytes in base64, found ${seed.length}`);
  return seed;
}
