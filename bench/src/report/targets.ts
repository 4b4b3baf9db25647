import type { ExternalOutcome, Outcome, TargetCheck } from './model';
import { median } from './model';
import { ms, rate } from './format';

/** The targets of issues 7 and 16, each against the figures of this run, at the synchronous level named. */
export function checkTargets(
  outcomes: Readonly<Record<string, Outcome>>,
  external: Readonly<Record<string, ExternalOutcome>>,
): TargetCheck[] {
  const m = (key: string, figure: string) => median(outcomes, key, figure);
  const checks: TargetCheck[] = [];
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const one = m(`append.${sync}.1`, 'commandsPerSecond');
    const many = m(`append.${sync}.64`, 'commandsPerSecond');
    const rawOne = m(`raw.${sync}.1`, 'eventsPerSecond');
    const rawBatch = m(`raw.${sync}.1000`, 'eventsPerSecond');
    const emmett = m(`emmett.shared.${sync}`, 'eventsPerSecond');
    const label = sync === 'FULL' ? 'FULL, the default' : 'NORMAL';
    checks.push(atLeast(`append, 1 in flight ≥ ½ raw 1-event transactions (${label})`, one, rawOne, 0.5, rate));
    checks.push(atLeast(`append, 1 in flight ≥ 5× Emmett 1-event append, shared connection (${label})`, one, emmett, 5, rate));
    checks.push(atLeast(`append, 64 in flight ≥ 40% raw 1,000-event transactions (${label})`, many, rawBatch, 0.4, rate));
  }
  const raw = m('audit', 'rawRead.10000.p99');
  checks.push(
    atMost(
      'audit state-as-of fold of 10,000 events, cold (whole stream), p99 ≤ 2× raw read p99',
      m('audit', 'stateAsOfCold.10000.p99'),
      raw,
      2,
      ms,
    ),
  );
  checks.push(
    atMost(
      'audit state-as-of fold of 10,000 events, warm (fold snapshots), p99 ≤ 2× raw read p99',
      m('audit', 'stateAsOf.10000.p99'),
      raw,
      2,
      ms,
    ),
  );
  checks.push(
    atMost(
      'audit state-as-of fold of 10,000 events, cold, p99 ≤ 2× raw read and JSON.parse p99 (issue 16)',
      m('audit', 'stateAsOfCold.10000.p99'),
      m('audit', 'rawReadAndParse.10000.p99'),
      2,
      ms,
    ),
  );
  checks.push(below('HTTP command p99 < 10 ms at 500 req/s (FULL)', m('http', 'command:POST transactions@500.p99'), 10));
  checks.push(below('GET state p99 < 50 ms at 500 req/s (issue 16)', m('http', 'query:GET state@500.p99'), 50));
  checks.push(below('GET history p99 < 20 ms at 500 req/s (issue 16)', m('http', 'query:GET history@500.p99'), 20));
  return [...checks, ...externalTargets(external)];
}

/** From the other engineers' JSON lines: ingestion's `ratio` (Rapport / raw kafkajs), rebuild's events per second, the console's overview time. */
function externalTargets(external: Readonly<Record<string, ExternalOutcome>>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const [name, outcome] of Object.entries(external)) {
    const figures = outcome.status === 'measured' ? outcome.figures : [];
    if (name.startsWith('ingestion')) {
      const value = figures.find((figure) => figure.label === 'ratio')?.value;
      const target = `ingestion to appended ≥ ½ raw kafkajs: ${name}`;
      checks.push(
        value === undefined
          ? { target, measured: 'n/a', verdict: 'not available' }
          : { target, measured: `${value.toFixed(2)}× raw`, verdict: value >= 0.5 ? 'met' : 'not met' },
      );
    }
    if (name.startsWith('rebuild')) {
      const value = figures.find((figure) => /events.?per.?second|eventsPerSecond/i.test(figure.label))?.value;
      const target = `rebuild of all projections ≥ 100,000 events/s: ${name}`;
      checks.push(
        value === undefined
          ? { target, measured: 'n/a', verdict: 'not available' }
          : { target, measured: `${rate(value)} events/s`, verdict: value >= 100_000 ? 'met' : 'not met' },
      );
    }
    if (name.startsWith('console')) {
      const value = figures.find((figure) => figure.label === 'overviewMedianMs')?.value;
      const target = `console overview tiles and charts drawn < 1 s after navigation: ${name}`;
      checks.push(
        value === undefined
          ? { target, measured: 'n/a', verdict: 'not available' }
          : { target, measured: `${ms(value)} ms (median)`, verdict: value < 1_000 ? 'met' : 'not met' },
      );
    }
  }
  return checks;
}

function below(target: string, p99: number | undefined, limitMs: number): TargetCheck {
  if (p99 === undefined) return { target, measured: 'n/a', verdict: 'not available' };
  return { target, measured: `${ms(p99)} ms`, verdict: p99 < limitMs ? 'met' : 'not met' };
}

function atLeast(
  target: string,
  value: number | undefined,
  reference: number | undefined,
  factor: number,
  show: (n: number) => string,
): TargetCheck {
  if (value === undefined || reference === undefined) return { target, measured: 'n/a', verdict: 'not available' };
  const measured = `${show(value)} vs ${show(reference * factor)} needed (${(value / reference).toFixed(2)}× the reference)`;
  return { target, measured, verdict: value >= reference * factor ? 'met' : 'not met' };
}

function atMost(
  target: string,
  value: number | undefined,
  reference: number | undefined,
  factor: number,
  show: (n: number) => string,
): TargetCheck {
  if (value === undefined || reference === undefined) return { target, measured: 'n/a', verdict: 'not available' };
  const measured = `${show(value)} ms vs ${show(reference * factor)} ms allowed (${(value / reference).toFixed(1)}× the reference)`;
  return { target, measured, verdict: value <= reference * factor ? 'met' : 'not met' };
}
