import { status, type handleServerStreamingCall, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EmulatorStore, StoredEvent } from './emulator.store';
import { filterOf } from './event-filter';
import type { Subscriptions } from './subscription.rpc';
import { eventReply, grpcError, streamIdentifier, streamNameOf } from './wire';

type Options = ReadReq.Options;
const { BACKWARDS } = ReadReq.Options.ReadDirection;

/**
 * Streams.Read: a bounded read of one stream or of $all (server streaming), or, when the
 * request asks for a subscription, a catch-up subscription (subscription.rpc.ts).
 */
export function readRpc(store: EmulatorStore, subscriptions: Subscriptions): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', grpcError(status.INVALID_ARGUMENT, 'a read needs options'));
      return;
    }
    if (options.hasSubscription()) {
      subscriptions.start(call, options);
      return;
    }
    const replies = options.hasAll() ? readAll(store, options) : readStream(store, options);
    void writeInOrder(call, replies);
  };
}

async function writeInOrder(call: ServerWritableStream<ReadReq, ReadResp>, replies: readonly ReadResp[]): Promise<void> {
  for (const reply of replies) {
    if (call.cancelled) return;
    if (!call.write(reply)) await new Promise((resolve) => call.once('drain', resolve));
  }
  call.end();
}

/**
 * Forwards: `count` events from the revision (start = 0). Backwards: from the revision (end =
 * the last) down to 0, at most `count`. A stream that does not exist answers stream_not_found.
 */
function readStream(store: EmulatorStore, options: Options): ReadResp[] {
  const streamOptions = options.getStream();
  const streamName = streamNameOf(streamOptions?.getStreamIdentifier());
  const stream = store.stream(streamName);
  if (stream === undefined || streamOptions === undefined) {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName));
    return [new ReadResp().setStreamNotFound(notFound)];
  }
  return streamSlice(stream, options, streamOptions).map((event) => eventReply(event, false));
}

function streamSlice(stream: readonly StoredEvent[], options: Options, from: ReadReq.Options.StreamOptions): readonly StoredEvent[] {
  const count = Number(options.getCount());
  const last = stream.length - 1;
  if (options.getReadDirection() === BACKWARDS) {
    const end = from.hasStart() ? 0 : from.hasEnd() ? last : Math.min(Number(from.getRevision()), last);
    return stream.slice(Math.max(0, end - count + 1), end + 1).reverse();
  }
  const start = from.hasStart() ? 0 : from.hasEnd() ? stream.length : Number(from.getRevision());
  return stream.slice(start, start + count);
}

/**
 * $all in log order, filtered when asked. Forwards from a position includes the event at that
 * position; backwards from a position starts with the event before it (EventStoreDB's TFPos reads).
 */
function readAll(store: EmulatorStore, options: Options): ReadResp[] {
  const all = options.getAll();
  const position = Number(all?.getPosition()?.getCommitPosition() ?? 0);
  const boundary = all?.hasStart() ? 0 : all?.hasEnd() ? store.all.length : store.indexAtOrAfter(position);
  const isWanted = filterOf(options);
  const count = Number(options.getCount());
  const replies: ReadResp[] = [];
  const take = (event: StoredEvent | undefined) => {
    if (event !== undefined && isWanted(event)) replies.push(eventReply(event, true));
  };
  if (options.getReadDirection() === BACKWARDS) {
    for (let index = boundary - 1; index >= 0 && replies.length < count; index--) take(store.all[index]);
  } else {
    for (let index = boundary; index < store.all.length && replies.length < count; index++) take(store.all[index]);
  }
  return replies;
}
