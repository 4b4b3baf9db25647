import { isCustomerId } from '@rapport/kernel';
import { KeyDestroyed, openBytes, sealBytes, type KeyStore, type SealedData } from '@rapport/privacy';

/**
 * A refused message or import line as kept for repair (issue 14 item 4): its bytes sealed whole
 * under the customer's key, so no field of it — classified or not, since a refused input may hold
 * fields nobody classified — stays readable, and erasure shreds it with the rest. With no customer
 * to seal it for (no usable id, or one already erased) the bytes are dropped.
 */
export type SealedOriginal =
  | { readonly sealedOriginal: 1; readonly customerId: string; readonly sealed: SealedData }
  | { readonly sealedOriginal: 1; readonly stripped: 'no-customer-id' | 'customer-erased' };

export class OriginalSealer {
  constructor(private readonly keys: KeyStore) {}

  async seal(original: Buffer | string, customerId: string | undefined): Promise<SealedOriginal> {
    if (!isCustomerId(customerId)) return { sealedOriginal: 1, stripped: 'no-customer-id' };
    try {
      const key = await this.keys.keyFor(customerId);
      return { sealedOriginal: 1, customerId, sealed: sealBytes(Buffer.from(original), key, customerId) };
    } catch (error: unknown) {
      if (error instanceof KeyDestroyed) return { sealedOriginal: 1, stripped: 'customer-erased' };
      throw error;
    }
  }

  /** The original bytes; a RepairError says why they cannot be had. */
  async open(kept: unknown): Promise<{ readonly customerId: string; readonly original: Buffer }> {
    if (!isSealedOriginal(kept)) throw new RepairError('this is not a sealed dead letter or reject line');
    if ('stripped' in kept) throw new RepairError(`its bytes were not kept (${kept.stripped})`);
    const found = await this.keys.lookup(kept.customerId);
    if (found.status === 'destroyed')
      throw new RepairError(`customer ${kept.customerId} was erased on ${found.destroyedAt}; the bytes are gone`);
    if (found.status === 'absent' || found.dataKey.keyId !== kept.sealed.keyId)
      throw new RepairError(`no data key ${kept.sealed.keyId} for customer ${kept.customerId}`);
    return { customerId: kept.customerId, original: openBytes(kept.sealed, found.dataKey, kept.customerId) };
  }
}

export class RepairError extends Error {}

function isSealedOriginal(value: unknown): value is SealedOriginal {
  if (typeof value !== 'object' || value === null || (value as { sealedOriginal?: unknown }).sealedOriginal !== 1) return false;
  const kept = value as { stripped?: unknown; customerId?: unknown; sealed?: Partial<Record<keyof SealedData, unknown>> };
  if (typeof kept.stripped === 'string') return true;
  const sealed = kept.sealed;
  return (
    typeof kept.customerId === 'string' &&
    typeof sealed === 'object' &&
    sealed !== null &&
    ['keyId', 'iv', 'ciphertext', 'tag'].every((part) => typeof sealed[part as keyof SealedData] === 'string')
  );
}
