import { startWorkerThread } from '@rapport/sqlite';
import type { Worker } from 'node:worker_threads';
import { EventStoreUnavailable, StreamRevisionConflict } from '../../event-store.errors';
import type { AppendResult } from '../../event-store.port';
import type { Settled } from '../shared/group-commit';
import type { AppendFailure, AppendRequest, WriterReply, WriterRequest, WriterSettings } from './sqlite.writer-protocol';

interface Waiting {
  readonly kind: WriterReply['kind'];
  readonly resolve: (reply: WriterReply) => void;
  readonly reject: (error: unknown) => void;
}

type ReplyOf<Kind extends WriterReply['kind']> = Extract<WriterReply, { readonly kind: Kind }>;
type Phase = { readonly name: 'running' } | { readonly name: 'closing' } | { readonly name: 'failed'; readonly reason: string };

/**
 * The main thread's handle on the SQLite writer thread (sqlite.writer.worker.ts), which holds the
 * store's write connection: appends and the WAL bound run there, so a commit's fsync no longer
 * stops the event loop. The thread answers requests in the order sent, so the replies awaited
 * form a queue. If the thread fails or exits unasked, every request waiting and every later one
 * fails with EventStoreUnavailable; nothing is left hanging.
 */
export class WriterThread {
  private readonly waiting: Waiting[] = [];
  private readonly exited: Promise<void>;
  private phase: Phase = { name: 'running' };

  constructor(private readonly worker: Worker) {
    // Referenced only while a reply is awaited: an idle store never keeps the process alive.
    worker.unref();
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(`the SQLite writer thread failed: ${String(error)}`));
    worker.on('messageerror', (error) => this.fail(`the SQLite writer thread sent a message that cannot be read: ${String(error)}`));
    worker.on('exit', (code) => this.fail(`the SQLite writer thread exited (code ${code})`));
  }

  static start(settings: WriterSettings): WriterThread {
    return new WriterThread(startWorkerThread(__dirname, 'sqlite.writer', settings));
  }

  /** Writes the group in one transaction; one outcome per append, in order. */
  async append(group: readonly AppendRequest[]): Promise<readonly Settled<AppendResult>[]> {
    const reply = await this.request({ kind: 'append', group }, 'appended');
    return reply.outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: toPortError(outcome.failure) }));
  }

  /** `PRAGMA data_version` on the write connection: it moves only when another connection commits. */
  async dataVersion(): Promise<number> {
    const reply = await this.request({ kind: 'dataVersion' }, 'dataVersion');
    return reply.value;
  }

  /** Ends the thread once it has answered what was sent before; its connection closes after a last WAL copy. */
  async close(): Promise<void> {
    if (this.phase.name === 'running') {
      this.phase = { name: 'closing' };
      this.worker.ref();
      this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    }
    await this.exited;
  }

  private request<Kind extends WriterReply['kind']>(request: WriterRequest, kind: Kind): Promise<ReplyOf<Kind>> {
    const { phase } = this;
    if (phase.name === 'failed') return Promise.reject(new EventStoreUnavailable(phase.reason));
    if (phase.name === 'closing') return Promise.reject(new EventStoreUnavailable('the SQLite event store is closed'));
    return new Promise((resolve, reject) => {
      // settle() hands over a reply of this kind only.
      this.waiting.push({ kind, resolve: (reply) => resolve(reply as ReplyOf<Kind>), reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  private settle(reply: WriterReply): void {
    const next = this.waiting.shift();
    if (next === undefined || next.kind !== reply.kind) {
      this.fail(`the SQLite writer thread answered ${reply.kind} out of turn`);
      return;
    }
    if (this.waiting.length === 0 && this.phase.name === 'running') this.worker.unref();
    next.resolve(reply);
  }

  private fail(reason: string): void {
    // Once closing, the exit is the one asked for; later requests still hear "closed".
    if (this.phase.name === 'running') this.phase = { name: 'failed', reason };
    for (const waiting of this.waiting.splice(0)) waiting.reject(new EventStoreUnavailable(reason));
    void this.worker.terminate();
  }
}

function toPortError(failure: AppendFailure): unknown {
  switch (failure.kind) {
    case 'conflict':
      return new StreamRevisionConflict(failure.streamId, failure.expected, failure.actual);
    case 'unavailable':
      return new EventStoreUnavailable(`SQLite event store failed: ${failure.message}`);
    case 'unexpected':
      return new Error(`the SQLite writer thread failed on an append: ${failure.message}`);
  }
}
