import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPolicySet } from '@rapport/customer-domain';
import { configFromEnvironment } from './config';
import { policyFromEnvironment } from './policy-file';

const EXAMPLE = resolve(__dirname, '..', '..', '..', 'config', 'policies.example.json');

describe('the policy file (RAPPORT_POLICY_FILE)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rapport-policy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (text: string) => {
    const path = join(dir, 'policies.json');
    writeFileSync(path, text);
    return path;
  };

  it('unset gives the defaults under version "default"', () => {
    expect(policyFromEnvironment({})).toBe(defaultPolicySet);
    expect(defaultPolicySet.version).toBe('default');
  });

  it('the shipped example is the defaults under its own version', () => {
    expect(policyFromEnvironment({ RAPPORT_POLICY_FILE: EXAMPLE })).toEqual({ ...defaultPolicySet, version: '2026-12-example' });
  });

  it('becomes the configuration the service starts with', () => {
    const path = file(JSON.stringify({ version: 'v7', loyalty: { tierWindowMonths: 6 } }));
    const config = configFromEnvironment({ RAPPORT_POLICY_FILE: path, DATA_DIR: dir });
    expect(config.policy).toMatchObject({ version: 'v7', loyalty: { tierWindowMonths: 6 } });
  });

  it('with a bad field stops the start, naming the file and the field', () => {
    const path = file(JSON.stringify({ version: 'v8', churnRisk: { dormancy: { weight: 500 } }, pricing: {} }));
    expect(() => configFromEnvironment({ RAPPORT_POLICY_FILE: path, DATA_DIR: dir })).toThrow(
      `RAPPORT_POLICY_FILE ${path}: pricing is not a known setting`,
    );
    const outOfRange = file(JSON.stringify({ version: 'v8', churnRisk: { dormancy: { weight: 500 } } }));
    expect(() => policyFromEnvironment({ RAPPORT_POLICY_FILE: outOfRange })).toThrow(
      `RAPPORT_POLICY_FILE ${outOfRange}: churnRisk.dormancy.weight is out of range: 500`,
    );
  });

  it('that is not JSON or cannot be read stops the start, naming the file', () => {
    const path = file('{ "version": ');
    expect(() => policyFromEnvironment({ RAPPORT_POLICY_FILE: path })).toThrow(`RAPPORT_POLICY_FILE ${path} is not JSON`);
    const missing = join(dir, 'missing.json');
    expect(() => policyFromEnvironment({ RAPPORT_POLICY_FILE: missing })).toThrow(`RAPPORT_POLICY_FILE ${missing} cannot be read`);
  });

  it('has a clock-skew bound beside it: RAPPORT_MAX_CLOCK_SKEW_MS, five minutes unless set', () => {
    expect(configFromEnvironment({ DATA_DIR: dir }).maxClockSkewMs).toBe(300_000);
    expect(configFromEnvironment({ DATA_DIR: dir, RAPPORT_MAX_CLOCK_SKEW_MS: '1000' }).maxClockSkewMs).toBe(1000);
  });
});
