import { sensitiveFieldsOf, type CustomerCommand } from '@rapport/customer-domain';
import { ERASED_TEXT, KeyDestroyed, seal, sealText, type DataKey, type KeyStore, type PersonalData } from '@rapport/privacy';

/**
 * The command with its personal data and free text (customer.field-classes.ts) encrypted under
 * the customer's key, before anything is decided, so plaintext never reaches the domain or the
 * store. Once the customer is erased there is no key: an acquisition is then rejected by the
 * decider, and free text is kept as ERASED_TEXT.
 */
export async function sealForStorage(
  keys: KeyStore,
  command: CustomerCommand,
  personal: PersonalData | undefined,
): Promise<CustomerCommand> {
  const hasPersonal = command.type === 'AcquireCustomer' && personal !== undefined && Object.keys(personal).length > 0;
  const fields = sensitiveFieldsOf(command.type);
  if (!hasPersonal && fields.length === 0) return command;
  const texts = fields.filter((field) => typeof (command.data as Record<string, unknown>)[field] === 'string');
  if (!hasPersonal && texts.length === 0) return command;
  const key = await liveKey(keys, command.customerId);
  const data: Record<string, unknown> = { ...command.data };
  for (const field of texts) data[field] = key ? sealText(data[field] as string, key, command.customerId) : ERASED_TEXT;
  if (hasPersonal && key) data.personal = seal(personal, key, command.customerId);
  return { ...command, data } as CustomerCommand;
}

async function liveKey(keys: KeyStore, customerId: string): Promise<DataKey | undefined> {
  try {
    return await keys.keyFor(customerId);
  } catch (error: unknown) {
    if (error instanceof KeyDestroyed) return undefined;
    throw error;
  }
}
