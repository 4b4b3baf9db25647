import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { API_KEYS, type Reader } from '../../rapport/src/core';
import type { ApiKeyRegistry } from '../../rapport/src/security/api-keys';
import type { Role } from '../../rapport/src/security/roles';
import { CliError } from './cli-error';

/**
 * The CLI reads customer data only with an API key of a role allowed to, like the HTTP routes:
 * RAPPORT_API_KEY in the environment (never a flag: flags end up in shell history).
 */
export function cliReader(context: INestApplicationContext, command: string, allowed: readonly Role[]): Reader {
  const keys = context.get<ApiKeyRegistry | 'disabled'>(API_KEYS);
  const correlationId = randomUUID();
  if (keys === 'disabled') return { actor: 'auth-disabled', role: 'admin', via: `cli ${command}`, correlationId };
  const key = process.env.RAPPORT_API_KEY;
  if (!key) throw new CliError(`${command} reads customer data: set RAPPORT_API_KEY to a key of role ${allowed.join(' or ')}`);
  const principal = keys.authenticate(key);
  if (!principal) throw new CliError('RAPPORT_API_KEY is not a known key');
  if (principal.role !== 'admin' && !allowed.includes(principal.role)) throw new CliError(`role ${principal.role} may not run ${command}`);
  return { actor: principal.name, role: principal.role, via: `cli ${command}`, correlationId };
}
