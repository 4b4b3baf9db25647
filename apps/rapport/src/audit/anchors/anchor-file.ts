import { closeSync, existsSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import type { Anchor, AnchoredHead } from '@rapport/audit';

/** The anchors as read so far, indexed by stream; `unreadableAt` is the first line that was not an anchor. */
export interface AnchorsRead {
  readonly anchors: readonly Anchor[];
  readonly unreadableAt?: number;
  headsOf(streamId: string): readonly AnchoredHead[];
  /** Every stream some anchor names. */
  streamIds(): readonly string[];
}

/**
 * Anchors as NDJSON in a file of their own, beside the event store and never in it, only ever
 * appended to. Reads pick up where the last one stopped, since the file only grows; a file that
 * shrank was rewritten, and is read again from the start.
 */
export class AnchorFile {
  private anchors: Anchor[] = [];
  private heads = new Map<string, AnchoredHead[]>();
  private offset = 0;
  private partial = '';
  private unreadableAt: number | undefined;

  constructor(readonly path: string) {}

  read(): AnchorsRead {
    const size = existsSync(this.path) ? statSync(this.path).size : 0;
    if (size < this.offset) this.reset();
    if (size > this.offset) this.readFrom(size);
    const heads = this.heads;
    return {
      anchors: this.anchors,
      ...(this.unreadableAt === undefined ? {} : { unreadableAt: this.unreadableAt }),
      headsOf: (streamId) => heads.get(streamId) ?? [],
      streamIds: () => [...heads.keys()],
    };
  }

  /** Appends one anchor and waits until it is on disk. */
  append(anchor: Anchor): void {
    const fd = openSync(this.path, 'a', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(anchor)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private readFrom(size: number): void {
    const bytes = Buffer.alloc(size - this.offset);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, bytes, 0, bytes.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + bytes.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') this.add(line);
  }

  private add(line: string): void {
    const anchor = parseAnchor(line);
    if (anchor === undefined) {
      this.unreadableAt ??= this.anchors.length;
      return;
    }
    this.anchors.push(anchor);
    for (const head of anchor.heads) {
      const kept = this.heads.get(head.streamId) ?? [];
      kept.push({ ...head, sequence: anchor.sequence });
      this.heads.set(head.streamId, kept);
    }
  }

  private reset(): void {
    this.anchors = [];
    this.heads = new Map();
    this.offset = 0;
    this.partial = '';
    this.unreadableAt = undefined;
  }
}

function parseAnchor(line: string): Anchor | undefined {
  try {
    const value = JSON.parse(line) as Partial<Anchor>;
    const isAnchor =
      typeof value.sequence === 'number' &&
      typeof value.position === 'number' &&
      typeof value.digest === 'string' &&
      typeof value.signature === 'string' &&
      Array.isArray(value.heads);
    return isAnchor ? (value as Anchor) : undefined;
  } catch {
    return undefined;
  }
}
