/** Why a batch stopped starting messages; the first reason seen is the one it acts on. */
export type HaltReason =
  /** A message could not be handled now: the partition is held and the message fetched again after a back-off. */
  | { readonly kind: 'failed' }
  /** kafkajs took the partition from this batch (revoked or seeked): a later fetch owns its messages. */
  | { readonly kind: 'stale' }
  /** A heartbeat failed: the group is rebalancing, and kafkajs must rejoin once the batch returns. */
  | { readonly kind: 'rebalancing'; readonly error: unknown }
  /** A commit was fenced by a new owner, or kept failing while stopping: nothing more is committed. */
  | { readonly kind: 'commit-lost' };

/**
 * Where one fetched batch stands. Running, every message may start. Draining (the consumer was
 * asked to stop), messages up to the furthest one started when the stop was seen still run, so that
 * all the batch handled can be committed. Halted, nothing starts; what settled is still committed
 * unless the commit itself was lost.
 */
export type PartitionPhase =
  | { readonly kind: 'running' }
  | { readonly kind: 'draining'; readonly through: number }
  | { readonly kind: 'halted'; readonly reason: HaltReason };

export const RUNNING: PartitionPhase = { kind: 'running' };

/** What kafkajs says about the consumer right now. */
export interface ConsumerState {
  readonly isRunning: boolean;
  readonly isStale: boolean;
}

/** The phase once the consumer's state is seen; `furthestStarted` is the batch index of the furthest message started. */
export function afterConsumerSeen(phase: PartitionPhase, consumer: ConsumerState, furthestStarted: number): PartitionPhase {
  if (phase.kind === 'halted') return phase;
  if (consumer.isStale) return { kind: 'halted', reason: { kind: 'stale' } };
  if (phase.kind === 'running' && !consumer.isRunning) return { kind: 'draining', through: furthestStarted };
  return phase;
}

/** Halting is final: a second reason does not replace the first. */
export function halted(phase: PartitionPhase, reason: HaltReason): PartitionPhase {
  return phase.kind === 'halted' ? phase : { kind: 'halted', reason };
}

export function mayStart(phase: PartitionPhase, index: number): boolean {
  switch (phase.kind) {
    case 'running':
      return true;
    case 'draining':
      return index <= phase.through;
    case 'halted':
      return false;
  }
}

export function mayCommit(phase: PartitionPhase): boolean {
  return !isHaltedBy(phase, 'commit-lost');
}

export function isHaltedBy(phase: PartitionPhase, reason: HaltReason['kind']): boolean {
  return phase.kind === 'halted' && phase.reason.kind === reason;
}
