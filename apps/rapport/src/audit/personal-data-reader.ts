import { Inject, Injectable } from '@nestjs/common';
import { unseal, type KeyStore, type PersonalData, type SealedData } from '@rapport/privacy';
import { KEY_STORE } from '../wiring/tokens';

export type PersonalDataView = PersonalData | { readonly erased: true; readonly erasedAt: string };

/** Opens sealed personal data for the audit views; after erasure there is nothing left to open. */
@Injectable()
export class PersonalDataReader {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async open(customerId: string, sealed: SealedData): Promise<PersonalDataView> {
    const found = await this.keys.lookup(customerId);
    if (found.status === 'destroyed') return { erased: true, erasedAt: found.destroyedAt };
    if (found.status === 'absent' || found.dataKey.keyId !== sealed.keyId) {
      throw new Error(`no data key ${sealed.keyId} for customer ${customerId}`);
    }
    return unseal(sealed, found.dataKey, customerId);
  }

  /** A copy of an object whose `personal` field, if sealed, is replaced by its opened view. */
  async reveal<T extends object>(customerId: string, holder: T): Promise<T> {
    const sealed = (holder as { personal?: unknown }).personal;
    if (!isSealed(sealed)) return holder;
    return { ...holder, personal: await this.open(customerId, sealed) };
  }
}

function isSealed(value: unknown): value is SealedData {
  return typeof value === 'object' && value !== null && 'ciphertext' in value && 'keyId' in value;
}
