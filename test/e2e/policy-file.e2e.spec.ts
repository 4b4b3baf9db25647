import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDataDir } from '../support/http-app.harness';

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'rapport', 'src', 'main.js');

/** Runs the built service until it exits by itself; resolves after its output is complete. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, MONGO_URL: '', KAFKA_BROKERS: '', RAPPORT_AUTH: 'disabled', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('the service with a bad policy file', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
    dataDir = tempDataDir('policy-file');
  });
  afterAll(() => removeDir(dataDir));

  it('does not start: it exits non-zero, naming the file and the field', async () => {
    const file = join(dataDir, 'policies.json');
    writeFileSync(file, JSON.stringify({ version: '2026-12-bad', complaintClock: { dueDays: 0 } }));
    const { code, output } = await runToExit({ DATA_DIR: dataDir, RAPPORT_POLICY_FILE: file });
    expect(code).toBe(1);
    expect(output).toContain(`RAPPORT_POLICY_FILE ${file}: complaintClock.dueDays must be a whole number of days, at least 1`);
  });
});
