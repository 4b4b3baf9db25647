import {
  behaviour,
  lifecycleStage,
  valueTier,
  type CustomerType,
  type LifecycleFacts,
  type RiskProfile,
  type SegmentationConfig,
  type SegmentDimensions,
  type ValueTier,
} from '@rapport/customer-domain';
import { utcDayOf, type Instant, type Money } from '@rapport/kernel';
import { transactionsInTrailingDays, withDailyTransaction, type DailyCounts } from './activity';
import type { ProjectedEvent } from './projected-event';

/**
 * What a customer's segment is derived from. Behaviour and lifecycle stage depend on the instant
 * they are judged at, so they are not stored: `segmentAt` works them out for any instant from these
 * facts (the query's "now", or a survey's occurredAt). Always built by `segmentFacts`, with every
 * field present, so that all such objects share one shape (a rebuild copies millions of them).
 */
export interface SegmentFacts {
  readonly status: 'acquired' | 'active' | 'churned';
  readonly customerType: CustomerType;
  readonly valueTier: ValueTier;
  readonly riskProfile: RiskProfile;
  readonly activatedAt: string | null;
  readonly lastTransactionAt: string | null;
  /** Transactions per UTC day over the behaviour window (design.md §2: trailing 90 days). */
  readonly recentTransactionDays: DailyCounts;
}

export function segmentFacts(f: SegmentFacts): SegmentFacts {
  return {
    status: f.status,
    customerType: f.customerType,
    valueTier: f.valueTier,
    riskProfile: f.riskProfile,
    activatedAt: f.activatedAt,
    lastTransactionAt: f.lastTransactionAt,
    recentTransactionDays: f.recentTransactionDays,
  };
}

interface Evolution {
  readonly event: ProjectedEvent;
  readonly before: SegmentFacts | null;
  readonly config: SegmentationConfig;
  readonly after: SegmentFacts | null;
}

const FACT_EVENTS: ReadonlySet<string> = new Set([
  'CustomerAcquired',
  'CustomerActivated',
  'CustomerProfileUpdated',
  'TransactionRecorded',
  'CustomerChurned',
  'CustomerReactivated',
]);
/**
 * Three projections (customer summary, segments, satisfaction) evolve equal facts with the same
 * event: the first works the new facts out, the others get that same object back (doing it three
 * times was a tenth of a rebuild, bench/rebuild). Documents never change facts in place.
 * Keyed by position (a WeakMap keyed by the event cost more than it saved); the entry must name
 * the very event. Dropped whole now and then: the projections of a batch run one after another.
 */
const evolutions = new Map<number, Evolution>();
const MAX_EVOLUTIONS = 20_000;

/** The facts after an event; null while the customer has not been acquired. Mirrors the domain's evolve. */
export function evolveSegmentFacts(facts: SegmentFacts | null, event: ProjectedEvent, config: SegmentationConfig): SegmentFacts | null {
  if (!FACT_EVENTS.has(event.type)) return facts;
  const known = evolutions.get(event.position);
  if (known !== undefined && known.event === event && known.config === config && isSameFacts(known.before, facts)) return known.after;
  const after = evolvedFacts(facts, event, config);
  if (evolutions.size >= MAX_EVOLUTIONS) evolutions.clear();
  evolutions.set(event.position, { event, before: facts, config, after });
  return after;
}

function isSameFacts(a: SegmentFacts | null, b: SegmentFacts | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.status === b.status &&
    a.customerType === b.customerType &&
    a.valueTier === b.valueTier &&
    a.riskProfile === b.riskProfile &&
    a.activatedAt === b.activatedAt &&
    a.lastTransactionAt === b.lastTransactionAt &&
    a.recentTransactionDays === b.recentTransactionDays
  );
}

function evolvedFacts(facts: SegmentFacts | null, event: ProjectedEvent, config: SegmentationConfig): SegmentFacts | null {
  if (event.type === 'CustomerAcquired') {
    if (facts !== null) return facts;
    const { customerType, riskProfile, assets } = event.data;
    return segmentFacts({
      status: 'acquired',
      customerType,
      valueTier: tierOf(assets, config),
      riskProfile,
      activatedAt: null,
      lastTransactionAt: null,
      recentTransactionDays: '',
    });
  }
  if (facts === null) return null;
  switch (event.type) {
    case 'CustomerActivated':
      return facts.status === 'acquired'
        ? segmentFacts({ ...facts, status: 'active', activatedAt: event.at ?? event.data.occurredAt })
        : facts;
    case 'CustomerProfileUpdated': {
      const { assets, riskProfile } = event.data;
      return segmentFacts({
        ...facts,
        valueTier: assets ? tierOf(assets, config) : facts.valueTier,
        riskProfile: riskProfile ?? facts.riskProfile,
      });
    }
    case 'TransactionRecorded':
      return withTransaction(facts, event.at, config);
    case 'CustomerChurned':
      return segmentFacts({ ...facts, status: 'churned' });
    case 'CustomerReactivated':
      return facts.status === 'churned' ? segmentFacts({ ...facts, status: facts.activatedAt === null ? 'acquired' : 'active' }) : facts;
    default:
      return facts;
  }
}

/** `at` is canonical, so ISO instants compare as strings. */
function withTransaction(facts: SegmentFacts, at: string | null, config: SegmentationConfig): SegmentFacts {
  if (at === null) return facts;
  const isLater = facts.lastTransactionAt === null || at > facts.lastTransactionAt;
  return segmentFacts({
    ...facts,
    lastTransactionAt: isLater ? at : facts.lastTransactionAt,
    recentTransactionDays: withDailyTransaction(facts.recentTransactionDays, at.slice(0, 10), config.behaviour.windowDays),
  });
}

/** The five segment dimensions as of an instant, by the domain's own policies. */
export function segmentAt(facts: SegmentFacts, asOf: Instant, config: SegmentationConfig): SegmentDimensions {
  const transactions = transactionsInTrailingDays(facts.recentTransactionDays, utcDayOf(asOf), config.behaviour.windowDays);
  return {
    customerType: facts.customerType,
    valueTier: facts.valueTier,
    riskProfile: facts.riskProfile,
    behaviour: behaviour(transactions, config),
    lifecycleStage: lifecycleStage(lifecycleFacts(facts), asOf, config),
  };
}

function lifecycleFacts(facts: SegmentFacts): LifecycleFacts {
  if (facts.status === 'active' && facts.activatedAt !== null) {
    return {
      status: 'active',
      activatedAt: facts.activatedAt,
      ...(facts.lastTransactionAt !== null ? { lastTransactionAt: facts.lastTransactionAt } : {}),
    };
  }
  return { status: facts.status === 'churned' ? 'churned' : 'acquired' };
}

/** A malformed amount in a stored event cannot be refused (it is a fact), so it is unclassified. */
function tierOf(assets: Money, config: SegmentationConfig): ValueTier {
  try {
    return valueTier(assets, config);
  } catch {
    return 'unclassified';
  }
}
