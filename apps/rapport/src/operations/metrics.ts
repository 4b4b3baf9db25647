import { Injectable } from '@nestjs/common';

type Labels = Readonly<Record<string, string>>;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Counters and latency histograms in the Prometheus text format, without a client library. */
@Injectable()
export class Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly histograms = new Map<string, Map<string, number[]>>();
  private readonly gauges = new Map<string, Map<string, number>>();
  private readonly help = new Map<string, string>();

  count(name: string, help: string, labels: Labels, by = 1): void {
    this.help.set(name, help);
    const series = this.series(this.counters, name);
    const key = labelText(labels);
    series.set(key, (series.get(key) ?? 0) + by);
  }

  /** A value that goes up and down (projection positions and lag), replaced on each call. */
  gauge(name: string, help: string, labels: Labels, value: number): void {
    this.help.set(name, help);
    this.series(this.gauges, name).set(labelText(labels), value);
  }

  observeSeconds(name: string, help: string, labels: Labels, seconds: number): void {
    this.help.set(name, help);
    const series = this.series(this.histograms, name);
    const key = labelText(labels);
    const state = series.get(key) ?? new Array<number>(LATENCY_BUCKETS.length + 2).fill(0);
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) state[i] = (state[i] ?? 0) + 1;
    });
    state[LATENCY_BUCKETS.length] = (state[LATENCY_BUCKETS.length] ?? 0) + 1;
    state[LATENCY_BUCKETS.length + 1] = (state[LATENCY_BUCKETS.length + 1] ?? 0) + seconds;
    series.set(key, state);
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${this.help.get(name)}`, `# TYPE ${name} counter`);
      for (const [labels, value] of series) lines.push(`${name}${wrap(labels)} ${value}`);
    }
    for (const [name, series] of this.gauges) {
      lines.push(`# HELP ${name} ${this.help.get(name)}`, `# TYPE ${name} gauge`);
      for (const [labels, value] of series) lines.push(`${name}${wrap(labels)} ${value}`);
    }
    for (const [name, series] of this.histograms) {
      lines.push(`# HELP ${name} ${this.help.get(name)}`, `# TYPE ${name} histogram`);
      for (const [labels, state] of series) lines.push(...histogramLines(name, labels, state));
    }
    return `${lines.join('\n')}\n`;
  }

  private series<V>(table: Map<string, Map<string, V>>, name: string): Map<string, V> {
    const found = table.get(name) ?? new Map<string, V>();
    table.set(name, found);
    return found;
  }
}

function histogramLines(name: string, labels: string, state: readonly number[]): string[] {
  const withLe = (le: string) => wrap(labels ? `${labels},le="${le}"` : `le="${le}"`);
  const count = state[LATENCY_BUCKETS.length] ?? 0;
  return [
    ...LATENCY_BUCKETS.map((bound, i) => `${name}_bucket${withLe(String(bound))} ${state[i] ?? 0}`),
    `${name}_bucket${withLe('+Inf')} ${count}`,
    `${name}_sum${wrap(labels)} ${state[LATENCY_BUCKETS.length + 1] ?? 0}`,
    `${name}_count${wrap(labels)} ${count}`,
  ];
}

function labelText(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

function wrap(labels: string): string {
  return labels ? `{${labels}}` : '';
}
