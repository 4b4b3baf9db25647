import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A stream's last event as the store held it when anchored. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

/**
 * What one anchor signs: the heads of the streams that moved since the previous anchor, the
 * store position they were read up to, and the previous anchor's digest. Chained so, each anchor
 * stands for every stream's last hash at its position (design.md §5, issue 14 item 5).
 */
export interface AnchorBody {
  readonly sequence: number;
  readonly position: number;
  readonly anchoredAt: string;
  readonly previous: string | null;
  readonly heads: readonly StreamHead[];
}

export interface Anchor extends AnchorBody {
  /** SHA-256 of the canonical JSON of the body. */
  readonly digest: string;
  /** Ed25519 over the digest, base64. */
  readonly signature: string;
}

export type AnchorLogVerdict =
  | { readonly valid: true; readonly anchors: number }
  | { readonly valid: false; readonly anchors: number; readonly brokenAt: { readonly sequence: number; readonly reason: AnchorLogFault } };

/**
 * Besides what verifyAnchorLog finds, the app that reads the file names `unreadable` (a line that
 * is not an anchor) and `no-key` (anchors but no key to check them with).
 */
export type AnchorLogFault = 'digest-mismatch' | 'bad-signature' | 'sequence-gap' | 'previous-mismatch' | 'unreadable' | 'no-key';

/** The Ed25519 key pair from a 32-byte seed (RAPPORT_ANCHOR_KEY). */
export function anchorKeyPair(seed: Buffer): { readonly privateKey: KeyObject; readonly publicKey: KeyObject } {
  if (seed.length !== 32) throw new Error(`an anchor key is 32 bytes, found ${seed.length}`);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function signAnchor(body: AnchorBody, privateKey: KeyObject): Anchor {
  const digest = anchorDigest(body);
  return { ...body, digest, signature: sign(null, Buffer.from(digest, 'hex'), privateKey).toString('base64') };
}

/** Checks every anchor's digest and signature, and that they form one unbroken chain from the first. */
export function verifyAnchorLog(anchors: readonly Anchor[], publicKey: KeyObject): AnchorLogVerdict {
  let previous: string | null = null;
  for (const [index, anchor] of anchors.entries()) {
    const reason = findFault(anchor, index, previous, publicKey);
    if (reason) return { valid: false, anchors: anchors.length, brokenAt: { sequence: anchor.sequence, reason } };
    previous = anchor.digest;
  }
  return { valid: true, anchors: anchors.length };
}

export interface AnchoredHead extends StreamHead {
  readonly sequence: number;
}

export type AnchorMismatch = { readonly revision: number; readonly sequence: number; readonly reason: 'missing' | 'hash-mismatch' };

/**
 * The first anchored head of one stream that its stored events do not bear out: an event gone,
 * or one whose hash is not the anchored one (a stream rewritten, every hash recomputed).
 */
export function findAnchorMismatch(
  events: readonly { readonly revision: number; readonly metadata: { readonly hash: string } }[],
  heads: readonly AnchoredHead[],
): AnchorMismatch | undefined {
  for (const head of heads) {
    const event = events[head.revision];
    if (event?.revision !== head.revision) return { revision: head.revision, sequence: head.sequence, reason: 'missing' };
    if (event.metadata.hash !== head.hash) return { revision: head.revision, sequence: head.sequence, reason: 'hash-mismatch' };
  }
  return undefined;
}

function anchorDigest({ sequence, position, anchoredAt, previous, heads }: AnchorBody): string {
  return createHash('sha256').update(canonicalJson({ sequence, position, anchoredAt, previous, heads })).digest('hex');
}

function findFault(anchor: Anchor, index: number, previous: string | null, publicKey: KeyObject) {
  if (anchor.sequence !== index) return 'sequence-gap' as const;
  if (anchor.previous !== previous) return 'previous-mismatch' as const;
  if (anchorDigest(anchor) !== anchor.digest) return 'digest-mismatch' as const;
  if (!verify(null, Buffer.from(anchor.digest, 'hex'), publicKey, Buffer.from(anchor.signature, 'base64'))) return 'bad-signature' as const;
  return undefined;
}
