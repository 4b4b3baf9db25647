/** Personal data of design.md §7. It never reaches the event store or a read model in plaintext. */
export interface PersonalData {
  readonly name?: string;
  readonly nationalId?: string;
  readonly phone?: string;
  readonly email?: string;
}

/** Same shape as the domain's SealedPersonalData; kept here so privacy does not import the domain. */
export interface SealedData {
  readonly keyId: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}
