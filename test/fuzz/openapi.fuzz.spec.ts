import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '../../apps/rapport/src/security/api-keys';
import { KEYS } from '../support/api-keys.fixture';
import { describeSkipped } from '../support/integration-server';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * Schemathesis (requirements-test.txt, installed by .ci/run) drives the real service on the embedded
 * stores from its own OpenAPI document: every check (schemathesis.toml), stateful links included. Server and document
 * must agree on every status, schema and input rule, so any failure here is a defect in one of them.
 */
/** The project's own Python environment (.ci/run creates it), else the system's; run as a module. */
const VENV_PYTHON = join(__dirname, '..', '..', '.cache', 'test-python', 'bin', 'python');
const PYTHON = existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';
const SCHEMATHESIS = ['-m', 'schemathesis.cli'];
const MAX_EXAMPLES = '50';
/** Settings (auth, checks) and hooks for the rules JSON Schema cannot state: both files say why. */
const CONFIG_FILE = join(__dirname, 'schemathesis.toml');
const HOOKS_FILE = join(__dirname, 'hooks.py');
const SEED = '20261205';

const installed = spawnSync(PYTHON, [...SCHEMATHESIS, '--version'], { encoding: 'utf8' }).status === 0;

if (!installed) {
  describeSkipped(
    'OpenAPI fuzzing with Schemathesis',
    `Schemathesis is not installed (${PYTHON} -m schemathesis.cli fails); .ci/run installs it: python3 -m venv .cache/test-python && .cache/test-python/bin/python -m pip install -r requirements-test.txt`,
  );
} else {
  describe('the OpenAPI document, fuzzed against the real service', () => {
    let dataDir: string;
    let service: ServiceProcess | undefined;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'rapport-fuzz-'));
      const apiKeys = (Object.entries(KEYS) as [string, string][])
        .map(([role, key]) => `fuzz-${role}:${role}:${hashApiKey(key)}`)
        .join(',');
      // The fuzzer sends thousands of requests, many with wrong keys on purpose: no limit may answer 429 to it.
      service = await startServiceProcess({
        DATA_DIR: dataDir,
        RAPPORT_AUTH: 'enabled',
        RAPPORT_API_KEYS: apiKeys,
        RAPPORT_RATE_LIMIT: '0',
        RAPPORT_FAILED_AUTH_LIMIT: '0',
        SQLITE_SYNCHRONOUS: 'NORMAL',
      });
      for (const id of ['FUZZ-1', 'FUZZ-2', 'FUZZ-3']) await seedCustomer(service.url, id);
    });

    afterAll(async () => {
      await service?.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('finds no failure with every check and the stateful links', async () => {
      const { code, output } = await runSchemathesis(started(service).url);
      process.stdout.write(`\n${summaryLineOf(output)}\n`);
      if (code !== 0) throw new Error(`Schemathesis exited with ${code}:\n${output}`);
      expect(output).not.toMatch(/\d+ failures?/);
    }, 300_000);
  });
}

function started(service: ServiceProcess | undefined): ServiceProcess {
  if (!service) throw new Error('the service did not start');
  return service;
}

async function seedCustomer(url: string, customerId: string): Promise<void> {
  const response = await fetch(`${url}/v1/customers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEYS.admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      customerId,
      customerType: 'individual',
      channel: 'web',
      assets: { amount: '5000.00', currency: 'CNY' },
      riskProfile: 'C1',
    }),
  });
  if (response.status !== 201) throw new Error(`seeding ${customerId} answered ${response.status}: ${await response.text()}`);
}

function runSchemathesis(url: string): Promise<{ code: number | null; output: string }> {
  const args = [
    ...SCHEMATHESIS,
    '--config-file',
    CONFIG_FILE,
    'run',
    `${url}/docs-json`,
    '--url',
    url,
    '--max-examples',
    MAX_EXAMPLES,
    '--seed',
    SEED,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, {
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: HOOKS_FILE, RAPPORT_FUZZ_API_KEY: KEYS.admin },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * Schemathesis ends with a line like `===== 12 passed, 1 failed in 95.2s =====`. It is reprinted
 * reworded: CI reads a closing line of pytest's shape as its test runner's total, and
 * `=== 1 warning in 42.69s ===` there would read as a run that executed no test.
 */
function summaryLineOf(output: string): string {
  const lines = output
    .trim()
    .split('\n')
    .map((line) => line.trim());
  const summary = lines.reverse().find((line) => /^=+ .* in [\d.]+s =+$/.test(line));
  if (summary === undefined) return `(no Schemathesis summary line)\n${output}`;
  const [, counts, seconds] = /^=+ (.*) in ([\d.]+)s =+$/.exec(summary) ?? [];
  return `Schemathesis summary (${seconds} s): ${counts?.replace(/,/g, ';')}`;
}
