import { Inject, Injectable } from '@nestjs/common';
import {
  isErasedText,
  openText,
  sealedTextParts,
  unseal,
  type KeyLookup,
  type KeyStore,
  type PersonalData,
  type SealedData,
} from '@rapport/privacy';
import { KEY_STORE } from '../wiring/tokens';

export type ErasedView = { readonly erased: true; readonly erasedAt?: string };
export type PersonalDataView = PersonalData | ErasedView;

/**
 * Opens what is sealed for the audit views: the `personal` object and every sealed free-text
 * field (customer.field-classes.ts). After erasure there is nothing left to open. Free text
 * stored in plaintext before sealing began is shown as it is.
 */
@Injectable()
export class PersonalDataReader {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async open(customerId: string, sealed: SealedData): Promise<PersonalDataView> {
    return openWith(await this.keys.lookup(customerId), customerId, sealed);
  }

  /** A copy of an object whose sealed fields are replaced by their opened views. */
  async reveal<T extends object>(customerId: string, holder: T): Promise<T> {
    const [revealed] = await this.revealEach(customerId, [holder]);
    return revealed;
  }

  /** reveal() for each object, in order, with one key lookup for all of them and none when nothing is sealed. */
  async revealEach<T extends object>(customerId: string, holders: readonly T[]): Promise<readonly T[]> {
    if (!holders.some(hasSealedField)) return holders;
    const found = await this.keys.lookup(customerId);
    return holders.map((holder) => (hasSealedField(holder) ? revealWith(found, customerId, holder) : holder));
  }
}

function revealWith<T extends object>(found: KeyLookup, customerId: string, holder: T): T {
  const copy: Record<string, unknown> = { ...(holder as Record<string, unknown>) };
  for (const [field, value] of Object.entries(copy)) {
    if (isSealedObject(value)) copy[field] = openWith(found, customerId, value);
    else if (isErasedText(value)) copy[field] = erasedView(found);
    else {
      const sealed = sealedTextParts(value);
      if (sealed !== undefined) copy[field] = openTextWith(found, customerId, sealed);
    }
  }
  return copy as T;
}

function openWith(found: KeyLookup, customerId: string, sealed: SealedData): PersonalDataView {
  return found.status === 'destroyed' ? erasedView(found) : unseal(sealed, keyOf(found, customerId, sealed), customerId);
}

function openTextWith(found: KeyLookup, customerId: string, sealed: SealedData): string | ErasedView {
  return found.status === 'destroyed' ? erasedView(found) : openText(sealed, keyOf(found, customerId, sealed), customerId);
}

function keyOf(found: KeyLookup, customerId: string, sealed: SealedData) {
  if (found.status !== 'live' || found.dataKey.keyId !== sealed.keyId)
    throw new Error(`no data key ${sealed.keyId} for customer ${customerId}`);
  return found.dataKey;
}

function erasedView(found: KeyLookup): ErasedView {
  return found.status === 'destroyed' ? { erased: true, erasedAt: found.destroyedAt } : { erased: true };
}

function hasSealedField(holder: object): boolean {
  return Object.values(holder).some((value) => isSealedObject(value) || isErasedText(value) || sealedTextParts(value) !== undefined);
}

function isSealedObject(value: unknown): value is SealedData {
  return typeof value === 'object' && value !== null && 'ciphertext' in value && 'keyId' in value;
}
