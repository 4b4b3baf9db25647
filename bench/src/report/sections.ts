import type { BenchReport, ExternalOutcome, Outcome } from './model';
import { median } from './model';
import { ms, rate, ratio, table } from './format';

type Row = readonly [label: string, key: (sync: string) => string, figure: string];

const APPEND_ROWS: readonly Row[] = [
  ['Rapport: command bus, 1 in flight (commands/s)', (s) => `append.${s}.1`, 'commandsPerSecond'],
  ['Rapport: command bus, 64 in flight (commands/s)', (s) => `append.${s}.64`, 'commandsPerSecond'],
  ['Rapport SQLite adapter alone, 1 in flight', (s) => `store.${s}.1`, 'eventsPerSecond'],
  ['Rapport SQLite adapter alone, 64 in flight (group commit)', (s) => `store.${s}.64`, 'eventsPerSecond'],
  ['raw better-sqlite3, 1 event per transaction', (s) => `raw.${s}.1`, 'eventsPerSecond'],
  ['raw better-sqlite3, 100 events per transaction', (s) => `raw.${s}.100`, 'eventsPerSecond'],
  ['raw better-sqlite3, 1,000 events per transaction', (s) => `raw.${s}.1000`, 'eventsPerSecond'],
  ['Emmett SQLite, 1 event per call, shared connection', (s) => `emmett.shared.${s}`, 'eventsPerSecond'],
];
const SYNCS = ['FULL', 'NORMAL'] as const;

export function appendSection(report: BenchReport): string {
  const m = (key: string, figure: string) => median(report.outcomes, key, figure);
  const rows = APPEND_ROWS.map(([label, key, figure]) => [label, ...SYNCS.map((sync) => rate(m(key(sync), figure)))]);
  rows.push(['Emmett SQLite, 1 event per call, its default (a connection per call)', rate(m('emmett.default', 'eventsPerSecond')), '—']);
  const ratios = [
    [
      'Rapport 1 in flight / raw 1 event per transaction',
      (s: string) => ratio(m(`append.${s}.1`, 'commandsPerSecond'), m(`raw.${s}.1`, 'eventsPerSecond')),
    ],
    [
      'Rapport 1 in flight / Emmett shared connection',
      (s: string) => ratio(m(`append.${s}.1`, 'commandsPerSecond'), m(`emmett.shared.${s}`, 'eventsPerSecond')),
    ],
    [
      'Rapport 1 in flight / Emmett default',
      (s: string) => (s === 'FULL' ? ratio(m(`append.${s}.1`, 'commandsPerSecond'), m('emmett.default', 'eventsPerSecond')) : '—'),
    ],
    [
      'Rapport 64 in flight / raw 1,000 events per transaction',
      (s: string) => ratio(m(`append.${s}.64`, 'commandsPerSecond'), m(`raw.${s}.1000`, 'eventsPerSecond')),
    ],
    [
      'Rapport 64 in flight / Emmett shared connection',
      (s: string) => ratio(m(`append.${s}.64`, 'commandsPerSecond'), m(`emmett.shared.${s}`, 'eventsPerSecond')),
    ],
  ] as const;
  for (const [label, compute] of ratios) rows.push([label, ...SYNCS.map(compute)]);
  const append = report.outcomes['append.FULL.1'];
  const customers = append?.status === 'measured' ? Number(append.result.params.customers).toLocaleString('en-US') : 'the';
  return [
    '## 1–2. Append path beside the raw limit and Emmett (events/s unless noted)',
    `Same workload everywhere: the demo generator's customer lives over ${customers} customers; every store first holds the same seed history, then appends the same steady traffic (about one event per command).`,
    '',
    table(['measurement', 'synchronous FULL (default)', 'synchronous NORMAL'], rows, [1, 2]),
  ].join('\n');
}

export function httpSection(report: BenchReport): string {
  const outcome = report.outcomes.http;
  if (outcome?.status !== 'measured') return `## 3. HTTP\n\nnot available: ${reasonOf(outcome)}`;
  const figures = outcome.result.figures;
  const keys = [...new Set(Object.keys(figures).map((key) => key.slice(0, key.lastIndexOf('.'))))];
  const rows = keys.map((key) => {
    const [kindAndName = key, load = ''] = key.split('@');
    const get = (suffix: string) => figures[`${key}.${suffix}`]?.median;
    return [
      kindAndName.replace(':', ': '),
      load === 'max' ? 'closed loop, 16 in flight' : `${load} req/s`,
      rate(get('throughput')),
      ms(get('p50')),
      ms(get('p99')),
      rate(get('errors')),
    ];
  });
  return [
    `## 3. HTTP (real app on the embedded stores, synchronous ${String(outcome.result.params.synchronous)}, ${String(outcome.result.params.customers)} active customers)`,
    'Fixed rates are open-loop (a request every 1/rate s, latency from its scheduled instant); "closed loop" is autocannon with 16 requests outstanding, the throughput ceiling. Audit queries also append their access-log entry.',
    '',
    table(['endpoint', 'load', 'throughput (responses/s)', 'p50 ms', 'p99 ms', 'errors'], rows, [2, 3, 4, 5]),
    ...notesOf(outcome),
  ].join('\n');
}

