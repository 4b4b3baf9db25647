import type { Command } from 'commander';
import { configFromEnvironment } from '../../../rapport/src/core';
import { hashApiKey, KEY_NAME, newApiKey, type ApiKeyRecord } from '../../../rapport/src/security/api-keys';
import { readApiKeysFile, writeApiKeysFile } from '../../../rapport/src/security/api-keys-file';
import { isRole, ROLES, type Role } from '../../../rapport/src/security/roles';
import { CliError } from '../cli-error';
import { parseExpiry } from './key-expiry';
import { keyRows, keyTable } from './key-listing';

interface KeysFile {
  readonly path: string;
  readonly records: ApiKeyRecord[];
  /** Keys from RAPPORT_API_KEYS: listed, but only the environment can change them. */
  readonly fromEnvironment: readonly ApiKeyRecord[];
}

/** `keys create | list | rotate | revoke`: the keys file holds hashes only; a running service reloads it by itself. */
export function registerKeyCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('manage API keys (stored as hashes in the keys file; a running service picks changes up)');
  keys
    .command('create')
    .description('make a key of a role and print it once')
    .requiredOption('--name <name>', 'who or what uses the key, e.g. branch-gateway')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--expires <when>', 'an instant with a zone (2027-01-01T00:00:00Z) or a duration from now (90d, 12h, PT30M)')
    .option('--replace', 'replace an existing key of that name')
    .action(createKey);
  keys
    .command('list')
    .description('every key: name, role, status (active, expired, revoked), created, expires, revoked, source')
    .option('--json', 'one JSON array instead of a table')
    .action(listKeys);
  keys
    .command('rotate')
    .description('give a key a new secret (same name and role); the old secret is refused at once')
    .requiredOption('--name <name>', 'the key to rotate')
    .option('--expires <when>', "a new expiry (default: the old key's)")
    .action(rotateKey);
  keys
    .command('revoke')
    .description('refuse a key from now on (it stays listed as revoked)')
    .requiredOption('--name <name>', 'the key to revoke')
    .action(revokeKey);
}

function createKey(options: { name: string; role: string; expires?: string; replace?: boolean }): void {
  if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}; got ${options.role}`);
  if (!KEY_NAME.test(options.name)) throw new CliError('--name must be 1-64 letters, digits, ".", "_" or "-"');
  const file = openKeysFile();
  const existing = findKey(file, options.name);
  if (existing && !options.replace)
    throw new CliError(`a key named ${options.name} exists; rotate it, or pass --replace to make a new one in its place`);
  issueKey(file, options.name, options.role, options.expires === undefined ? undefined : parseExpiry(options.expires, new Date()));
}

function listKeys(options: { json?: boolean }): void {
  const file = openKeysFile();
  const rows = keyRows(file.fromEnvironment, file.records, new Date());
  process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${keyTable(rows)}\n`);
}

function rotateKey(options: { name: string; expires?: string }): void {
  const file = openKeysFile();
  const old = usableKey(file, options.name, 'rotate');
  const now = new Date();
  const expiresAt = options.expires === undefined ? old.expiresAt : parseExpiry(options.expires, now).toISOString();
  if (expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime())
    throw new CliError(`key ${options.name} expired at ${expiresAt}: give --expires`);
  issueKey(file, options.name, old.role, expiresAt === undefined ? undefined : new Date(expiresAt));
}

function revokeKey(options: { name: string }): void {
  const file = openKeysFile();
  const record = usableKey(file, options.name, 'revoke');
  const revokedAt = new Date().toISOString();
  writeApiKeysFile(
    file.path,
    file.records.map((r) => (r === record ? { ...r, revokedAt } : r)),
  );
  process.stderr.write(`key ${options.name} revoked at ${revokedAt}\n`);
}

function openKeysFile(): KeysFile {
  const { apiKeysFile, apiKeys } = configFromEnvironment().security;
  try {
    return { path: apiKeysFile, records: readApiKeysFile(apiKeysFile), fromEnvironment: apiKeys };
  } catch (error: unknown) {
    throw new CliError(`cannot read the keys file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function findKey(file: KeysFile, name: string): ApiKeyRecord | undefined {
  if (file.fromEnvironment.some((record) => record.name === name))
    throw new CliError(`key ${name} comes from RAPPORT_API_KEYS: change it there`);
  return file.records.find((record) => record.name === name);
}

function usableKey(file: KeysFile, name: string, verb: string): ApiKeyRecord {
  const record = findKey(file, name);
  if (!record) throw new CliError(`no key named ${name} in ${file.path}`);
  if (record.revokedAt !== undefined)
    throw new CliError(`key ${name} was revoked at ${record.revokedAt}; cannot ${verb} it (create --replace makes a new one)`);
  return record;
}

function issueKey(file: KeysFile, name: string, role: Role, expiresAt: Date | undefined): void {
  const key = newApiKey();
  const record: ApiKeyRecord = {
    name,
    role,
    sha256: hashApiKey(key),
    createdAt: new Date().toISOString(),
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
  writeApiKeysFile(file.path, [...file.records.filter((r) => r.name !== name), record]);
  const until = expiresAt ? `, expires ${record.expiresAt}` : '';
  process.stderr.write(`key ${name} (${role}${until}) stored as a hash in ${file.path}; it is shown only now:\n`);
  process.stdout.write(`${key}\n`);
}
