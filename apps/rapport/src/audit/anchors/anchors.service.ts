import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import {
  findAnchorMismatch,
  signAnchor,
  verifyAnchorLog,
  verifyChain,
  type Anchor,
  type AnchorLogVerdict,
  type AnchorMismatch,
  type ChainBreak,
  type StreamHead,
} from '@rapport/audit';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import type { Clock } from '@rapport/kernel';
import { anchorConfigOf, type AnchorConfig, type AppConfig } from '../../config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../../wiring/tokens';
import { AnchorFile } from './anchor-file';
import { loadAnchorKeys, type AnchorKeys } from './anchor-key';

/** One stream checked against the anchors: how many anchored heads it met, and the first it broke. */
export interface StreamAnchorCheck {
  readonly checked: number;
  readonly mismatch?: AnchorMismatch;
  /** The anchor file's own fault, when it has one: then no stream can be vouched for. */
  readonly log?: Extract<AnchorLogVerdict, { valid: false }>['brokenAt'];
}

/** Every anchored stream checked: the anchor file's verdict and the streams that fail. */
export interface StoreAnchorCheck {
  readonly verdict: AnchorLogVerdict;
  readonly streams: number;
  readonly broken: readonly { readonly streamId: string; readonly chain?: ChainBreak; readonly anchor?: AnchorMismatch }[];
}

const READ_BATCH = 5_000;
const LOCK_STALE_MS = 60_000;

/**
 * Signs digests of the store's head into the anchor file (issue 14 item 5), and checks streams
 * against them: a stream rewritten whole, every hash recomputed, still chains, but no longer
 * holds the hash an anchor signed. Anchoring reads only the events after the last anchor.
 */
@Injectable()
export class AnchorsService {
  private readonly config: AnchorConfig;
  private readonly file: AnchorFile;
  private keys: AnchorKeys | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private verified: { anchors: readonly Anchor[]; count: number; unreadableAt?: number; verdict: AnchorLogVerdict } | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) appConfig: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.config = anchorConfigOf(appConfig);
    this.file = new AnchorFile(this.config.file);
  }

  /** Anchors the head now, even when nothing moved (a dated witness); one at a time, across processes too. */
  async anchor(): Promise<Anchor> {
    const anchor = await this.serially(() => this.anchorUnlessStill(false));
    if (anchor === undefined) throw new Error('an anchor asked for even when nothing moved was not written');
    return anchor;
  }

  /** What the interval runs: an anchor only when some stream moved since the last one. */
  anchorIfMoved(): Promise<Anchor | undefined> {
    return this.serially(() => this.anchorUnlessStill(true));
  }

  /** The anchors, their verdict, and the public key that checks them (for `audit anchors export`). */
  export(): { readonly publicKey: string | undefined; readonly verdict: AnchorLogVerdict; readonly anchors: readonly Anchor[] } {
    return {
      publicKey: this.signingKeys(false)?.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      verdict: this.verdict(),
      anchors: this.file.read().anchors,
    };
  }

  /** The anchor file's own verdict, worked out again only when the file changed. */
  verdict(): AnchorLogVerdict {
    const read = this.file.read();
    const seen = { anchors: read.anchors, count: read.anchors.length, unreadableAt: read.unreadableAt };
    const cached = this.verified;
    if (cached && cached.anchors === seen.anchors && cached.count === seen.count && cached.unreadableAt === seen.unreadableAt)
      return cached.verdict;
    const verdict = this.judge(read.anchors, read.unreadableAt);
    this.verified = { ...seen, verdict };
    return verdict;
  }

  /** Undefined when no anchor names the stream. */
  check(streamId: string, events: readonly RecordedEvent[]): StreamAnchorCheck | undefined {
    const heads = this.file.read().headsOf(streamId);
    const verdict = this.verdict();
    if (heads.length === 0 && verdict.valid) return undefined;
    const mismatch = findAnchorMismatch(events, heads);
    return { checked: heads.length, ...(mismatch ? { mismatch } : {}), ...(verdict.valid ? {} : { log: verdict.brokenAt }) };
  }

  /**
   * Every stream an anchor names, against its chain and its anchored heads (`audit anchors
   * verify`). It reads hashes, not personal data, so it writes no access log.
   */
  async verifyAll(): Promise<StoreAnchorCheck> {
    const read = this.file.read();
    const broken: StoreAnchorCheck['broken'][number][] = [];
    const streamIds = read.streamIds();
    for (const streamId of streamIds) {
      const events = await this.store.readStream(streamId);
      const chain = verifyChain(events);
      const anchor = findAnchorMismatch(events, read.headsOf(streamId));
      if (!chain.valid || anchor)
        broken.push({ streamId, ...(chain.valid ? {} : { chain: chain.brokenAt }), ...(anchor ? { anchor } : {}) });
    }
    return { verdict: this.verdict(), streams: streamIds.length, broken };
  }

  private judge(anchors: readonly Anchor[], unreadableAt: number | undefined): AnchorLogVerdict {
    if (unreadableAt !== undefined)
      return { valid: false, anchors: anchors.length, brokenAt: { sequence: unreadableAt, reason: 'unreadable' } };
    if (anchors.length === 0) return { valid: true, anchors: 0 };
    const keys = this.signingKeys(false);
    if (keys === undefined) return { valid: false, anchors: anchors.length, brokenAt: { sequence: 0, reason: 'no-key' } };
    return verifyAnchorLog(anchors, keys.publicKey);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async anchorUnlessStill(skipWhenStill: boolean): Promise<Anchor | undefined> {
    const keys = this.signingKeys(true);
    if (keys === undefined) throw new Error('no anchor key');
    const unlock = await this.lock();
    try {
      const { anchors } = this.file.read();
      const last = anchors.at(-1);
      const { heads, position } = await this.headsAfter(last?.position);
      if (skipWhenStill && heads.length === 0) return undefined;
      const body = {
        sequence: anchors.length,
        position: position ?? last?.position ?? 0,
        anchoredAt: this.clock.now().toISOString(),
        previous: last?.digest ?? null,
        heads,
      };
      const anchor = signAnchor(body, keys.privateKey);
      this.file.append(anchor);
      return anchor;
    } finally {
      unlock();
    }
  }

  /** The last event of each stream written after `afterPosition`, by stream id, and the position read up to. */
  private async headsAfter(afterPosition: number | undefined): Promise<{ heads: StreamHead[]; position?: number }> {
    const heads = new Map<string, StreamHead>();
    let position = afterPosition;
    for (;;) {
      const batch = await this.store.readAll({ ...(position === undefined ? {} : { afterPosition: position }), maxCount: READ_BATCH });
      for (const { streamId, revision, metadata } of batch) heads.set(streamId, { streamId, revision, hash: metadata.hash });
      if (batch.length === 0) break;
      position = batch[batch.length - 1].position;
      if (batch.length < READ_BATCH) break;
    }
    return { heads: [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0)), position };
  }

  private signingKeys(create: boolean): AnchorKeys | undefined {
    this.keys ??= loadAnchorKeys(this.config, create);
    return this.keys;
  }

  /** A lock file beside the anchor file, so that two processes never append the same sequence. */
  private async lock(): Promise<() => void> {
    const path = `${this.config.file}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(path, 'wx'));
        return () => rmSync(path, { force: true });
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const held = statSync(path, { throwIfNoEntry: false });
        // A process that died while anchoring leaves its lock behind; anchoring takes seconds, not a minute.
        if (held !== undefined && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(path, { force: true });
        if (attempt > 200) throw new Error(`the anchor file is locked by another process (${path})`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }
}
