import type { BenchReport } from './model';
import { appendSection, auditSection, externalSection, httpSection, privacySection, targetsSection, unavailableSection } from './sections';

/** The whole report as markdown: what `npm run bench` prints and writes to bench/results/latest.md. */
export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const load = `load average ${machine.loadAverage.start}${machine.loadAverage.end === undefined ? '' : ` → ${machine.loadAverage.end}`}`;
  const header = [
    `# Rapport benchmark, ${report.date}${report.mode === 'quick' ? ' (QUICK smoke run: small workload, not comparable)' : ''}`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3 ${machine.betterSqlite3}); ${load}; ${Math.round(report.durationSeconds)} s.`,
    'Each figure is the median of 3 measured runs after a warm-up; every run is in latest.json. Figures from a machine busy with other work (load average well above 0) are lower and noisier.',
  ].join('\n');
  const ingestion = Object.fromEntries(Object.entries(report.external).filter(([key]) => key.startsWith('ingestion')));
  const signals = Object.fromEntries(Object.entries(report.external).filter(([key]) => key.startsWith('signals')));
  const rebuild = Object.fromEntries(Object.entries(report.external).filter(([key]) => key.startsWith('rebuild')));
  const consoleBench = Object.fromEntries(Object.entries(report.external).filter(([key]) => key.startsWith('console')));
  return (
    [
      header,
      appendSection(report),
      httpSection(report),
      externalSection(`4. Ingestion${report.withServices ? '' : ' (needs --services)'}`, ingestion),
      externalSection(`4b. Outbound signals, appended → on the topic${report.withServices ? '' : ' (needs --services)'}`, signals),
      externalSection('5. Rebuild', rebuild),
      externalSection('5b. Console overview in headless Chromium (navigation to tiles and charts drawn; bundle size)', consoleBench),
      auditSection(report),
      privacySection(report),
      targetsSection(report),
      unavailableSection(report),
    ]
      .filter(Boolean)
      .join('\n\n') + '\n'
  );
}
