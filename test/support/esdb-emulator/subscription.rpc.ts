import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { type ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EmulatorStore } from './emulator.store';
import { type EventFilter, filterOf } from './event-filter';
import { eventReply, grpcError } from './wire';

type Call = ServerWritableStream<ReadReq, ReadResp>;

/**
 * Catch-up subscriptions to $all, as EventStoreDB serves them: a confirmation first, then the
 * history after the start position (exclusive, like the server's CatchupAllSubscription, which
 * skips events at or before it), `caught_up` once (servers since 23.10 send it), then live events.
 * One cursor walks the log for history and live events alike, so none falls between the two.
 */
export class Subscriptions {
  private readonly stops = new Set<() => void>();

  constructor(private readonly store: EmulatorStore) {}

  start(call: Call, options: ReadReq.Options): void {
    const all = options.getAll();
    if (all === undefined) {
      call.emit('error', grpcError(status.UNIMPLEMENTED, 'the emulator serves subscriptions to $all only'));
      return;
    }
    const after = Number(all.getPosition()?.getCommitPosition() ?? 0);
    const cursor = all.hasStart() ? 0 : all.hasEnd() ? this.store.all.length : this.store.indexAtOrAfter(after + 1);
    void this.pump(call, options, cursor);
  }

  /** Ends every subscription (the server is going away). */
  stopAll(): void {
    this.stops.forEach((stop) => stop());
  }

  private async pump(call: Call, options: ReadReq.Options, from: number): Promise<void> {
    const wakeUp = new WakeUp();
    let isStopped = false;
    let releaseWriter: (() => void) | undefined;
    const stop = () => {
      isStopped = true;
      wakeUp.fire();
      releaseWriter?.();
    };
    const stopListening = this.store.onAppend(() => wakeUp.fire());
    this.stops.add(stop);
    call.on('cancelled', stop);
    // A full write buffer waits for its own drain only: an append meanwhile must not resume writing
    // (several slow subscribers, as several service instances make, would pile up drain listeners).
    const send = async (reply: ReadResp) => {
      if (call.write(reply) || isStopped) return;
      await new Promise<void>((resolve) => {
        const release = () => {
          call.off('drain', release);
          releaseWriter = undefined;
          resolve();
        };
        releaseWriter = release;
        call.once('drain', release);
      });
    };
    try {
      await send(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
      await this.deliver(from, filterOf(options), send, wakeUp, () => isStopped);
    } finally {
      stopListening();
      this.stops.delete(stop);
    }
  }

  private async deliver(
    from: number,
    isWanted: EventFilter,
    send: (reply: ReadResp) => Promise<void>,
    wakeUp: WakeUp,
    isStopped: () => boolean,
  ): Promise<void> {
    let cursor = from;
    let hasCaughtUp = false;
    while (!isStopped()) {
      const event = this.store.all[cursor];
      if (event !== undefined) {
        cursor += 1;
        if (isWanted(event)) await send(eventReply(event, true));
      } else if (!hasCaughtUp) {
        hasCaughtUp = true;
        await send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      } else {
        await wakeUp.next();
      }
    }
  }
}

/** What a caught-up subscription wakes on: an append or a stop. */
class WakeUp {
  private resolve: (() => void) | undefined;

  next(): Promise<void> {
    return new Promise((resolve) => (this.resolve = resolve));
  }

  fire(): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    resolve?.();
  }
}
