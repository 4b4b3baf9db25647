import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { SqliteEventStore } from '@rapport/event-store';
import {
  allProjections,
  EmbeddedReadModelStore,
  Projector,
  PROJECTION_NAMES,
  type ReadDocument,
  type ReadModelStore,
} from '@rapport/read-models';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { CRASH_HOOK_LINE } from '../../apps/rapport/src/projections/crash-hook';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';

const projections = allProjections();
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'rapport-cli', 'src', 'main.js');
// Embedded read models whatever the CI environment says: these specs compare SQLite files.
const ENV = { MONGO_URL: '' };

/** One customer's commands: acquired, activated, transactions, answers (a falling run for every third), a complaint. */
function customerCommands(id: string, n: number): [string, unknown][] {
  const day = (d: number) => `2026-0${1 + (d % 3)}-${String(1 + (d % 27)).padStart(2, '0')}T09:00:00Z`;
  const commands: [string, unknown][] = [
    [
      '/v1/customers',
      {
        customerId: id,
        customerType: n % 2 ? 'corporate' : 'individual',
        channel: 'branch',
        assets: { amount: `${(n % 7) * 90000 + 1000}.00`, currency: 'CNY' },
        riskProfile: `C${1 + (n % 5)}`,
        occurredAt: day(0),
      },
    ],
    [`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: day(1) }],
  ];
  for (let t = 0; t < 6; t++)
    commands.push([
      `/v1/customers/${id}/transactions`,
      {
        transactionId: `${id}-t${t}`,
        amount: { amount: `${1000 * (t + 1)}.00`, currency: 'CNY' },
        productCategory: 'cards',
        revenue: { amount: '3.00', currency: 'CNY' },
        occurredAt: day(2 + t),
      },
    ]);
  const scores = n % 3 === 0 ? [5, 4, 2] : [4, 5, 4];
  scores.forEach((csat, s) =>
    commands.push([
      `/v1/customers/${id}/surveys`,
      { surveyId: `${id}-s${s}`, csat, nps: csat * 2, touchpoint: 'service', channel: s ? 'app' : 'branch', occurredAt: day(10 + s) },
    ]),
  );
  commands.push([
    `/v1/customers/${id}/complaints`,
    { complaintId: `${id}-c`, category: 'fees', severity: 'low', channel: 'branch', occurredAt: day(14) },
  ]);
  return commands;
}

async function drive(service: ServiceProcess, prefix: string, customers: number, concurrency = 8): Promise<void> {
  const queue = Array.from({ length: customers }, (_, n) => customerCommands(`${prefix}${n}`, n));
  const worker = async () => {
    for (let commands = queue.shift(); commands; commands = queue.shift()) {
      for (const [path, body] of commands)
        await fetch(`${service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function caughtUp(service: ServiceProcess): Promise<void> {
  await readSideCaughtUp(async () => (await (await fetch(`${service.url}/v1/projections`)).json()) as ProjectionsView);
}

async function snapshot(store: ReadModelStore): Promise<Record<string, ReadDocument[]>> {
  const result: Record<string, ReadDocument[]> = {};
  for (const { name } of projections.flatMap((p) => p.collections)) {
    const documents: ReadDocument[] = [];
    for (let after: string | undefined, first = true; first || after; first = false) {
      const page = await store.find(name, { limit: 1000, ...(after ? { after } : {}) });
      documents.push(...page.documents);
      after = page.next ?? undefined;
    }
    result[name] = documents;
  }
  return result;
}

/** The service's read models (its SQLite file) against a rebuild from scratch of its events, document for document. */
async function expectEqualToRebuild(dataDir: string): Promise<number> {
  const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const served = EmbeddedReadModelStore.open(join(dataDir, 'read-models.sqlite'));
  const scratch = EmbeddedReadModelStore.open(':memory:');
  try {
    await new Projector(events, scratch, projections, { exclusive: { names: (c) => c } }).catchUp();
    const expected = await snapshot(scratch);
    expect(await snapshot(served)).toEqual(expected);
    return Object.values(expected).flat().length;
  } finally {
    await Promise.all([events.close(), served.close(), scratch.close()]);
  }
}

describe('read models survive crashes and rebuilds (the built service)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir('read-models-crash');
  });
  afterEach(() => removeDir(dataDir));

  it('SIGKILLed while projecting, restarted: every collection equals a rebuild from scratch', async () => {
    // The service kills itself mid-batch: projection documents written, their checkpoints not.
    const first = await startServiceProcess({ DATA_DIR: dataDir, ...ENV, RAPPORT_TEST_CRASH_AFTER_DOCUMENTS: '400' });
    const writing = drive(first, 'K', 60);
    expect(await first.exited()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(first.output()).toContain(CRASH_HOOK_LINE);
    await writing.catch(() => undefined);

    const second = await startServiceProcess({ DATA_DIR: dataDir, ...ENV });
    await drive(second, 'L', 5);
    await caughtUp(second);
    await second.kill('SIGTERM');
    expect(await expectEqualToRebuild(dataDir)).toBeGreaterThan(50);
  });

  it('a CLI rebuild in two processes while commands keep arriving misses nothing: after the swaps the service goes on from them', async () => {
    const service = await startServiceProcess({ DATA_DIR: dataDir, ...ENV });
    await drive(service, 'R', 20);
    let isWriting = true;
    const writer = (async () => {
      for (let round = 0; isWriting; round++) await drive(service, `W${round}-`, 2, 2);
    })();
    const cli = spawn(
      process.execPath,
      [CLI, 'projections', 'rebuild', '--processes', '2', '--batch-size', '200', '--flush-every', '400'],
      {
        env: { ...process.env, DATA_DIR: dataDir, ...ENV },
      },
    );
    let output = '';
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    isWriting = false;
    await writer;
    expect({ code, output: output.split('\n').slice(-3).join('\n') }).toMatchObject({
      code: 0,
      output: expect.stringContaining('swapped in at position'),
    });
    // One rebuild per process, each over its own projections (rebuild-groups.ts), all of them between the two.
    const swapped = output.split('\n').filter((line) => line.includes('swapped in at position'));
    expect(swapped).toHaveLength(2);
    const rebuilt = swapped.flatMap((line) => (/: ([a-z, -]+): \d+ events/.exec(line)?.[1] ?? '').split(', '));
    expect(rebuilt.sort()).toEqual([...PROJECTION_NAMES].sort());
    await caughtUp(service);
    await service.kill('SIGTERM');
    expect(await expectEqualToRebuild(dataDir)).toBeGreaterThan(50);
  });
});
