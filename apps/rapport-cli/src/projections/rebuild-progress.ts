import type { CatchUpProgress, RebuildPhase, RebuildReport } from '@rapport/read-models';
import { ProgressBar } from '../progress-bar';

/**
 * The rebuild's progress bar: its total is the head position when the rebuild started (on the
 * embedded store, about the number of events), its rate is events per second.
 */
export class RebuildProgress {
  private readonly bar: ProgressBar;
  private readonly startedAt = Date.now();
  private position = 0;
  private lastPhase: RebuildPhase | undefined;

  constructor(label: string, head: number) {
    this.bar = new ProgressBar(`rebuild ${label}`, head, 'positions');
  }

  update(phase: RebuildPhase, at: CatchUpProgress): void {
    const moved = Math.max(0, at.position - this.position);
    this.position = Math.max(this.position, at.position);
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(at.events / seconds) : 0;
    const note = phase === this.lastPhase ? '' : ` [${phase}]`;
    this.lastPhase = phase;
    this.bar.tick(moved, `${at.events} events, ${rate} events/s${note}`);
  }

  finish(report: RebuildReport): void {
    const seconds = report.elapsedMs / 1000;
    const rate = seconds > 0 ? Math.round(report.events / seconds) : report.events;
    this.bar.finish(
      `${report.projections.join(', ')}: ${report.events} events in ${seconds.toFixed(1)} s (${rate} events/s), swapped in at position ${report.position}`,
    );
  }
}
