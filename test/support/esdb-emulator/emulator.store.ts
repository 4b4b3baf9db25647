import { randomUUID } from 'node:crypto';
import { checkCommit, ExpectedVersion, type CommittedEvent } from './commit-check';

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** One event as the emulated server holds it. */
export interface StoredEvent extends ProposedEvent, CommittedEvent {
  /** Log position: commit = prepare = this (EventStoreDB single node, one event per prepare). */
  readonly position: number;
  /** .NET ticks (100 ns) since the Unix epoch: EventStoreDB's `created`. */
  readonly createdTicks: bigint;
}

export type AppendOutcome =
  | { readonly kind: 'success'; readonly lastRevision: number; readonly position: number | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: number };

// EventStoreDB writes an epoch record at the start of its log, so no user event sits at 0.
const FIRST_POSITION = 256;
// A prepare record's fixed part (flags, ids, positions, timestamp), roughly as in log format v2.
const RECORD_HEADER_BYTES = 90;
const TICKS_PER_MILLISECOND = 10_000n;
// What a fresh EventStoreDB node writes to its log before any user event: its settings, the
// admin and ops users with their stream metadata, and the first stats sample. $-streams, $-types.
const START_UP_EVENTS: readonly (readonly [stream: string, type: string, data: object])[] = [
  ['$settings', '$settings', { $userStreamAcl: { $r: '$all' }, $systemStreamAcl: { $r: '$admins' } }],
  ['$$$users', '$metadata', { $acl: { $r: '$admins' } }],
  ['$users', '$User', { loginName: 'admin' }],
  ['$user-admin', '$user', { loginName: 'admin', fullName: 'Event Store Administrator', groups: ['$admins'] }],
  ['$users', '$User', { loginName: 'ops' }],
  ['$user-ops', '$user', { loginName: 'ops', fullName: 'Event Store Operations', groups: ['$ops'] }],
  ['$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86_400 }],
];
const STATS_STREAM = '$stats-127.0.0.1:2113';

/**
 * The emulated server's state, in memory. It outlives one gRPC server so a test can stop the
 * server and start another on the same data, as a restarted EventStoreDB node would.
 */
export class EmulatorStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly committed = new Map<string, StoredEvent>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor() {
    for (const [stream, type, data] of START_UP_EVENTS) this.appendSystemEvent(stream, type, data);
    this.appendStatsSample();
  }

  /** Every event in log order: $all. */
  get all(): readonly StoredEvent[] {
    return this.log;
  }

  stream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** `expected` uses EventStoreDB's numbers (see ExpectedVersion). */
  append(streamName: string, expected: number, proposed: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const eventIds = proposed.map((event) => event.id);
    const decision = checkCommit({ streamName, stream, expected, eventIds, committed: this.committed });
    switch (decision.kind) {
      case 'wrong-expected-version':
        return { kind: 'wrong-expected-version', currentRevision: stream.length - 1 };
      case 'idempotent':
        return { kind: 'success', lastRevision: decision.lastRevision, position: stream[decision.lastRevision]?.position };
      case 'write':
        return this.write(streamName, stream, proposed);
    }
  }

  /**
   * One of the server's periodic stats events ($statsCollected, every 30 s on a real node), written
   * between user events when a test calls it, as a real node's timer would.
   */
  appendStatsSample(): void {
    this.appendSystemEvent(STATS_STREAM, '$statsCollected', { 'proc-startTime': new Date().toISOString() });
  }

  /** Index in `all` of the first event at or after `position`. */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.log[middle]?.position ?? Infinity) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Calls `listener` after every write; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private appendSystemEvent(stream: string, type: string, data: object): void {
    const id = randomUUID();
    this.append(stream, ExpectedVersion.any, [
      { id, type, contentType: 'application/json', data: Buffer.from(JSON.stringify(data)), customMetadata: new Uint8Array() },
    ]);
  }

  private write(streamName: string, stream: StoredEvent[], proposed: readonly ProposedEvent[]): AppendOutcome {
    // An empty write changes nothing; EventStoreDB then reports no position.
    if (proposed.length === 0) return { kind: 'success', lastRevision: stream.length - 1, position: undefined };
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    for (const event of proposed) {
      const stored: StoredEvent = { ...event, streamName, revision: stream.length, position: this.nextPosition, createdTicks };
      this.nextPosition += recordSize(stored);
      stream.push(stored);
      this.log.push(stored);
      this.committed.set(stored.id, stored);
    }
    this.streams.set(streamName, stream);
    this.listeners.forEach((listener) => listener());
    const last = stream[stream.length - 1];
    return { kind: 'success', lastRevision: stream.length - 1, position: last?.position };
  }
}

function recordSize(event: StoredEvent): number {
  const text = Buffer.byteLength(event.streamName) + Buffer.byteLength(event.type);
  return RECORD_HEADER_BYTES + text + event.data.length + event.customMetadata.length;
}
