/** A customer's data key (AES-256). */
export interface DataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** What the key store knows of a customer's key: live, destroyed (erased), or never made. */
export type KeyLookup =
  | { readonly status: 'live'; readonly dataKey: DataKey }
  | { readonly status: 'destroyed'; readonly keyId: string; readonly destroyedAt: string }
  | { readonly status: 'absent' };

/**
 * One data key per customer, kept beside the event store and never in it.
 * Destroying a key is how personal data is erased (crypto-shredding).
 */
export interface KeyStore {
  /** The customer's live key, made on first use; throws KeyDestroyed after erasure. */
  keyFor(customerId: string): Promise<DataKey>;
  lookup(customerId: string): Promise<KeyLookup>;
  /** Destroys the key for good; idempotent. */
  destroy(customerId: string, at: Date): Promise<void>;
  close(): Promise<void>;
}

export class KeyDestroyed extends Error {
  readonly code = 'key-destroyed';
  constructor(readonly customerId: string) {
    super(`the data key of customer ${customerId} was destroyed`);
  }
}
