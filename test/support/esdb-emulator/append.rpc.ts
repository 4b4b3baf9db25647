import { status, type handleClientStreamingCall } from '@grpc/grpc-js';
import { AppendReq, AppendResp, type BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { ExpectedVersion } from './commit-check';
import type { AppendOutcome, EmulatorStore, ProposedEvent } from './emulator.store';
import { asServiceError, empty, grpcError, streamNameOf, uuidOf } from './wire';

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;
type Options = AppendReq.Options;

/**
 * Streams.Append, the classic client-streaming append: one `options` message (stream and
 * expected revision), then one `proposed_message` per event. Like EventStoreDB since 21.10 it
 * answers a wrong expected version inside the reply with status OK, not as a gRPC error.
 */
export function appendRpc(store: EmulatorStore): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: Options | undefined;
    const messages: ProposedMessage[] = [];
    call.on('data', (request: AppendReq) => {
      const message = request.getProposedMessage();
      if (request.hasOptions()) options = request.getOptions();
      else if (message !== undefined) messages.push(message);
    });
    call.on('end', () => {
      try {
        if (options === undefined) throw grpcError(status.INVALID_ARGUMENT, 'the first append message must carry options');
        const streamName = streamNameOf(options.getStreamIdentifier());
        const outcome = store.append(streamName, expectedVersionOf(options), messages.map(toProposedEvent));
        callback(null, toAppendResp(outcome, options));
      } catch (error: unknown) {
        callback(asServiceError(error));
      }
    });
  };
}

/** Reads one proposed event of either append RPC; both carry `type` and `content-type` in its metadata map. */
export function toProposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    // EventStoreDB's RequiredMetadataPropertyMissing.
    throw grpcError(status.INVALID_ARGUMENT, 'a proposed message needs the metadata keys type and content-type');
  }
  return {
    id: uuidOf(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function expectedVersionOf(options: Options): number {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return Number(options.getRevision());
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return ExpectedVersion.noStream;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return ExpectedVersion.streamExists;
    default:
      return ExpectedVersion.any;
  }
}

function toAppendResp(outcome: AppendOutcome, options: Options): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.lastRevision < 0) success.setNoStream(empty());
    else success.setCurrentRevision(String(outcome.lastRevision));
    if (outcome.position === undefined) success.setNoPosition(empty());
    else success.setPosition(new AppendResp.Position().setCommitPosition(`${outcome.position}`).setPreparePosition(`${outcome.position}`));
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision < 0) wrong.setCurrentNoStream(empty());
  else wrong.setCurrentRevision(String(outcome.currentRevision));
  setExpected(wrong, options);
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function setExpected(wrong: AppendResp.WrongExpectedVersion, options: Options): void {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      wrong.setExpectedRevision(options.getRevision());
      return;
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      wrong.setExpectedNoStream(empty());
      return;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      wrong.setExpectedStreamExists(empty());
      return;
    default:
      wrong.setExpectedAny(empty());
  }
}
