/** Metadata every stored event carries (design.md §3 and §5). Times are ISO 8601 UTC. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: string;
  readonly channel: string;
  /** Business time: when it happened in the world. */
  readonly occurredAt: string;
  /** Store time: when Rapport recorded it. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** Upstream message this event came from (CloudEvents source + id), when any. */
  readonly sourceMessage?: string;
  /** Version of the policy settings in force when it was decided (RAPPORT_POLICY_FILE); absent on events from before. */
  readonly policyVersion?: string;
  /** Hash of the previous event in the same stream; null for the first. */
  readonly previousHash: string | null;
  /** Hash of this event's content, previousHash included. */
  readonly hash: string;
}

/** Who asked, through which channel, and why: filled in at the edge. */
export interface CommandContext {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: string;
  readonly channel: string;
  /** CloudEvents `source` + `id` of an upstream message; makes event ids deterministic. */
  readonly sourceMessage?: string;
}
