import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@rapport/event-store';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { asStructuredLine } from '../../libs/ingestion/contract/cloud-event-encoding';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'rapport-cli', 'src', 'main.js');

describe('rapport import <file.ndjson> (the built CLI)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir('import');
  });
  afterEach(() => removeDir(dataDir));

  it('imports the Kafka contract from a file: good lines appended, each bad line named in the reject file, exit code 2', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    // The Kafka test traffic (binary-mode records turned into structured JSON), one event per line.
    const planned = mixedTraffic({ messages: 600, seed: 5, runId: 'imp' }).filter(
      (message) => message.expected !== 'unreadable' && !message.fields?.includes('key'),
    );
    const file = join(dataDir, 'events.ndjson');
    writeFileSync(file, `${planned.map((message) => asStructuredLine(message) ?? '').join('\n')}\nnot json at all\n`);

    const run = spawnSync(process.execPath, [CLI, 'import', file], {
      env: { ...process.env, DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' },
      encoding: 'utf8',
    });

    expect(run.status).toBe(2);
    const count = (fate: string) => planned.filter((message) => message.expected === fate).length;
    // The report is the last stdout line; Nest may log warnings before it.
    const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as {
      lines: number;
      appended: number;
      duplicates: number;
      rejected: Record<string, number>;
    };
    expect(report).toEqual(
      expect.objectContaining({ lines: planned.length + 1, appended: count('appended'), duplicates: count('duplicate') }),
    );
    expect(report.rejected).toEqual({ invalid: count('invalid'), rejected: count('rejected'), unreadable: 1 });

    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; reason: string });
    const expectedRejects = planned.flatMap((message, index) =>
      ['invalid', 'rejected'].includes(message.expected) ? [{ line: index + 1, reason: message.expected }] : [],
    );
    expect(rejects.map(({ line, reason }) => ({ line, reason }))).toEqual([
      ...expectedRejects,
      { line: planned.length + 1, reason: 'unreadable' },
    ]);

    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      const events = await store.readAll({ maxCount: 100_000 });
      expect(events.map((event) => event.metadata.sourceMessage).sort()).toEqual(
        planned
          .filter((m) => m.expected === 'appended')
          .map((m) => m.sourceMessage)
          .sort(),
      );
    } finally {
      await store.close();
    }
  });
});
