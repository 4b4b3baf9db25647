import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './emulator.store';

// Every reply is built from the client package's own generated classes: its serializers check
// `instanceof` against that very module (infrastructure-facts.md §3.1).

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
}

/** The client always sends ids as strings (createUUID); the structured form is not emulated. */
export function uuidOf(uuid: UUID | undefined): string {
  if (uuid === undefined || !uuid.hasString()) throw grpcError(status.INVALID_ARGUMENT, 'only string UUIDs are emulated');
  return uuid.getString().toLowerCase();
}

export function uuid(value: string): UUID {
  return new UUID().setString(value);
}

export function empty(): Empty {
  return new Empty();
}

/** A read reply for one event; reads of $all and subscriptions carry its commit position. */
export function eventReply(event: StoredEvent, hasPosition: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', String(event.createdTicks));
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  if (hasPosition) read.setCommitPosition(String(event.position));
  else read.setNoPosition(empty());
  return new ReadResp().setEvent(read);
}

/** A gRPC error status, as grpc-js callbacks and `destroy` take it. */
export function grpcError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

/** Passes a gRPC status through; anything else is an emulator bug, reported as INTERNAL. */
export function asServiceError(error: unknown): ServiceError {
  if (error instanceof Error && 'code' in error && typeof error.code === 'number' && 'metadata' in error) {
    return error as ServiceError;
  }
  return grpcError(status.INTERNAL, `emulator failure: ${String(error)}`);
}
