import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultPolicySet, readPolicySet, type PolicySet } from '@rapport/customer-domain';

/**
 * The policy set named by RAPPORT_POLICY_FILE, read once at start; unset: the defaults, version "default".
 * A file that cannot be used stops the service, naming the file and every field at fault.
 */
export function policyFromEnvironment(env: NodeJS.ProcessEnv): PolicySet {
  const file = env.RAPPORT_POLICY_FILE;
  if (!file) return defaultPolicySet;
  const path = resolve(file);
  const reading = readPolicySet(parsedJson(path));
  if ('problems' in reading) throw new Error(`RAPPORT_POLICY_FILE ${path}: ${reading.problems.join('; ')}`);
  return reading.policy;
}

function parsedJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw new Error(`RAPPORT_POLICY_FILE ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw new Error(`RAPPORT_POLICY_FILE ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
