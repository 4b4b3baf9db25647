import type { CustomerEventType } from '@rapport/customer-domain';
import type { EventStore } from '@rapport/event-store';
import type { ProjectedEvent } from '../projections/projected-event';
import { handledTypes, type Projection } from '../projections/projection';
import type { ReadModelStore } from '../read-model-store.port';
import { applyEvents, type CollectionNames } from './apply-events';
import { DocumentSet } from './document-set';
import { documentWrites } from './document-writes';
import { readProjectedEvents } from './read-events';

export interface CatchUpProgress {
  readonly position: number;
  readonly head: number;
  /** Events read so far by this projector. */
  readonly events: number;
}

export interface ExclusiveProjectorOptions {
  /** Events per read. Default 5000. */
  readonly batchSize?: number;
  /**
   * Events applied between writes. Default 1,000,000: a document changed many times between writes
   * is written once, and writing is most of a rebuild's cost when done often (measured with bench/rebuild).
   */
  readonly flushEveryEvents?: number;
  /** Documents held in memory (about 6 KB each) before they are written and dropped. Default 200,000. */
  readonly maxCachedDocuments?: number;
  /**
   * The collections are known to hold nothing yet (a rebuild has just made them): documents are
   * then not looked up in the store until the first time the cache is dropped. Default false.
   */
  readonly isStoreEmpty?: boolean;
  readonly onProgress?: (progress: CatchUpProgress) => void;
}

/**
 * The projection runtime in its exclusive mode: fills collections nobody else writes or reads yet
 * (a rebuild's fresh ones) from position 0, with the same reads, routing and write order as the
 * live Projector. As their only writer it keeps documents in memory across batches and writes each
 * changed one once per flush. It keeps no checkpoint: a rebuild that fails starts again from scratch.
 */
export class ExclusiveProjector {
  private readonly documents: DocumentSet;
  private readonly handles: readonly ReadonlySet<CustomerEventType>[];
  private readonly batchSize: number;
  private readonly flushEvery: number;
  private readonly maxCached: number;
  private position = 0;
  private eventsRead = 0;
  private sinceFlush = 0;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly names: CollectionNames,
    private readonly options: ExclusiveProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 5000;
    this.flushEvery = options.flushEveryEvents ?? 1_000_000;
    this.maxCached = options.maxCachedDocuments ?? 200_000;
    this.documents = new DocumentSet({ isStoreEmpty: options.isStoreEmpty ?? false });
    this.handles = projections.map(handledTypes);
  }

  /**
   * Applies every event in the store after the current position, writes everything, and returns the
   * position reached: the head read at the start once caught up (events of other streams lie below it).
   */
  async catchUp(): Promise<number> {
    const head = await this.events.headPosition();
    for (;;) {
      const page = await readProjectedEvents(this.events, this.position, this.batchSize);
      await this.apply(page.events);
      const isCaughtUp = page.count < this.batchSize;
      this.position = Math.max(this.position, page.lastPosition ?? 0, isCaughtUp ? head : 0);
      this.eventsRead += page.count;
      this.sinceFlush += page.count;
      this.options.onProgress?.({ position: this.position, head: Math.max(head, this.position), events: this.eventsRead });
      if (this.sinceFlush >= this.flushEvery || this.documents.size > this.maxCached) await this.flush();
      if (isCaughtUp) break;
    }
    await this.flush();
    return this.position;
  }

  get currentPosition(): number {
    return this.position;
  }

  get eventCount(): number {
    return this.eventsRead;
  }

  private async apply(events: readonly ProjectedEvent[]): Promise<void> {
    for (const [index, projection] of this.projections.entries()) {
      const handles = this.handles[index] as ReadonlySet<CustomerEventType>;
      await applyEvents(
        this.store,
        this.documents,
        projection,
        events.filter((e) => handles.has(e.type)),
        this.names,
      );
    }
  }

  private async flush(): Promise<void> {
    for (const writes of documentWrites(this.documents, this.projections, this.names)) {
      if (writes.length === 0) continue;
      const result = await this.store.write(writes);
      if (result.refused.length > 0) throw new Error(`a rebuild collection was written by someone else (${result.refused[0]})`);
    }
    this.sinceFlush = 0;
    if (this.documents.size > this.maxCached) this.documents.clear();
  }
}
