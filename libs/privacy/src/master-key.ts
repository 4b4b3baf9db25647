import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The key that wraps every data key: from RAPPORT_MASTER_KEY (base64, 32 bytes) in production,
 * else a file made once beside the embedded stores (readable by the owner only).
 */
export function loadMasterKey(fromEnvironment: string | undefined, fallbackFile: string): Buffer {
  if (fromEnvironment) return decode(fromEnvironment, 'RAPPORT_MASTER_KEY');
  if (!existsSync(fallbackFile)) writeFileSync(fallbackFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  return decode(readFileSync(fallbackFile, 'utf8').trim(), fallbackFile);
}

function decode(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${origin} must hold 32 bytes in base64, found ${key.length}`);
  return key;
}
