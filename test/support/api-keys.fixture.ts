import { hashApiKey, type ApiKeyRecord } from '../../apps/rapport/src/security/api-keys';
import type { Role } from '../../apps/rapport/src/security/roles';

/** One fixed key per role, for specs that exercise access. */
export const KEYS: Readonly<Record<Role, string>> = {
  channel: 'rpk_test_channel_key_0000000000',
  analyst: 'rpk_test_analyst_key_0000000000',
  auditor: 'rpk_test_auditor_key_0000000000',
  admin: 'rpk_test_admin_key_00000000000000',
};

export const KEY_RECORDS: readonly ApiKeyRecord[] = (Object.entries(KEYS) as [Role, string][]).map(([role, key]) => ({
  name: `test-${role}`,
  role,
  sha256: hashApiKey(key),
}));

export const bearer = (role: Role) => ({ Authorization: `Bearer ${KEYS[role]}` });
