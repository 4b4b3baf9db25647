import type { DomainConfig } from '../customer.config';
import { churnRiskConfigProblems, defaultChurnRiskConfig, type ChurnRiskConfig } from './churn-risk.policy';
import { complaintClockConfigErrors, defaultComplaintClockConfig, type ComplaintClockConfig } from './complaint-clock.policy';
import { defaultLoyaltyConfig, type LoyaltyConfig } from './loyalty.policy';
import { defaultSegmentationConfig, type SegmentationConfig } from './segmentation.policy';

/** Every configurable policy, under the version an operator gave them (issue #12: recorded on each event). */
export interface PolicySet {
  readonly version: string;
  readonly churnRisk: ChurnRiskConfig;
  readonly complaintClock: ComplaintClockConfig;
  readonly loyalty: LoyaltyConfig;
  readonly segmentation: SegmentationConfig;
}

export const defaultPolicySet: PolicySet = {
  version: 'default',
  churnRisk: defaultChurnRiskConfig,
  complaintClock: defaultComplaintClockConfig,
  loyalty: defaultLoyaltyConfig,
  segmentation: defaultSegmentationConfig,
};

export type PolicySetReading = { readonly policy: PolicySet } | { readonly problems: readonly string[] };

/** Settings whose keys are data (a currency each), not names: every entry takes the shape of the default's first one. */
const KEYED_BY_DATA = new Set(['segmentation.valueTiers']);

/**
 * A policy document (`{ version, churnRisk?, complaintClock?, loyalty?, segmentation? }`) merged over
 * the defaults, or every problem found, each naming its field. Unknown keys and values of another
 * type than the default's are refused, so a misspelt setting cannot silently fall back to its default.
 */
export function readPolicySet(document: unknown): PolicySetReading {
  if (!isPlainObject(document)) return { problems: ['the document must be a JSON object'] };
  const problems: string[] = [];
  const { version, ...sections } = document;
  if (typeof version !== 'string' || version.trim() === '') problems.push('version must be a non-empty string');
  const { version: _defaultVersion, ...defaultSections } = defaultPolicySet;
  const merged = mergeOver(defaultSections, sections, '', problems) as Omit<PolicySet, 'version'>;
  if (problems.length > 0) return { problems };
  problems.push(...churnRiskConfigProblems(merged.churnRisk));
  problems.push(...complaintClockConfigErrors(merged.complaintClock).map((error) => `complaintClock.${error}`));
  if (problems.length > 0) return { problems };
  return { policy: { version: version as string, ...merged } };
}

/** The decider's settings under a policy set. */
export function domainConfigOf(policy: PolicySet): DomainConfig {
  return { loyalty: policy.loyalty, complaints: policy.complaintClock, churnRisk: policy.churnRisk };
}

function mergeOver(fallback: unknown, value: unknown, path: string, problems: string[]): unknown {
  if (Array.isArray(fallback)) {
    if (Array.isArray(value)) return value;
    problems.push(`${path} must be an array`);
    return fallback;
  }
  if (isPlainObject(fallback)) {
    if (!isPlainObject(value)) {
      problems.push(`${path} must be an object`);
      return fallback;
    }
    const entryShape = KEYED_BY_DATA.has(path) ? Object.values(fallback)[0] : undefined;
    const merged: Record<string, unknown> = entryShape === undefined ? { ...fallback } : {};
    for (const [key, entry] of Object.entries(value)) {
      const field = path === '' ? key : `${path}.${key}`;
      const shape = entryShape ?? fallback[key];
      if (shape === undefined) problems.push(`${field} is not a known setting`);
      else merged[key] = entryShape === undefined ? mergeOver(shape, entry, field, problems) : requireWhole(shape, entry, field, problems);
    }
    return merged;
  }
  if (typeof value !== typeof fallback) problems.push(`${path} must be a ${typeof fallback}`);
  return value;
}

/** An entry keyed by data replaces no default, so every one of its settings must be given. */
function requireWhole(shape: unknown, entry: unknown, field: string, problems: string[]): unknown {
  if (isPlainObject(shape) && isPlainObject(entry)) {
    for (const key of Object.keys(shape)) if (!(key in entry)) problems.push(`${field}.${key} is missing`);
  }
  return mergeOver(shape, entry, field, problems);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
