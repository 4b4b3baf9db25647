import { percentOrNull } from './rounding';

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export interface SatisfactionConfig {
  /** Lowest CSAT (1–5) that counts as satisfied. */
  readonly satisfiedFromCsat: number;
  /** Lowest NPS answers (0–10) for promoter and passive; below passive is a detractor. */
  readonly promoterFromNps: number;
  readonly passiveFromNps: number;
}

/** Defaults from design.md §2 (Satisfaction): satisfied 4–5, promoters 9–10, detractors 0–6. */
export const defaultSatisfactionConfig: SatisfactionConfig = {
  satisfiedFromCsat: 4,
  promoterFromNps: 9,
  passiveFromNps: 7,
};

/** The retention early warning looks at this many latest CSAT answers (customer.state.ts keeps three). */
export const FALLING_RUN_LENGTH = 3;

/** A CSAT answer of 4 or 5 by default. */
export function isSatisfied(csat: number, config: SatisfactionConfig = defaultSatisfactionConfig): boolean {
  return csat >= config.satisfiedFromCsat;
}

/** Promoter 9–10, passive 7–8, detractor 0–6 by default. */
export function npsCategory(nps: number, config: SatisfactionConfig = defaultSatisfactionConfig): NpsCategory {
  if (nps >= config.promoterFromNps) return 'promoter';
  if (nps >= config.passiveFromNps) return 'passive';
  return 'detractor';
}

/** Satisfied answers / all answers × 100, 2 decimals; null when nobody answered. */
export function csatPercent(satisfied: number, responses: number): number | null {
  return percentOrNull(satisfied, responses);
}

/** % promoters − % detractors over the answers that carry an NPS, 2 decimals; null when none did. */
export function netPromoterScore(promoters: number, detractors: number, npsResponses: number): number | null {
  return percentOrNull(promoters - detractors, npsResponses);
}

/**
 * True when the last three CSAT answers (oldest first) fall strictly, e.g. 5, 4, 2.
 * Fewer than three answers never make a run; only the latest three are looked at.
 */
export function isFallingRun(latestCsatOldestFirst: readonly number[]): boolean {
  if (latestCsatOldestFirst.length < FALLING_RUN_LENGTH) return false;
  const run = latestCsatOldestFirst.slice(-FALLING_RUN_LENGTH);
  return run.every((score, index) => index === 0 || score < run[index - 1]);
}
