import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CloudEventIngestor, configFromEnvironment, CoreModule, OriginalSealer } from '../../../rapport/src/core';
import { RejectFile } from './reject-file';
import { countLines, runImport } from './run-import';

const event = (id: string, type: string, data: Record<string, unknown>) =>
  JSON.stringify({ specversion: '1.0', id, source: 'urn:core-banking:ledger', type, subject: 'IMP-1', time: '2026-02-01T10:00:00Z', data });
const acquired = event('1', 'customer.acquired', {
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '90000.00', currency: 'CNY' },
  riskProfile: 'C2',
});
const activated = event('4', 'customer.activated', { product: 'savings-account' });

const LINES = [
  acquired,
  '',
  'this is not JSON',
  event('2', 'customer.transaction-recorded', {
    transactionId: 'T-1',
    amount: { amount: '10.00', currency: 'CNY' },
    productCategory: 'funds',
  }),
  event('3', 'customer.satisfaction-recorded', { surveyId: 'S-1', csat: 9, touchpoint: 'branch', channel: 'branch' }),
  activated,
  activated,
  event('5', 'customer.teleported', {}),
  event('6', 'customer.acquired', {
    customerType: 'individual',
    channel: 'branch',
    assets: { amount: '1.00', currency: 'CNY' },
    riskProfile: 'C2',
    personal: { name: 'Wei Reject-Plaintext' },
  }),
];
const sealed = { sealedOriginal: 1, customerId: 'IMP-1', sealed: expect.objectContaining({ ciphertext: expect.any(String) }) };

describe('importing an NDJSON file of CloudEvents', () => {
  let dir: string;
  let context: INestApplicationContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-import-'));
    const config = configFromEnvironment({ DATA_DIR: dir, RAPPORT_AUTH: 'disabled', SQLITE_SYNCHRONOUS: 'NORMAL' });
    context = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: false });
  });
  afterEach(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends the good lines, skips the repeat, and names each bad line with its reason', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, `${LINES.join('\n')}\n`);
    const rejects = new RejectFile(join(dir, 'rejects.ndjson'));

    const report = await runImport(
      file,
      CloudEventIngestor.fromContext(context, 'cli-import'),
      rejects,
      await countLines(file),
      context.get(OriginalSealer),
    );
    rejects.close();

    expect(report).toEqual(
      expect.objectContaining({ lines: 8, appended: 2, duplicates: 1, rejected: { invalid: 2, rejected: 2, unreadable: 1 } }),
    );
    const written = readFileSync(rejects.path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).toEqual([
      {
        line: 3,
        reason: 'unreadable',
        detail: 'the message is not valid JSON',
        sealedLine: { sealedOriginal: 1, stripped: 'no-customer-id' },
      },
      {
        line: 4,
        reason: 'rejected',
        id: '2',
        customerId: 'IMP-1',
        rule: 'customer-not-active',
        message: expect.any(String),
        sealedLine: sealed,
      },
      {
        line: 5,
        reason: 'invalid',
        id: '3',
        errors: [{ field: 'data.csat', message: 'csat must not be greater than 5' }],
        sealedLine: sealed,
      },
      {
        line: 8,
        reason: 'invalid',
        id: '5',
        errors: [{ field: 'type', message: expect.stringContaining('unknown type') }],
        sealedLine: sealed,
      },
      {
        line: 9,
        reason: 'rejected',
        id: '6',
        customerId: 'IMP-1',
        rule: expect.any(String),
        message: expect.any(String),
        sealedLine: sealed,
      },
    ]);
  });

  it('keeps no refused line in plaintext, and opens each for repair with the customer key', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, `${LINES.join('\n')}\n`);
    const rejects = new RejectFile(join(dir, 'rejects.ndjson'));
    await runImport(
      file,
      CloudEventIngestor.fromContext(context, 'cli-import'),
      rejects,
      await countLines(file),
      context.get(OriginalSealer),
    );
    rejects.close();

    const text = readFileSync(rejects.path, 'utf8');
    expect(text).not.toContain('Reject-Plaintext');
    const last = JSON.parse(text.trim().split('\n').at(-1) ?? '') as { sealedLine: unknown };
    expect((await context.get(OriginalSealer).open(last.sealedLine)).original.toString()).toBe(LINES[8]);
  });

  it('names the line whose business time is beyond the clock-skew bound, and appends the rest', async () => {
    const file = join(dir, 'ahead.ndjson');
    const anHourAhead = new Date(Date.now() + 3_600_000).toISOString();
    const ahead = JSON.stringify({ ...(JSON.parse(activated) as Record<string, unknown>), id: '7', time: anHourAhead });
    writeFileSync(file, `${acquired}\n${ahead}\n${activated}\n`);
    const rejects = new RejectFile(join(dir, 'ahead-rejects.ndjson'));
    const report = await runImport(file, CloudEventIngestor.fromContext(context, 'cli-import'), rejects, 3, context.get(OriginalSealer));
    rejects.close();
    expect(report).toEqual(expect.objectContaining({ lines: 3, appended: 2, rejected: { invalid: 0, rejected: 1, unreadable: 0 } }));
    const written = JSON.parse(readFileSync(rejects.path, 'utf8').trim()) as Record<string, unknown>;
    expect(written).toMatchObject({ line: 2, reason: 'rejected', id: '7', rule: 'occurred-in-the-future' });
  });

  it('leaves no reject file when every line is accepted', async () => {
    const file = join(dir, 'good.ndjson');
    writeFileSync(file, `${acquired}\n${activated}\n`);
    const rejects = new RejectFile(join(dir, 'none.ndjson'));
    const report = await runImport(file, CloudEventIngestor.fromContext(context, 'cli-import'), rejects, 2, context.get(OriginalSealer));
    rejects.close();
    expect(report.rejectFile).toBeUndefined();
    expect(() => readFileSync(rejects.path)).toThrow();
  });
});
