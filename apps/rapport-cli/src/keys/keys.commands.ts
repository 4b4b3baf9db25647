import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { configFromEnvironment } from '../../../rapport/src/core';
import { appendApiKeyToFile, hashApiKey, newApiKey } from '../../../rapport/src/security/api-keys';
import { isRole, ROLES } from '../../../rapport/src/security/roles';
import { CliError } from '../cli-error';

/** `keys create`: a new API key of a role; its hash goes to the keys file, the key is printed once. */
export function registerKeyCommands(program: Command): void {
  program
    .command('keys')
    .description('manage API keys (stored as hashes in the keys file)')
    .command('create')
    .requiredOption('--name <name>', 'who or what uses the key, e.g. branch-gateway')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .action((options: { name: string; role: string }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}; got ${options.role}`);
      if (!/^[\w.-]{1,64}$/.test(options.name)) throw new CliError('--name must be 1-64 letters, digits, ".", "_" or "-"');
      const file = configFromEnvironment().security.apiKeysFile;
      mkdirSync(dirname(file), { recursive: true });
      const key = newApiKey();
      appendApiKeyToFile(file, { name: options.name, role: options.role, sha256: hashApiKey(key) });
      process.stderr.write(`key ${options.name} (${options.role}) stored as a hash in ${file}; it is shown only now:\n`);
      process.stdout.write(`${key}\n`);
    });
}
