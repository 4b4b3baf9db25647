import { LruCache, type Clock, type CommandContext, type EventMetadata } from '@rapport/kernel';
import { hashEvent } from '@rapport/audit';
import type { EventStore, EventToAppend } from './event-store.port';
import { isStreamRevisionConflict } from './event-store.errors';
import type { Decider, DomainEventShape } from './decider';
import { eventIdFromMessage, newEventId } from './event-ids';
import { KeyedLock } from './keyed-lock';
import { advanceSnapshot, emptySnapshot, priorOutcome, snapshotAfter, type StreamSnapshot } from './stream-snapshot';

export type CommandOutcome<Rejection> =
  | { readonly kind: 'appended'; readonly revision: number; readonly position: number; readonly eventTypes: readonly string[] }
  | { readonly kind: 'unchanged'; readonly revision: number; readonly position?: number; readonly eventTypes: readonly string[] }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

export interface CommandProcessorOptions {
  readonly clock: Clock;
  readonly schemaVersionOf: (eventType: string) => number;
  /** The version of the policy settings the decider applies, recorded on every event it appends. */
  readonly policyVersion?: string;
  /** Attempts when another writer moved the stream between read and append. */
  readonly maxAttempts?: number;
  /** Streams whose folded state is kept between commands. */
  readonly cacheSize?: number;
  /**
   * The decider's state never depends on the stream's events (evolve ignores them) and no command
   * carries a source message: a stream missing from the cache is then loaded from its last event
   * alone (the revision and hash the next append chains on) instead of being read whole.
   */
  readonly isStateless?: boolean;
}

/**
 * The one write loop (style.md §1 rule 2, design.md §3): load the stream (or take its cached
 * state), decide, append at the expected revision, retry on a conflict. Commands for one
 * stream run one at a time inside this process; other processes are caught by the expected
 * revision.
 */
export class CommandProcessor<Command, Event extends DomainEventShape, State, Rejection> {
  private readonly lock = new KeyedLock();
  private readonly cache: LruCache<string, StreamSnapshot<State>>;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State, Rejection>,
    private readonly options: CommandProcessorOptions,
  ) {
    this.cache = new LruCache(options.cacheSize ?? 10_000);
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  execute(streamId: string, command: Command, context: CommandContext): Promise<CommandOutcome<Rejection>> {
    // A stateless load keeps no source messages, so it could not answer a redelivery as the first time.
    if (this.options.isStateless && context.sourceMessage)
      return Promise.reject(new Error('a stateless write loop takes no source messages'));
    return this.lock.run(streamId, () => this.executeWithRetry(streamId, command, context));
  }

  /** The stream folded to its latest revision. */
  async load(streamId: string): Promise<StreamSnapshot<State>> {
    const cached = this.cache.get(streamId) ?? (await this.start(streamId));
    const newer = await this.store.readStream(streamId, { fromRevision: cached.revision + 1 });
    const snapshot = newer.length === 0 ? cached : advanceSnapshot(cached, newer, this.decider.evolve);
    this.cache.set(streamId, snapshot);
    return snapshot;
  }

  private async start(streamId: string): Promise<StreamSnapshot<State>> {
    const { initialState } = this.decider;
    if (!this.options.isStateless) return emptySnapshot(initialState);
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last === undefined ? emptySnapshot(initialState) : snapshotAfter(initialState, last);
  }

  private async executeWithRetry(streamId: string, command: Command, context: CommandContext) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(streamId, command, context);
      } catch (error: unknown) {
        if (!isStreamRevisionConflict(error) || attempt >= this.maxAttempts) throw error;
        this.cache.delete(streamId);
      }
    }
  }

  /**
   * Decides on the cached state without reading the stream first: the expected revision makes
   * the store refuse an append decided on a stale cache, and the retry reloads. A rejection or
   * a no-op is not checked by the store, so one decided on cached state is confirmed against
   * the stream (another process may have appended) before it is answered.
   */
  private async attempt(streamId: string, command: Command, context: CommandContext): Promise<CommandOutcome<Rejection>> {
    const cached = this.cache.get(streamId);
    const outcome = await this.decideAndAppend(streamId, cached ?? (await this.load(streamId)), command, context);
    if (outcome.kind === 'appended' || cached === undefined) return outcome;
    const fresh = await this.load(streamId);
    return fresh.revision === cached.revision ? outcome : this.decideAndAppend(streamId, fresh, command, context);
  }

  private async decideAndAppend(
    streamId: string,
    snapshot: StreamSnapshot<State>,
    command: Command,
    context: CommandContext,
  ): Promise<CommandOutcome<Rejection>> {
    const prior = context.sourceMessage ? priorOutcome(snapshot, context.sourceMessage) : undefined;
    if (prior) return { kind: 'unchanged', ...prior };

    const decision = this.decider.decide(command, snapshot.state);
    if (!Array.isArray(decision)) return { kind: 'rejected', rejection: decision as Rejection };
    const events = decision as readonly Event[];
    if (events.length === 0) return { kind: 'unchanged', revision: snapshot.revision, eventTypes: [] };

    const toAppend = this.chain(streamId, snapshot, events, context);
    const expected = snapshot.revision < 0 ? 'no-stream' : snapshot.revision;
    const result = await this.store.appendToStream(streamId, toAppend, expected);
    this.cache.set(
      streamId,
      advanceSnapshot(snapshot, recorded(streamId, toAppend, result.position, snapshot.revision), this.decider.evolve),
    );
    return { kind: 'appended', revision: result.revision, position: result.position, eventTypes: events.map((e) => e.type) };
  }

  /** Gives each event its id and metadata and links it to its predecessor (design.md §3, §5). */
  private chain(streamId: string, snapshot: StreamSnapshot<State>, events: readonly Event[], context: CommandContext): EventToAppend[] {
    const now = this.options.clock.now();
    const recordedAt = now.toISOString();
    const { sourceMessage } = context;
    let previousHash = snapshot.lastHash;
    return events.map((event, index) => {
      const id = sourceMessage ? eventIdFromMessage(streamId, sourceMessage, index, event.data.occurredAt) : newEventId(now.getTime());
      const revision = snapshot.revision + 1 + index;
      const partial = { id, streamId, revision, type: event.type, data: event.data };
      const metadata = this.metadataFor(event, context, recordedAt, previousHash);
      const hash = hashEvent({ ...partial, metadata });
      previousHash = hash;
      return { id, type: event.type, data: event.data, metadata: { ...metadata, hash } };
    });
  }

  private metadataFor(event: Event, context: CommandContext, recordedAt: string, previousHash: string | null): Omit<EventMetadata, 'hash'> {
    return {
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.correlationId,
      actor: context.actor,
      channel: context.channel,
      occurredAt: event.data.occurredAt,
      recordedAt,
      schemaVersion: this.options.schemaVersionOf(event.type),
      ...(context.sourceMessage ? { sourceMessage: context.sourceMessage } : {}),
      ...(this.options.policyVersion ? { policyVersion: this.options.policyVersion } : {}),
      previousHash,
    };
  }
}

/** The appended events as the store now holds them; positions other than the last are not needed here. */
function recorded(streamId: string, events: readonly EventToAppend[], lastPosition: number, fromRevision: number) {
  return events.map((event, index) => ({ ...event, streamId, revision: fromRevision + 1 + index, position: lastPosition }));
}
