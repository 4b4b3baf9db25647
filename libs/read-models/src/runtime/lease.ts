import { LEASES, type Fence, type ReadDocument, type ReadModelStore } from '../read-model-store.port';

/** One holding of a lease, as stored in LEASES under `<lease>#<token>`. */
export interface LeaseDocument extends ReadDocument {
  readonly lease: string;
  readonly owner: string;
  /** One more than the holding before; the writes of this holding carry it (Fence). */
  readonly token: number;
  readonly expiresAt: string;
}

export interface LeaseOptions {
  /** This process, as recorded in the lease: unique per process. */
  readonly owner: string;
  /** How long a holding lasts without renewal: a dead owner's work is taken over after at most this. */
  readonly durationMs: number;
  readonly clock?: () => Date;
}

/** The id of a lease's holding with this token; a fence holds while this id exists and the next does not. */
export function holdingId(lease: string, token: number): string {
  return `${lease}#${token}`;
}

/**
 * One named lease on the read-model store (issue 16): held by one process at a time, taken over
 * once it expires. A takeover inserts the next holding (`<lease>#<token+1>`): an insert of an id is
 * the one write every store refuses atomically to all racers but one (FerretDB has no atomic
 * compare-and-set across a find and an update), and its token fences the loser's writes.
 */
export class Lease {
  private held: { readonly token: number; readonly renewAt: number } | undefined;
  private readonly clock: () => Date;

  constructor(
    private readonly store: ReadModelStore,
    readonly name: string,
    private readonly options: LeaseOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** How often a holder renews, and a follower tries to take over: three times per lease duration. */
  get renewEveryMs(): number {
    return Math.max(1, Math.floor(this.options.durationMs / 3));
  }

  /** The fence to write under while this process holds the lease (renewed when due, taken when free); null when another holds it. */
  async hold(): Promise<Fence | null> {
    const now = this.clock().getTime();
    if (this.held !== undefined && now < this.held.renewAt) return { lease: this.name, token: this.held.token };
    const current = await this.current();
    // The owner names this process alone: after `forget` its own unexpired holding is still its own, under the same token.
    const isMine = current !== null && current.owner === this.options.owner;
    const isFree = current === null || Date.parse(current.expiresAt) <= now;
    if (!isMine && !isFree) {
      this.held = undefined;
      return null;
    }
    const token = isMine ? current.token : (current?.token ?? 0) + 1;
    const guard = isMine ? { kind: 'expect' as const, field: 'owner', value: this.options.owner } : { kind: 'insert' as const };
    const written = await this.put(token, now + this.options.durationMs, guard);
    this.held = written ? { token, renewAt: now + this.renewEveryMs } : undefined;
    if (!written) return null;
    if (!isMine && current !== null) {
      await this.store.write([{ collection: LEASES, writes: [{ kind: 'delete', id: holdingId(this.name, current.token) }] }]);
    }
    return { lease: this.name, token };
  }

  /** Forgets the holding this process believes in: the next `hold` asks the store (after a fenced write was refused). */
  forget(): void {
    this.held = undefined;
  }

  get isHeld(): boolean {
    return this.held !== undefined;
  }

  /** Gives the lease up at once (graceful stop), so that another process takes over without waiting for it to expire. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) await this.put(held.token, 0, { kind: 'expect', field: 'owner', value: this.options.owner });
  }

  /** The holding with the highest token, if any. */
  private async current(): Promise<LeaseDocument | null> {
    const page = await this.store.find<LeaseDocument>(LEASES, {
      filter: { lease: this.name },
      sort: { field: 'token', direction: 'desc' },
      limit: 1,
    });
    return page.documents[0] ?? null;
  }

  private async put(
    token: number,
    expiresAt: number,
    guard: { readonly kind: 'insert' } | { readonly kind: 'expect'; readonly field: string; readonly value: string },
  ): Promise<boolean> {
    const document: LeaseDocument = {
      _id: holdingId(this.name, token),
      position: token,
      lease: this.name,
      owner: this.options.owner,
      token,
      expiresAt: new Date(expiresAt).toISOString(),
    };
    const result = await this.store.write([{ collection: LEASES, writes: [{ kind: 'put', document, guard }] }]);
    return result.refused.length === 0;
  }
}
