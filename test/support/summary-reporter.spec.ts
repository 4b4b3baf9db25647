import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The reporter is plain JavaScript because jest loads reporters without transforming them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('./summary-reporter') as new (config: { rootDir: string; testNamePattern?: string }) => {
  onRunComplete(contexts: unknown, results: unknown): void;
};

const test = (status: string, fullName: string, ancestorTitles: string[]) => ({ status, fullName, ancestorTitles });
const RESULTS = {
  numPassedTests: 7,
  numFailedTests: 1,
  numRuntimeErrorTestSuites: 1,
  numPendingTests: 3,
  numTodoTests: 0,
  testResults: [
    {
      testFilePath: '/repo/test/e2e/kafka.e2e.spec.ts',
      testResults: [
        test('pending', 'x', ['SKIPPED Kafka ingestion: needs Kafka; set KAFKA_BROKERS (no Java)']),
        test('pending', 'y', ['SKIPPED Kafka ingestion: needs Kafka; set KAFKA_BROKERS (no Java)']),
      ],
    },
    {
      testFilePath: '/repo/libs/store.spec.ts',
      testResults: [test('passed', 'z', ['store']), test('pending', 'store rejects a duplicate id', ['store'])],
    },
  ],
};

describe('the closing lines of a test run', () => {
  let dir: string;
  let written: string;
  const write = process.stdout.write.bind(process.stdout);
  // Under `npm test` the global setup's servers are visible here too; the reporter then hands its
  // lines to the teardown instead of writing them, which is not what these cases look at.
  const servers = globalThis.rapportTestServers;
  beforeEach(() => {
    globalThis.rapportTestServers = undefined;
    dir = mkdtempSync(join(tmpdir(), 'rapport-summary-'));
    written = '';
    process.env.RAPPORT_TEST_SUMMARY_FILE = join(dir, 'summary.txt');
    process.stdout.write = ((chunk: string) => ((written += chunk), true)) as typeof process.stdout.write;
  });
  afterEach(() => {
    globalThis.rapportTestServers = servers;
    process.stdout.write = write;
    delete process.env.RAPPORT_TEST_SUMMARY_FILE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('name each suite that did not run and why, once, then the totals line last; the same lines go to the summary file', () => {
    new SummaryReporter({ rootDir: '/repo' }).onRunComplete([], RESULTS);

    expect(written.trim().split('\n')).toEqual([
      'suites that did not run:',
      '  test/e2e/kafka.e2e.spec.ts: Kafka ingestion: needs Kafka; set KAFKA_BROKERS (no Java)',
      '  libs/store.spec.ts: "store rejects a duplicate id" is marked skip or todo',
      'tests: 7 passed, 2 failed, 3 skipped',
    ]);
    expect(readFileSync(join(dir, 'summary.txt'), 'utf8')).toBe(`${written.trim()}\n`);
  });

  it('under -t, name only the suites skipped for a reason, not every test the pattern left out', () => {
    new SummaryReporter({ rootDir: '/repo', testNamePattern: 'store' }).onRunComplete([], RESULTS);

    expect(written.trim().split('\n')).toEqual([
      'suites that did not run:',
      '  test/e2e/kafka.e2e.spec.ts: Kafka ingestion: needs Kafka; set KAFKA_BROKERS (no Java)',
      'tests: 7 passed, 2 failed, 3 skipped',
    ]);
  });
});
