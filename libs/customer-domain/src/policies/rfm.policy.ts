import { toMinorUnits } from '@rapport/kernel';

export type RfmScore = 1 | 2 | 3 | 4 | 5;

/** Four thresholds, for scores 2, 3, 4 and 5 in that order; meeting none scores 1. */
export type ScoreThresholds<T> = readonly [T, T, T, T];

export interface RfmConfig {
  /** Most days since the last transaction for each score (so these fall as the score rises). */
  readonly recencyMaxDays: ScoreThresholds<number>;
  readonly frequencyFrom: ScoreThresholds<number>;
  /** Revenue to the institution over 12 months, decimal strings in `monetaryCurrency`. */
  readonly monetaryFrom: ScoreThresholds<string>;
  readonly monetaryCurrency: string;
}

/** design.md §2 names RFM 1–5 but no tables; these defaults are ours and configurable. */
export const defaultRfmConfig: RfmConfig = {
  recencyMaxDays: [365, 180, 90, 30],
  frequencyFrom: [2, 6, 12, 24],
  monetaryFrom: ['500.00', '2000.00', '10000.00', '50000.00'],
  monetaryCurrency: 'CNY',
};

export interface RfmInputs {
  /** null when the customer never transacted. */
  readonly daysSinceLastTransaction: number | null;
  readonly transactionsIn12Months: number;
  /** Minor units of `monetaryCurrency` (fen for CNY). */
  readonly revenueIn12MonthsMinor: bigint;
}

export interface RfmScores {
  readonly recency: RfmScore;
  readonly frequency: RfmScore;
  readonly monetary: RfmScore;
}

const SCORE_BY_THRESHOLDS_MET: readonly [RfmScore, RfmScore, RfmScore, RfmScore, RfmScore] = [1, 2, 3, 4, 5];

function scoreFor<T>(thresholds: ScoreThresholds<T>, isMet: (threshold: T) => boolean): RfmScore {
  return SCORE_BY_THRESHOLDS_MET[thresholds.filter(isMet).length];
}

/** Recency, frequency and monetary scores, each 1–5, from the threshold tables in config. */
export function rfmScores(inputs: RfmInputs, config: { readonly rfm: RfmConfig }): RfmScores {
  const { rfm } = config;
  const days = inputs.daysSinceLastTransaction;
  const toMinor = (amount: string): bigint => toMinorUnits({ amount, currency: rfm.monetaryCurrency });
  return {
    recency: days === null ? 1 : scoreFor(rfm.recencyMaxDays, (maxDays) => days <= maxDays),
    frequency: scoreFor(rfm.frequencyFrom, (from) => inputs.transactionsIn12Months >= from),
    monetary: scoreFor(rfm.monetaryFrom, (from) => inputs.revenueIn12MonthsMinor >= toMinor(from)),
  };
}
