import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { memberView, SEGMENT_MEMBERS, type MemberView, type ReadDocument, type ReadModelConfig, type ReadModelStore, type SegmentCount, type SegmentMember } from '@rapport/read-models';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { MinHeap } from '../shared/min-heap';
import { scanMembers } from './segment-members.scan';
import { viewValidUntil } from './segment-view-validity';

interface Member {
  readonly document: SegmentMember & ReadDocument;
  /** Its view as last worked out, and until when that view holds (viewValidUntil). */
  view: MemberView | null;
  validUntil: number;
}

interface Total {
  readonly dimensions: MemberView['dimensions'];
  count: number;
  readonly bands: { high: number; medium: number; low: number };
}

/**
 * Segment counts as of an instant, kept up to date instead of worked out from every member per
 * request: the member documents are read once, then followed through the projector's writes
 * (ProjectorHost.onWritten), and a member's view is worked out again only when its document
 * changes or the instant passes the end of its validity (segment-view-validity.ts). The answer is
 * the one a pass over every member with memberView would give. A new generation of the segments
 * projection (a rebuild), a write the index could not follow, or an instant earlier than the
 * last one asked about makes it start afresh.
 */
@Injectable()
export class SegmentCounts implements OnModuleDestroy {
  private readonly members = new Map<string, Member>();
  private readonly totals = new Map<string, Total>();
  private readonly expiries = new MinHeap<{ at: number; member: Member }>();
  private readonly changed = new Map<string, SegmentMember & ReadDocument>();
  private generation: string | null = null;
  /** Bumped by every reset, so that a load begun before one is not taken for a load after it. */
  private epoch = 0;
  private loaded: Promise<void> | null = null;
  private lastAsOf = Number.NEGATIVE_INFINITY;
  /** Set on the first question, so that a service nobody asks for segments keeps nothing. */
  private stopListening: (() => void) | undefined;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    private readonly projector: ProjectorHost,
  ) {}

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /** Counts as of `now`, largest first, then by segment key. */
  async countsAt(now: Date): Promise<SegmentCount[]> {
    this.stopListening ??= this.projector.onWritten(SEGMENT_MEMBERS, (documents) => this.written(documents));
    const generation = this.projector.status().find((s) => s.name === 'segments')?.generation ?? '';
    if (generation !== this.generation || now.getTime() < this.lastAsOf) this.reset(generation);
    for (let epoch = -1; epoch !== this.epoch; ) {
      epoch = this.epoch;
      this.loaded ??= this.load(epoch);
      await this.loaded;
    }
    this.lastAsOf = now.getTime();
    for (const document of this.changed.values()) this.place(document, now);
    this.changed.clear();
    for (let next = this.expiries.peek(); next !== undefined && next.at <= now.getTime(); next = this.expiries.peek()) {
      this.expiries.pop();
      if (next.member.validUntil === next.at && this.members.get(next.member.document._id) === next.member) this.evaluate(next.member, now);
    }
    return [...this.totals.entries()]
      .filter(([, total]) => total.count > 0)
      .map(([segment, { dimensions, count, bands }]) => ({ segment, dimensions, count, valueContribution: { high: bands.high, medium: bands.medium, low: bands.low } }))
      .sort((a, b) => b.count - a.count || a.segment.localeCompare(b.segment));
  }

  /** Documents written since the load wait for the next question, which knows its instant. */
  private written(documents: readonly ReadDocument[] | null): void {
    if (documents === null) {
      this.reset(this.generation);
      return;
    }
    for (const document of documents as readonly (SegmentMember & ReadDocument)[]) {
      const pending = this.changed.get(document._id);
      // A copy: the projector stamps _id and position onto the objects it writes, and owns them.
      if (pending === undefined || pending.position < document.position) this.changed.set(document._id, { ...document });
    }
  }

  private reset(generation: string | null): void {
    this.generation = generation;
    this.epoch += 1;
    this.loaded = null;
    this.members.clear();
    this.totals.clear();
    this.expiries.clear();
    this.changed.clear();
    this.lastAsOf = Number.NEGATIVE_INFINITY;
  }

  /** Every member document; writes heard meanwhile are kept in `changed` and win when newer. */
  private async load(epoch: number): Promise<void> {
    const documents: (SegmentMember & ReadDocument)[] = [];
    try {
      await scanMembers(this.store, {}, undefined, (member) => documents.push(member) > 0);
    } catch (error: unknown) {
      if (epoch === this.epoch) this.loaded = null;
      throw error;
    }
    if (epoch !== this.epoch) return;
    for (const document of documents) {
      const pending = this.changed.get(document._id);
      if (pending === undefined || pending.position < document.position) this.changed.set(document._id, document);
    }
  }

  private place(document: SegmentMember & ReadDocument, now: Date): void {
    const current = this.members.get(document._id);
    if (current !== undefined && current.document.position >= document.position) return;
    if (current !== undefined) this.count(current.view, -1);
    const member: Member = { document, view: null, validUntil: Number.NEGATIVE_INFINITY };
    this.members.set(document._id, member);
    this.evaluate(member, now);
  }

  private evaluate(member: Member, now: Date): void {
    this.count(member.view, -1);
    member.view = memberView(member.document, now, this.config);
    member.validUntil = viewValidUntil(member.document, now, this.config);
    this.count(member.view, 1);
    this.expiries.push({ at: member.validUntil, member });
  }

  private count(view: MemberView | null, by: 1 | -1): void {
    if (view === null) return;
    const total = this.totals.get(view.segment) ?? { dimensions: view.dimensions, count: 0, bands: { high: 0, medium: 0, low: 0 } };
    total.count += by;
    total.bands[view.valueContribution.band] += by;
    this.totals.set(view.segment, total);
  }
}
