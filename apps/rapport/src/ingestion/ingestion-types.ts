import { AcquireCustomerRequest } from '../commands/requests/acquire-customer.request';
import { ActivateCustomerRequest } from '../commands/requests/activate-customer.request';
import type { CommandRequest } from '../commands/requests/common.request';
import { FileComplaintRequest } from '../commands/requests/complaint.request';
import { ChurnCustomerRequest, ReactivateCustomerRequest } from '../commands/requests/lifecycle.request';
import { RecordSatisfactionRequest } from '../commands/requests/record-satisfaction.request';
import { RecordTransactionRequest } from '../commands/requests/record-transaction.request';
import { RedeemPointsRequest } from '../commands/requests/redeem-points.request';
import { UpdateProfileRequest } from '../commands/requests/update-profile.request';
import type { CommandWithPersonalData, ToCommand } from '../commands/to-command';
import { EscalateComplaintMessage, ResolveComplaintMessage } from './complaint.messages';

/** How one CloudEvents `type` becomes a command: its DTO class (the HTTP one) and the ToCommand method. */
export interface IngestionMapping {
  readonly dto: new () => CommandRequest;
  /** The DTO field that must equal the CloudEvent `subject`; filled from it when left out. */
  readonly subjectField?: 'customerId';
  readonly toCommand: (mapper: ToCommand, customerId: string, request: CommandRequest) => CommandWithPersonalData;
}

function mapping<Dto extends CommandRequest>(
  dto: new () => Dto,
  toCommand: (mapper: ToCommand, customerId: string, request: Dto) => CommandWithPersonalData,
  subjectField?: 'customerId',
): IngestionMapping {
  // The request is always an instance of `dto`: the ingestor builds it from this very class.
  return {
    dto,
    toCommand: (mapper, customerId, request) => toCommand(mapper, customerId, request as Dto),
    ...(subjectField ? { subjectField } : {}),
  };
}

/**
 * The ingestion contract (design.md §6, docs/asyncapi.yaml): CloudEvents `type` → DTO → command.
 * Shared by the Kafka consumer and the CLI importer; the HTTP controller uses the same DTOs and ToCommand.
 * A type string is a published contract: add new ones, never rename.
 */
export const INGESTION_TYPES = {
  'customer.acquired': mapping(AcquireCustomerRequest, (m, _id, r) => m.acquire(r), 'customerId'),
  'customer.activated': mapping(ActivateCustomerRequest, (m, id, r) => ({ command: m.activate(id, r) })),
  'customer.profile-updated': mapping(UpdateProfileRequest, (m, id, r) => ({ command: m.updateProfile(id, r) })),
  'customer.transaction-recorded': mapping(RecordTransactionRequest, (m, id, r) => ({ command: m.recordTransaction(id, r) })),
  'customer.complaint-filed': mapping(FileComplaintRequest, (m, id, r) => ({ command: m.fileComplaint(id, r) })),
  'customer.complaint-escalated': mapping(EscalateComplaintMessage, (m, id, r) => ({ command: m.escalateComplaint(id, r.complaintId, r) })),
  'customer.complaint-resolved': mapping(ResolveComplaintMessage, (m, id, r) => ({ command: m.resolveComplaint(id, r.complaintId, r) })),
  'customer.satisfaction-recorded': mapping(RecordSatisfactionRequest, (m, id, r) => ({ command: m.recordSatisfaction(id, r) })),
  'customer.points-redeemed': mapping(RedeemPointsRequest, (m, id, r) => ({ command: m.redeemPoints(id, r) })),
  'customer.churned': mapping(ChurnCustomerRequest, (m, id, r) => ({ command: m.churn(id, r) })),
  'customer.reactivated': mapping(ReactivateCustomerRequest, (m, id, r) => ({ command: m.reactivate(id, r) })),
} as const satisfies Readonly<Record<string, IngestionMapping>>;

export type IngestionType = keyof typeof INGESTION_TYPES;

export function isIngestionType(type: string): type is IngestionType {
  return Object.prototype.hasOwnProperty.call(INGESTION_TYPES, type);
}
