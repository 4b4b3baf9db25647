import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The parts of a stored event that the chain protects (design.md §5). Position is store-assigned and left out. */
export interface ChainedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly previousHash: string | null; readonly hash: string };
}

/** SHA-256 over the canonical JSON of the event, its metadata (previousHash included) but not its own hash. */
export function hashEvent(event: Omit<ChainedEvent, 'metadata'> & { readonly metadata: object }): string {
  const { hash: _ownHash, ...metadata } = event.metadata as { readonly hash?: unknown };
  const content = canonicalJson({
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
  });
  // One call, no Hash object: every event appended is hashed here.
  return hash('sha256', content, 'hex');
}

export type ChainVerdict =
  { readonly valid: true; readonly events: number } | { readonly valid: false; readonly events: number; readonly brokenAt: ChainBreak };

export interface ChainBreak {
  readonly revision: number;
  readonly reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'revision-gap';
}

/** Walks one stream in revision order and names the first event where the chain breaks. */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerdict {
  let previousHash: string | null = null;
  for (const [index, event] of events.entries()) {
    const brokenAt = findBreak(event, index, previousHash);
    if (brokenAt) return { valid: false, events: events.length, brokenAt };
    previousHash = event.metadata.hash;
  }
  return { valid: true, events: events.length };
}

function findBreak(event: ChainedEvent, index: number, previousHash: string | null): ChainBreak | undefined {
  if (event.revision !== index) return { revision: index, reason: 'revision-gap' };
  if (event.metadata.previousHash !== previousHash) return { revision: event.revision, reason: 'previous-hash-mismatch' };
  if (hashEvent(event) !== event.metadata.hash) return { revision: event.revision, reason: 'hash-mismatch' };
  return undefined;
}