export function auditSection(report: BenchReport): string {
  const outcome = report.outcomes.audit;
  if (outcome?.status !== 'measured') return `## 6. Audit\n\nnot available: ${reasonOf(outcome)}`;
  const f = outcome.result.figures;
  const cell = (name: string, size: number) => `${ms(f[`${name}.${size}.p50`]?.median)} / ${ms(f[`${name}.${size}.p99`]?.median)}`;
  const rows = [1_000, 10_000].map((size) => [
    size.toLocaleString('en-US'),
    cell('history', size),
    cell('stateAsOfCold', size),
    cell('stateAsOf', size),
    cell('stateAsOfPast', size),
    cell('rawRead', size),
    cell('rawReadAndParse', size),
  ]);
  const headers = [
    'events in the stream',
    'history read',
    'fold as of now, cold',
    'fold as of now, warm',
    'fold as of mid-history, warm',
    'raw better-sqlite3 read',
    'raw read + JSON.parse',
  ];
  return [
    "## 6. Audit: one customer's history (p50 / p99 ms)",
    '',
    'Through the AuditService, each call also appending its access-log entry. The fold keeps snapshots between calls: "cold" drops them before each call (the first question about a customer: the whole stream read and folded); "warm" starts from the newest snapshot within the instant once a digest of the stored bytes up to it (read undecoded) shows nothing before it was altered, and reads and folds only the events after it.',
    '',
    table(headers, rows, [1, 2, 3, 4, 5, 6]),
  ].join('\n');
}

export function privacySection(report: BenchReport): string {
  const outcome = report.outcomes.privacy;
  if (outcome?.status !== 'measured') return `## 7. Privacy: sealing and anchoring\n\nnot available: ${reasonOf(outcome)}`;
  const f = outcome.result.figures;
  const plain = f['append.plain']?.median;
  const against = (key: string) =>
    plain === undefined || f[key] === undefined ? 'n/a' : `${((f[key].median / plain - 1) * 100).toFixed(0)} %`;
  const rows = [
    ['free text as it arrives (before sealing)', rate(plain), ''],
    ['free text sealed under the customer key', rate(f['append.sealed']?.median), against('append.sealed')],
    [
      `sealed, and an anchor every ${outcome.result.params.anchorEveryMs} ms`,
      rate(f['append.sealed+anchoring']?.median),
      against('append.sealed+anchoring'),
    ],
  ];
  return [
    '## 7. Privacy: sealing and anchoring (issue 14)',
    '',
    `Churn and reactivation commands, each with a free-text reason, through the write loop (${outcome.result.params.inFlight} in flight, ${outcome.result.params.synchronous}).`,
    '',
    table(['append path', 'commands/s', 'against before'], rows, [1, 2]),
    '',
    `One anchor over the whole store: ${ms(f['anchor.whole-store']?.median)} ms; over one run of commands: ${ms(f['anchor.one-run']?.median)} ms.`,
    ...notesOf(outcome),
  ].join('\n');
}

export function externalSection(title: string, outcomes: Readonly<Record<string, ExternalOutcome>>): string {
  const entries = Object.entries(outcomes);
  if (entries.length === 0) return `## ${title}\n\nnot run (left out with --only)`;
  const rows = entries.flatMap(([name, outcome]) =>
    outcome.status === 'measured'
      ? outcome.figures.map((figure) => [
          name,
          figure.label,
          Number.isInteger(figure.value) || figure.value > 100 ? rate(figure.value) : figure.value.toFixed(3),
        ])
      : [[name, 'not available', outcome.reason.replace(/\|/g, '/')]],
  );
  return [`## ${title}`, '', table(['bench', 'figure', 'value'], rows, [2])].join('\n');
}

export function targetsSection(report: BenchReport): string {
  const rows = report.targets.map((check) => [check.target, check.measured, check.verdict === 'met' ? '**met**' : check.verdict]);
  return ['## Targets (issues 7 and 16)', '', table(['target', 'this run', 'verdict'], rows)].join('\n');
}

export function unavailableSection(report: BenchReport): string {
  const lines = new Set<string>();
  for (const [key, outcome] of Object.entries(report.outcomes)) {
    if (outcome.status === 'not-available') lines.add(`- ${key}: not available, ${outcome.reason}`);
    else if (key !== 'http') for (const note of outcome.result.notes ?? []) lines.add(`- ${key.split('.')[0]}: ${note}`);
  }
  return lines.size === 0 ? '' : ['## Notes', '', ...lines].join('\n');
}

function reasonOf(outcome: Outcome | undefined): string {
  return outcome === undefined ? 'not run (left out with --only)' : outcome.status === 'not-available' ? outcome.reason : '';
}

function notesOf(outcome: Outcome): string[] {
  return outcome.status === 'measured' && outcome.result.notes?.length ? ['', ...outcome.result.notes.map((note) => `- ${note}`)] : [];
}
