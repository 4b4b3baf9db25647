import { Inject, Injectable } from '@nestjs/common';
import { unseal, type KeyLookup, type KeyStore, type PersonalData, type SealedData } from '@rapport/privacy';
import { KEY_STORE } from '../wiring/tokens';

export type PersonalDataView = PersonalData | { readonly erased: true; readonly erasedAt: string };

/** Opens sealed personal data for the audit views; after erasure there is nothing left to open. */
@Injectable()
export class PersonalDataReader {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async open(customerId: string, sealed: SealedData): Promise<PersonalDataView> {
    return openWith(await this.keys.lookup(customerId), customerId, sealed);
  }

  /** A copy of an object whose `personal` field, if sealed, is replaced by its opened view. */
  async reveal<T extends object>(customerId: string, holder: T): Promise<T> {
    const sealed = sealedIn(holder);
    if (sealed === undefined) return holder;
    return { ...holder, personal: await this.open(customerId, sealed) };
  }

  /**
   * reveal() for each object, in order, with one key lookup for all of them and none when
   * nothing is sealed (a history page holds sealed data in its acquisition event alone).
   */
  async revealEach<T extends object>(customerId: string, holders: readonly T[]): Promise<readonly T[]> {
    if (!holders.some((holder) => sealedIn(holder) !== undefined)) return holders;
    const found = await this.keys.lookup(customerId);
    return holders.map((holder) => {
      const sealed = sealedIn(holder);
      return sealed === undefined ? holder : { ...holder, personal: openWith(found, customerId, sealed) };
    });
  }
}

function openWith(found: KeyLookup, customerId: string, sealed: SealedData): PersonalDataView {
  if (found.status === 'destroyed') return { erased: true, erasedAt: found.destroyedAt };
  if (found.status === 'absent' || found.dataKey.keyId !== sealed.keyId) {
    throw new Error(`no data key ${sealed.keyId} for customer ${customerId}`);
  }
  return unseal(sealed, found.dataKey, customerId);
}

function sealedIn(holder: object): SealedData | undefined {
  const personal = (holder as { personal?: unknown }).personal;
  return isSealed(personal) ? personal : undefined;
}

function isSealed(value: unknown): value is SealedData {
  return typeof value === 'object' && value !== null && 'ciphertext' in value && 'keyId' in value;
}
