import { Inject, Injectable } from '@nestjs/common';
import { verifyChain, type ChainVerdict, type TimeBasis } from '@rapport/audit';
import type { CustomerEvent, CustomerState } from '@rapport/customer-domain';
import type { RecordedEvent, UpcastingEventStore } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { AccessLog, type AccessRecord } from '../security/access-log';
import { customerDecider } from '../wiring/customer-processor';
import { EVENT_STORE } from '../wiring/tokens';
import { AnchorsService, type StreamAnchorCheck } from './anchors/anchors.service';
import {
  CachedFold,
  digestByReading,
  readThenDigest,
  type DigestStream,
  type ReadStream,
  type ReadStreamDigested,
  type StoredStream,
} from './fold-snapshots';
import { PersonalDataReader } from './personal-data-reader';

export interface HistoryPage {
  readonly customerId: string;
  readonly events: readonly Omit<RecordedEvent, 'streamId' | 'id'>[];
  readonly nextRevision?: number;
}

export interface StateAsOf {
  readonly customerId: string;
  readonly asOf: string;
  readonly basis: TimeBasis;
  readonly eventsApplied: number;
  readonly state: CustomerState;
}

/**
 * The hash chain's verdict, and the anchors' when any names the stream (or the anchor file is
 * faulty): valid only when both hold.
 */
export type StreamVerdict = (ChainVerdict | { readonly valid: false; readonly events: number }) & { readonly anchors?: StreamAnchorCheck };

/** Who is reading, recorded in the access log before anything is returned. */
export type Reader = Omit<AccessRecord, 'customerId'>;

/**
 * Fold snapshots every 1,000 revisions bound what a fold to a past instant redoes; 250,000 events
 * of newest snapshots (about 25 customers with 10,000 events, or thousands of usual ones)
 * bound the memory they hold.
 */
const FOLD_SNAPSHOTS = { interval: 1_000, maxEvents: 250_000 };

/**
 * Reads one customer's stream for auditors (design.md §5). `undefined` means no such customer.
 * States are folded from events upcast to their current shape; history and verification read
 * the events as written, the shape the hash chain covers.
 */
@Injectable()
export class AuditService {
  private readonly fold = new CachedFold<CustomerState, CustomerEvent>(customerDecider, FOLD_SNAPSHOTS);

  constructor(
    @Inject(EVENT_STORE) private readonly store: UpcastingEventStore,
    private readonly personalData: PersonalDataReader,
    private readonly accessLog: AccessLog,
    private readonly anchors: AnchorsService,
  ) {}

  /** The events as written: what the hash chain covers, each with the schema version of its data. */
  async history(reader: Reader, customerId: string, fromRevision = 0, limit = 1_000): Promise<HistoryPage | undefined> {
    const events = await this.store.stored.readStream(customerStreamId(customerId), { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && !(await this.exists(customerId))) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const shown = events.slice(0, limit);
    const data = await this.personalData.revealEach(
      customerId,
      shown.map((event) => event.data),
    );
    const page = shown.map(({ revision, position, type, metadata, id }, index) => ({
      id,
      revision,
      position,
      type,
      data: data[index],
      metadata,
    }));
    return { customerId, events: page, ...(events.length > limit ? { nextRevision: fromRevision + limit } : {}) };
  }

  /** Folded through fold snapshots kept between calls (fold-snapshots.ts); the result is the same. */
  async stateAsOf(reader: Reader, customerId: string, asOf: Date, basis: TimeBasis): Promise<StateAsOf | undefined> {
    const streamId = customerStreamId(customerId);
    const folded = await this.fold.stateAsOf(streamId, this.storedStream(streamId), asOf, basis);
    if (folded === undefined) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const state = await this.personalData.reveal(customerId, folded.state);
    return { customerId, asOf: asOf.toISOString(), basis, eventsApplied: folded.eventsApplied, state };
  }

  /** Drops every cached fold snapshot (benches measure a first fold with it). */
  forgetFoldSnapshots(): void {
    this.fold.clear();
  }

  async verify(reader: Reader, customerId: string): Promise<StreamVerdict | undefined> {
    const streamId = customerStreamId(customerId);
    const events = await this.store.stored.readStream(streamId);
    if (events.length === 0) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const chain = verifyChain(events);
    const anchors = this.anchors.check(streamId, events);
    if (anchors === undefined) return chain;
    const isAnchored = anchors.mismatch === undefined && anchors.log === undefined;
    return isAnchored ? { ...chain, anchors } : { ...chain, valid: false, anchors };
  }

  /** The stream read upcast, digested as stored, by the store's own means where it has them. */
  private storedStream(streamId: string): StoredStream {
    const read: ReadStream = (options) => this.store.readStream(streamId, options);
    const { stored, readStreamDigested } = this.store;
    const digestStream = stored.digestStream?.bind(stored);
    const digest: DigestStream = digestStream ? (revisions) => digestStream(streamId, revisions) : digestByReading(read);
    const readDigested: ReadStreamDigested = readStreamDigested
      ? (isDigested) => readStreamDigested(streamId, isDigested)
      : readThenDigest(read, digest);
    const outsideWriteMark = stored.outsideWriteMark?.bind(stored);
    return { read, readDigested, digest, ...(outsideWriteMark ? { outsideWriteMark } : {}) };
  }

  private async exists(customerId: string): Promise<boolean> {
    return (await this.store.readStream(customerStreamId(customerId), { maxCount: 1 })).length > 0;
  }
}
