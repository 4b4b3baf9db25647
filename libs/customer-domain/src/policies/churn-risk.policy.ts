/**
 * Churn-risk score (issue #12): a number from 0 to 100 with the signals that made it, so an
 * advisor sees why a customer is on the worklist. Pure: the caller measures the signals "as of"
 * an instant it chooses, which is how dormancy keeps rising while no event arrives.
 */
export interface ChurnRiskSignals {
  /** Whole days since the last transaction; null when the customer never transacted. */
  readonly daysSinceLastTransaction: number | null;
  /** The latest CSAT answers fall strictly (satisfaction.policy.ts isFallingRun). */
  readonly isSatisfactionFalling: boolean;
  readonly openComplaints: number;
  /** Open complaints past their due date (a subset of the open ones). */
  readonly overdueComplaints: number;
  /** Percentage by which the last profile update lowered assets (40 for 100k → 60k); 0 when they did not fall. */
  readonly assetDropPercent: number;
  /** NPS answers of a detractor within the configured window. */
  readonly recentDetractorAnswers: number;
}

export type ChurnRiskSignal =
  'dormancy' | 'falling-satisfaction' | 'open-complaints' | 'overdue-complaints' | 'asset-drop' | 'nps-detractor';

export interface ChurnRiskReason {
  readonly signal: ChurnRiskSignal;
  /** The measured value: days, answers, complaints or percent. */
  readonly value: number;
  readonly points: number;
}

export interface ChurnRisk {
  readonly score: number;
  readonly reasons: readonly ChurnRiskReason[];
}

export interface ChurnRiskConfig {
  /** Dormancy earns nothing before `fromDays`, then rises in a straight line to `weight` at `fullAtDays`. */
  readonly dormancy: { readonly fromDays: number; readonly fullAtDays: number; readonly weight: number };
  readonly fallingSatisfaction: { readonly weight: number };
  readonly openComplaint: { readonly pointsEach: number; readonly cap: number };
  readonly overdueComplaint: { readonly pointsEach: number; readonly cap: number };
  /** A drop of at least `fromPercent` earns `weight`. */
  readonly assetDrop: { readonly fromPercent: number; readonly weight: number };
  /** Detractor answers counted over the trailing `windowDays`. */
  readonly npsDetractor: { readonly windowDays: number; readonly pointsEach: number; readonly cap: number };
  /** A customer scoring at least this is at risk (worklist, threshold-crossing signals). */
  readonly atRiskFromScore: number;
}

/** Defaults: dormancy alone (180 days) or falling satisfaction with one overdue complaint reach "at risk". */
export const defaultChurnRiskConfig: ChurnRiskConfig = {
  dormancy: { fromDays: 60, fullAtDays: 180, weight: 50 },
  fallingSatisfaction: { weight: 30 },
  openComplaint: { pointsEach: 5, cap: 10 },
  overdueComplaint: { pointsEach: 20, cap: 40 },
  assetDrop: { fromPercent: 30, weight: 25 },
  npsDetractor: { windowDays: 180, pointsEach: 10, cap: 20 },
  atRiskFromScore: 50,
};

const MAX_SCORE = 100;

/** The score (0–100, whole points) and its reasons, largest contribution first. */
export function churnRisk(signals: ChurnRiskSignals, config: ChurnRiskConfig = defaultChurnRiskConfig): ChurnRisk {
  const reasons = [
    dormancyReason(signals.daysSinceLastTransaction, config.dormancy),
    signals.isSatisfactionFalling ? { signal: 'falling-satisfaction' as const, value: 1, points: config.fallingSatisfaction.weight } : null,
    countedReason('open-complaints', signals.openComplaints, config.openComplaint),
    countedReason('overdue-complaints', signals.overdueComplaints, config.overdueComplaint),
    signals.assetDropPercent >= config.assetDrop.fromPercent
      ? { signal: 'asset-drop' as const, value: signals.assetDropPercent, points: config.assetDrop.weight }
      : null,
    countedReason('nps-detractor', signals.recentDetractorAnswers, config.npsDetractor),
  ]
    .filter((reason): reason is ChurnRiskReason => reason !== null && reason.points > 0)
    .sort((a, b) => b.points - a.points);
  const score = Math.min(
    MAX_SCORE,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );
  return { score, reasons };
}

export function isAtRisk(risk: ChurnRisk, config: ChurnRiskConfig = defaultChurnRiskConfig): boolean {
  return risk.score >= config.atRiskFromScore;
}

/** Percentage fall from `before` to `after` in whole percent, 0 when assets held or rose (money in minor units). */
export function assetDropPercent(beforeMinor: bigint, afterMinor: bigint): number {
  if (beforeMinor <= 0n || afterMinor >= beforeMinor) return 0;
  return Number(((beforeMinor - afterMinor) * 100n) / beforeMinor);
}

function dormancyReason(days: number | null, rule: ChurnRiskConfig['dormancy']): ChurnRiskReason | null {
  if (days === null || days < rule.fromDays) return null;
  const share = Math.min(1, (days - rule.fromDays) / (rule.fullAtDays - rule.fromDays));
  return { signal: 'dormancy', value: days, points: Math.round(share * rule.weight) };
}

function countedReason(
  signal: ChurnRiskSignal,
  count: number,
  rule: { readonly pointsEach: number; readonly cap: number },
): ChurnRiskReason | null {
  return count > 0 ? { signal, value: count, points: Math.min(rule.cap, count * rule.pointsEach) } : null;
}

/**
 * What is wrong with a churn-risk configuration (for the policy file loaded at start), one
 * message per field; empty when it is usable.
 */
export function churnRiskConfigProblems(config: ChurnRiskConfig): readonly string[] {
  const problems: string[] = [];
  const check = (field: string, value: number, isValid: boolean) => {
    if (!Number.isFinite(value) || !isValid) problems.push(`churnRisk.${field} is out of range: ${value}`);
  };
  const { dormancy, fallingSatisfaction, openComplaint, overdueComplaint, assetDrop, npsDetractor } = config;
  check('dormancy.fromDays', dormancy.fromDays, dormancy.fromDays >= 0);
  check('dormancy.fullAtDays', dormancy.fullAtDays, dormancy.fullAtDays > dormancy.fromDays);
  check('dormancy.weight', dormancy.weight, inPoints(dormancy.weight));
  check('fallingSatisfaction.weight', fallingSatisfaction.weight, inPoints(fallingSatisfaction.weight));
  for (const [name, rule] of [
    ['openComplaint', openComplaint],
    ['overdueComplaint', overdueComplaint],
    ['npsDetractor', npsDetractor],
  ] as const) {
    check(`${name}.pointsEach`, rule.pointsEach, inPoints(rule.pointsEach));
    check(`${name}.cap`, rule.cap, inPoints(rule.cap));
  }
  check('assetDrop.fromPercent', assetDrop.fromPercent, assetDrop.fromPercent > 0 && assetDrop.fromPercent <= 100);
  check('assetDrop.weight', assetDrop.weight, inPoints(assetDrop.weight));
  check('npsDetractor.windowDays', npsDetractor.windowDays, npsDetractor.windowDays > 0);
  check('atRiskFromScore', config.atRiskFromScore, config.atRiskFromScore > 0 && config.atRiskFromScore <= MAX_SCORE);
  return problems;
}

function inPoints(value: number): boolean {
  return value >= 0 && value <= MAX_SCORE;
}
