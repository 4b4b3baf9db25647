import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './key-store.port';
import type { PersonalData, SealedData } from './personal-data';

const ALGORITHM = 'aes-256-gcm';

/** Encrypts with the customer's key; the customer id is bound as additional data. */
export function seal(personal: PersonalData, dataKey: DataKey, customerId: string): SealedData {
  return sealBytes(Buffer.from(JSON.stringify(personal), 'utf8'), dataKey, customerId);
}

/** Decrypts; throws when the key or the customer id does not match or the bytes were altered. */
export function unseal(sealed: SealedData, dataKey: DataKey, customerId: string): PersonalData {
  return JSON.parse(openBytes(sealed, dataKey, customerId).toString('utf8')) as PersonalData;
}

/** seal() for any bytes: a dead letter's value, a refused import line. */
export function sealBytes(plaintext: Buffer, dataKey: DataKey, customerId: string): SealedData {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, dataKey.key, iv);
  cipher.setAAD(Buffer.from(customerId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    keyId: dataKey.keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function openBytes(sealed: SealedData, dataKey: DataKey, customerId: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, dataKey.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(customerId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
}

/** Wraps a data key with the master key so the key file alone reveals nothing. */
export function wrapKey(key: Buffer, masterKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), wrapped]);
}

export function unwrapKey(wrapped: Buffer, masterKey: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, masterKey, wrapped.subarray(0, 12));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}
