import type { Machine } from '../runner/machine';
import type { ScenarioResult } from '../support/scenario-result';

/** A scenario either measured, or not available with the reason; never a made-up figure. */
export type Outcome =
  { readonly status: 'measured'; readonly result: ScenarioResult } | { readonly status: 'not-available'; readonly reason: string };

/** Another engineer's bench (bench/ingestion, bench/rebuild): its JSON line as printed, and the figures read from it. */
export type ExternalOutcome =
  | {
      readonly status: 'measured';
      readonly script: string;
      readonly printed: Record<string, unknown>;
      readonly figures: readonly ExternalFigure[];
    }
  | { readonly status: 'not-available'; readonly script?: string; readonly reason: string };

export interface ExternalFigure {
  readonly label: string;
  readonly value: number;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly verdict: 'met' | 'not met' | 'not available';
}

export interface BenchReport {
  readonly date: string;
  readonly machine: Machine;
  readonly mode: 'full' | 'quick';
  readonly withServices: boolean;
  readonly durationSeconds: number;
  readonly outcomes: Readonly<Record<string, Outcome>>;
  readonly external: Readonly<Record<string, ExternalOutcome>>;
  readonly targets: readonly TargetCheck[];
}

export function median(outcomes: Readonly<Record<string, Outcome>>, key: string, figure: string): number | undefined {
  const outcome = outcomes[key];
  return outcome?.status === 'measured' ? outcome.result.figures[figure]?.median : undefined;
}
