import { status, type handleBidiStreamingCall, type handleUnaryCall } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AllStreamPosition, Timeout, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { toProposedEvent } from './append.rpc';
import { ExpectedVersion } from './commit-check';
import type { AppendOutcome, EmulatorStore } from './emulator.store';
import { asServiceError, grpcError, streamIdentifier, streamNameOf, uuidOf } from './wire';

type Options = BatchAppendReq.Options;
const PositionCase = BatchAppendReq.Options.ExpectedStreamPositionCase;

/**
 * ServerFeatures.GetSupportedMethods, answered as EventStoreDB does (lowercase service and
 * method names). Listing batchappend is what makes the client use BatchAppend (§3.2).
 */
export function serverFeaturesRpc(): handleUnaryCall<Empty, SupportedMethods> {
  const method = (name: string, features: string[] = []) =>
    new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name).setFeaturesList(features);
  return (_call, callback) => {
    const methods = [method('read', ['position', 'events']), method('append'), method('batchappend', ['deadline_duration'])];
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('23.10.0'));
  };
}

/** A test's hold on batch appends: the next `held` batches are answered only after their deadline. */
export interface BatchAppendControl {
  held: number;
  /** Batches answered DEADLINE_EXCEEDED so far. */
  deadlinesExceeded: number;
}

/**
 * Streams.BatchAppend: one long-lived bidirectional stream per client. A batch is the requests
 * sharing a correlation id; its first carries the options (with the client's deadline), its last
 * `is_final`. A wrong expected version comes back as `error`, a google.rpc.Status whose `details`
 * packs WrongExpectedVersion; a batch completed after its deadline is not written and comes back
 * as DEADLINE_EXCEEDED packing Timeout, as the server's BatchAppend does.
 */
export function batchAppendRpc(
  store: EmulatorStore,
  control: BatchAppendControl,
): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const batches = new Map<string, { options?: Options; messages: BatchAppendReq.ProposedMessage[] }>();
    call.on('data', (request: BatchAppendReq) => {
      try {
        const key = uuidOf(request.getCorrelationId());
        const batch = batches.get(key) ?? { messages: [] };
        if (request.hasOptions()) batch.options = request.getOptions();
        batch.messages.push(...request.getProposedMessagesList());
        batches.set(key, batch);
        if (!request.getIsFinal()) return;
        batches.delete(key);
        if (batch.options === undefined) throw grpcError(status.INVALID_ARGUMENT, 'a batch needs options in its first request');
        const { options, messages } = batch;
        const deadline = options.getDeadline()?.toDate().getTime() ?? Infinity;
        const answerPastDeadline = () => {
          control.deadlinesExceeded += 1;
          call.write(toBatchAppendResp(request, options, { kind: 'deadline-exceeded' }));
        };
        if (control.held > 0) {
          control.held -= 1;
          setTimeout(answerPastDeadline, Math.max(0, deadline - Date.now()) + 1).unref();
          return;
        }
        if (Date.now() > deadline) return answerPastDeadline();
        const outcome = store.append(
          streamNameOf(options.getStreamIdentifier()),
          expectedVersionOf(options),
          messages.map(toProposedEvent),
        );
        call.write(toBatchAppendResp(request, options, outcome));
      } catch (error: unknown) {
        // grpc-js ends a server stream with the status of an emitted error.
        call.emit('error', asServiceError(error));
      }
    });
    call.on('end', () => call.end());
  };
}

function expectedVersionOf(options: Options): number {
  switch (options.getExpectedStreamPositionCase()) {
    case PositionCase.STREAM_POSITION:
      return Number(options.getStreamPosition());
    case PositionCase.NO_STREAM:
      return ExpectedVersion.noStream;
    case PositionCase.STREAM_EXISTS:
      return ExpectedVersion.streamExists;
    default:
      return ExpectedVersion.any;
  }
}

function toBatchAppendResp(
  request: BatchAppendReq,
  options: Options,
  outcome: AppendOutcome | { readonly kind: 'deadline-exceeded' },
): BatchAppendResp {
  const reply = new BatchAppendResp()
    .setCorrelationId(request.getCorrelationId())
    .setStreamIdentifier(streamIdentifier(streamNameOf(options.getStreamIdentifier())));
  echoExpected(reply, options);
  if (outcome.kind === 'wrong-expected-version') return reply.setError(wrongExpectedVersion(options, outcome.currentRevision));
  if (outcome.kind === 'deadline-exceeded') return reply.setError(deadlineExceeded());
  const success = new BatchAppendResp.Success();
  if (outcome.lastRevision < 0) success.setNoStream(new ProtoEmpty());
  else success.setCurrentRevision(String(outcome.lastRevision));
  if (outcome.position === undefined) success.setNoPosition(new ProtoEmpty());
  else success.setPosition(new AllStreamPosition().setCommitPosition(`${outcome.position}`).setPreparePosition(`${outcome.position}`));
  return reply.setSuccess(success);
}

function echoExpected(reply: BatchAppendResp, options: Options): void {
  switch (options.getExpectedStreamPositionCase()) {
    case PositionCase.STREAM_POSITION:
      reply.setStreamPosition(options.getStreamPosition());
      return;
    case PositionCase.NO_STREAM:
      reply.setNoStream(new ProtoEmpty());
      return;
    case PositionCase.STREAM_EXISTS:
      reply.setStreamExists(new ProtoEmpty());
      return;
    default:
      reply.setAny(new ProtoEmpty());
  }
}

function wrongExpectedVersion(options: Options, currentRevision: number): Status {
  const details = new WrongExpectedVersion();
  if (currentRevision < 0) details.setCurrentNoStream(new ProtoEmpty());
  else details.setCurrentStreamRevision(String(currentRevision));
  const expected = options.getExpectedStreamPositionCase();
  if (expected === PositionCase.STREAM_POSITION) details.setExpectedStreamPosition(options.getStreamPosition());
  else if (expected === PositionCase.NO_STREAM) details.setExpectedNoStream(new ProtoEmpty());
  else if (expected === PositionCase.STREAM_EXISTS) details.setExpectedStreamExists(new ProtoEmpty());
  else details.setExpectedAny(new ProtoEmpty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status().setCode(Code.FAILED_PRECONDITION).setMessage('wrong expected version').setDetails(packed);
}

function deadlineExceeded(): Status {
  const packed = new Any();
  packed.pack(new Timeout().serializeBinary(), 'event_store.client.Timeout');
  return new Status().setCode(Code.DEADLINE_EXCEEDED).setMessage('Deadline Exceeded').setDetails(packed);
}
