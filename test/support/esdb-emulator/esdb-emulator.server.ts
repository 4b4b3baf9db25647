/**
 * A TEST DOUBLE of EventStoreDB's gRPC protocol, in memory. It is not EventStoreDB: it
 * implements only what `@eventstore/db-client` 6.2.1 calls for Rapport's event-store adapter,
 * with the server's semantics as documented and as its source reads (each file cites them):
 *
 * - Streams.Append (classic), and Streams.BatchAppend behind ServerFeatures when `batchAppend`
 *   is set: expected revisions any / no_stream / stream_exists / exact, wrong_expected_version,
 *   idempotent repeats of the same event ids (IndexWriter.CheckCommit), the batch's deadline.
 * - Streams.Read of a stream (forwards/backwards, start/end/revision, count, stream_not_found)
 *   and of $all (start/end/position, count, stream-name or event-type filters).
 * - Catch-up subscriptions to $all: confirmation, history after a position, caught_up, live.
 * - System events in $all, as a fresh node writes them ($settings, users, stats metadata), and
 *   stats samples between user events on request (EmulatorStore.appendStatsSample).
 *
 * Positions: commit = prepare = a byte-offset-like log position that grows by each event's
 * size, so they are strictly increasing and never contiguous. `created` is in .NET ticks.
 *
 * Not emulated: delete/tombstone, stream metadata and ACLs, subscriptions to one stream,
 * persistent subscriptions, projections, links and resolveLinkTos, structured UUIDs, filter
 * checkpoints and search windows, authentication, TLS, cluster gossip, size limits.
 */
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendRpc } from './append.rpc';
import { batchAppendRpc, serverFeaturesRpc, type BatchAppendControl } from './batch-append.rpc';
import { EmulatorStore } from './emulator.store';
import { readRpc } from './read.rpc';
import { Subscriptions } from './subscription.rpc';
import { grpcError } from './wire';

export interface EsdbEmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The data of an earlier emulator, to act as that server restarted. Default: empty. */
  readonly store?: EmulatorStore;
  /**
   * Answer ServerFeatures listing BatchAppend, so the client appends through it. Default false:
   * ServerFeatures answers UNIMPLEMENTED and the client falls back to classic Append.
   */
  readonly batchAppend?: boolean;
}

export interface EsdbEmulator {
  /** For EventStoreDBClient.connectionString (insecure, single node). */
  readonly connectionString: string;
  readonly port: number;
  readonly store: EmulatorStore;
  /**
   * Answers the next `count` batch appends only once their deadline has passed, with
   * DEADLINE_EXCEEDED and nothing written: a server too slow for its client.
   */
  holdBatchAppends(count: number): void;
  /** Batch appends answered DEADLINE_EXCEEDED so far. */
  readonly deadlinesExceeded: number;
  /** Drops every connection at once, as a crashed server would. */
  stop(): Promise<void>;
}

export async function startEsdbEmulator(options: EsdbEmulatorOptions = {}): Promise<EsdbEmulator> {
  const store = options.store ?? new EmulatorStore();
  const subscriptions = new Subscriptions(store);
  const server = new Server();
  const batchAppends: BatchAppendControl = { held: 0, deadlinesExceeded: 0 };
  server.addService(StreamsService, streamsService(store, subscriptions, batchAppends));
  if (options.batchAppend === true) server.addService(ServerFeaturesService, { getSupportedMethods: serverFeaturesRpc() });
  const port = await bind(server, options.port ?? 0);
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    store,
    holdBatchAppends: (count) => {
      batchAppends.held += count;
    },
    get deadlinesExceeded() {
      return batchAppends.deadlinesExceeded;
    },
    stop: async () => {
      subscriptions.stopAll();
      server.forceShutdown();
    },
  };
}

function streamsService(store: EmulatorStore, subscriptions: Subscriptions, batchAppends: BatchAppendControl): IStreamsServer {
  const unimplemented = (name: string) => grpcError(status.UNIMPLEMENTED, `the emulator does not implement ${name}`);
  return {
    read: readRpc(store, subscriptions),
    append: appendRpc(store),
    batchAppend: batchAppendRpc(store, batchAppends),
    delete: (_call, callback) => callback(unimplemented('Streams.Delete')),
    tombstone: (_call, callback) => callback(unimplemented('Streams.Tombstone')),
  };
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
}
