import type { CustomerCommand } from '@rapport/customer-domain';
import { instantOf, toInstant, type Clock, type Instant, type Money } from '@rapport/kernel';
import type { PersonalData } from '@rapport/privacy';
import type { AcquireCustomerRequest } from './requests/acquire-customer.request';
import type { ActivateCustomerRequest } from './requests/activate-customer.request';
import type { CommandRequest } from './requests/common.request';
import type {
  AssignComplaintRequest,
  ChangeComplaintStageRequest,
  EscalateComplaintRequest,
  ExtendComplaintRequest,
  FileComplaintRequest,
  ResolveComplaintRequest,
} from './requests/complaint.request';
import type { ChurnCustomerRequest, ReactivateCustomerRequest } from './requests/lifecycle.request';
import type { MoneyRequest } from './requests/money.request';
import type { RecordSatisfactionRequest } from './requests/record-satisfaction.request';
import type { RecordTransactionRequest } from './requests/record-transaction.request';
import type { RedeemPointsRequest } from './requests/redeem-points.request';
import type { UpdateProfileRequest } from './requests/update-profile.request';
import type { ErasureRequest } from './requests/erasure.request';
import type { RecordRetentionActionRequest, RecordRetentionOutcomeRequest } from './requests/retention-action.request';

/** A domain command plus the plaintext personal data that the handler seals before deciding. */
export interface CommandWithPersonalData {
  readonly command: CustomerCommand;
  readonly personal?: PersonalData;
}

/** Turns validated requests into domain commands; shared by HTTP, Kafka and the CLI importer. */
export class ToCommand {
  constructor(private readonly clock: Clock) {}

  acquire(request: AcquireCustomerRequest): CommandWithPersonalData {
    const { customerId, customerType, channel, riskProfile } = request;
    const data = {
      customerType,
      channel,
      assets: money(request.assets),
      riskProfile,
      ...optionalMoney('acquisitionCost', request.acquisitionCost),
    };
    const personal = request.personal ? definedFields(request.personal) : undefined;
    return { command: { type: 'AcquireCustomer', customerId, occurredAt: this.at(request), data }, personal };
  }

  activate(customerId: string, request: ActivateCustomerRequest): CustomerCommand {
    return { type: 'ActivateCustomer', customerId, occurredAt: this.at(request), data: { product: request.product } };
  }

  updateProfile(customerId: string, request: UpdateProfileRequest): CustomerCommand {
    const data = { ...optionalMoney('assets', request.assets), ...(request.riskProfile ? { riskProfile: request.riskProfile } : {}) };
    return { type: 'UpdateCustomerProfile', customerId, occurredAt: this.at(request), data };
  }

  recordTransaction(customerId: string, request: RecordTransactionRequest): CustomerCommand {
    const { transactionId, productCategory } = request;
    const data = { transactionId, amount: money(request.amount), productCategory, ...optionalMoney('revenue', request.revenue) };
    return { type: 'RecordTransaction', customerId, occurredAt: this.at(request), data };
  }

  fileComplaint(customerId: string, request: FileComplaintRequest): CustomerCommand {
    const { complaintId, category, severity, channel } = request;
    return { type: 'FileComplaint', customerId, occurredAt: this.at(request), data: { complaintId, category, severity, channel } };
  }

  escalateComplaint(customerId: string, complaintId: string, request: EscalateComplaintRequest): CustomerCommand {
    return { type: 'EscalateComplaint', customerId, occurredAt: this.at(request), data: { complaintId, reason: request.reason } };
  }

  resolveComplaint(customerId: string, complaintId: string, request: ResolveComplaintRequest): CustomerCommand {
    return { type: 'ResolveComplaint', customerId, occurredAt: this.at(request), data: { complaintId, resolution: request.resolution } };
  }

  assignComplaint(customerId: string, complaintId: string, request: AssignComplaintRequest): CustomerCommand {
    return { type: 'AssignComplaint', customerId, occurredAt: this.at(request), data: { complaintId, assignee: request.assignee } };
  }

  changeComplaintStage(customerId: string, complaintId: string, request: ChangeComplaintStageRequest): CustomerCommand {
    return { type: 'ChangeComplaintStage', customerId, occurredAt: this.at(request), data: { complaintId, stage: request.stage } };
  }

  extendComplaint(customerId: string, complaintId: string, request: ExtendComplaintRequest): CustomerCommand {
    const { days, reason, approver } = request;
    return { type: 'ExtendComplaint', customerId, occurredAt: this.at(request), data: { complaintId, days, reason, approver } };
  }

  recordSatisfaction(customerId: string, request: RecordSatisfactionRequest): CustomerCommand {
    const { surveyId, csat, nps, touchpoint, channel } = request;
    const data = { surveyId, csat, touchpoint, channel, ...(nps === undefined ? {} : { nps }) };
    return { type: 'RecordSatisfaction', customerId, occurredAt: this.at(request), data };
  }

  redeemPoints(customerId: string, request: RedeemPointsRequest): CustomerCommand {
    const { redemptionId, points, reward } = request;
    return { type: 'RedeemPoints', customerId, occurredAt: this.at(request), data: { redemptionId, points, reward } };
  }

  churn(customerId: string, request: ChurnCustomerRequest): CustomerCommand {
    return { type: 'ChurnCustomer', customerId, occurredAt: this.at(request), data: { reason: request.reason } };
  }

  reactivate(customerId: string, request: ReactivateCustomerRequest): CustomerCommand {
    const data = request.reason ? { reason: request.reason } : {};
    return { type: 'ReactivateCustomer', customerId, occurredAt: this.at(request), data };
  }

  recordRetentionAction(customerId: string, actionId: string, request: RecordRetentionActionRequest, recordedBy: string): CustomerCommand {
    const data = { actionId, kind: request.kind, recordedBy, ...(request.note ? { note: request.note } : {}) };
    return { type: 'RecordRetentionAction', customerId, occurredAt: this.at(request), data };
  }

  recordRetentionOutcome(customerId: string, actionId: string, request: RecordRetentionOutcomeRequest): CustomerCommand {
    return { type: 'RecordRetentionActionOutcome', customerId, occurredAt: this.at(request), data: { actionId, outcome: request.outcome } };
  }

  erase(customerId: string, request: ErasureRequest, requestedBy: string): CustomerCommand {
    return { type: 'ErasePersonalData', customerId, occurredAt: this.at(request), data: { requestedBy } };
  }

  /** Business time as an instant; the caller's clock when left out (style.md §4). */
  private at(request: CommandRequest): Instant {
    // @IsOptional lets null through as well: both mean "not given".
    if (!request.occurredAt) return instantOf(this.clock.now());
    const instant = toInstant(request.occurredAt);
    // The request DTO checks occurredAt with toInstant itself, so this is a bug, not bad input.
    if (instant === undefined) throw new Error(`occurredAt passed validation but is no instant: ${request.occurredAt}`);
    return instant;
  }
}

function money(request: MoneyRequest): Money {
  return { amount: request.amount, currency: request.currency };
}

function optionalMoney<K extends string>(key: K, request: MoneyRequest | undefined): Partial<Record<K, Money>> {
  return request ? ({ [key]: money(request) } as Record<K, Money>) : {};
}

function definedFields(personal: PersonalData): PersonalData {
  return Object.fromEntries(Object.entries(personal).filter(([, value]) => value !== undefined)) as PersonalData;
}
