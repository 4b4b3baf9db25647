import type {
  AcquireCustomer,
  ActivateCustomer,
  AssignComplaint,
  ChangeComplaintStage,
  ExtendComplaint,
  RecordComplaintBreach,
  WarnOfComplaintBreach,
  ChurnCustomer,
  CustomerCommand,
  ErasePersonalData,
  EscalateComplaint,
  FileComplaint,
  RaiseRetentionAlert,
  ReactivateCustomer,
  RecordSatisfaction,
  RecordTransaction,
  RedeemPoints,
  ReviewLoyaltyTier,
  ResolveComplaint,
  UpdateCustomerProfile,
} from '@rapport/customer-domain';
import { CUSTOMER_ID, SEALED_PERSONAL_DATA, T0, at, cny } from './fixtures';

/** Any data field, plus the customer and the business time, can be overridden. */
export type CommandOverrides<C extends CustomerCommand> = Partial<C['data']> & {
  readonly customerId?: string;
  readonly occurredAt?: string;
};

function commandParts<Data extends object>(defaults: Data, overrides: Partial<Data> & { customerId?: string; occurredAt?: string }) {
  const { customerId = CUSTOMER_ID, occurredAt = T0, ...data } = overrides;
  return { customerId, occurredAt, data: { ...defaults, ...data } };
}

export const acquireCustomer = (overrides: CommandOverrides<AcquireCustomer> = {}): AcquireCustomer => ({
  type: 'AcquireCustomer',
  ...commandParts<AcquireCustomer['data']>(
    {
      customerType: 'individual',
      channel: 'branch',
      assets: cny('120000.00'),
      riskProfile: 'C3',
      acquisitionCost: cny('800.00'),
      personal: SEALED_PERSONAL_DATA,
    },
    overrides,
  ),
});

export const activateCustomer = (overrides: CommandOverrides<ActivateCustomer> = {}): ActivateCustomer => ({
  type: 'ActivateCustomer',
  ...commandParts<ActivateCustomer['data']>({ product: 'savings-account' }, overrides),
});

export const updateCustomerProfile = (overrides: CommandOverrides<UpdateCustomerProfile> = {}): UpdateCustomerProfile => ({
  type: 'UpdateCustomerProfile',
  ...commandParts<UpdateCustomerProfile['data']>({ assets: cny('650000.00') }, overrides),
});

export const recordTransaction = (overrides: CommandOverrides<RecordTransaction> = {}): RecordTransaction => ({
  type: 'RecordTransaction',
  ...commandParts<RecordTransaction['data']>(
    { transactionId: 'txn-1', amount: cny('1000.00'), productCategory: 'deposit', revenue: cny('5.00') },
    overrides,
  ),
});

export const fileComplaint = (overrides: CommandOverrides<FileComplaint> = {}): FileComplaint => ({
  type: 'FileComplaint',
  ...commandParts<FileComplaint['data']>({ complaintId: 'cmp-1', category: 'fees', severity: 'medium', channel: 'call-centre' }, overrides),
});

export const escalateComplaint = (overrides: CommandOverrides<EscalateComplaint> = {}): EscalateComplaint => ({
  type: 'EscalateComplaint',
  ...commandParts<EscalateComplaint['data']>(
    { complaintId: 'cmp-1', reason: 'no answer within a week' },
    {
      occurredAt: at({ days: 7 }),
      ...overrides,
    },
  ),
});

export const resolveComplaint = (overrides: CommandOverrides<ResolveComplaint> = {}): ResolveComplaint => ({
  type: 'ResolveComplaint',
  ...commandParts<ResolveComplaint['data']>(
    { complaintId: 'cmp-1', resolution: 'fee refunded' },
    {
      occurredAt: at({ days: 2 }),
      ...overrides,
    },
  ),
});

export const recordSatisfaction = (overrides: CommandOverrides<RecordSatisfaction> = {}): RecordSatisfaction => ({
  type: 'RecordSatisfaction',
  ...commandParts<RecordSatisfaction['data']>(
    { surveyId: 'srv-1', csat: 4, nps: 8, touchpoint: 'account-opening', channel: 'branch' },
    overrides,
  ),
});

export const redeemPoints = (overrides: CommandOverrides<RedeemPoints> = {}): RedeemPoints => ({
  type: 'RedeemPoints',
  ...commandParts<RedeemPoints['data']>({ redemptionId: 'rdm-1', points: 100, reward: 'cinema-ticket' }, overrides),
});

export const reviewLoyaltyTier = (overrides: CommandOverrides<ReviewLoyaltyTier> = {}): ReviewLoyaltyTier => ({
  type: 'ReviewLoyaltyTier',
  ...commandParts<ReviewLoyaltyTier['data']>({}, overrides),
});

export const raiseRetentionAlert = (overrides: CommandOverrides<RaiseRetentionAlert> = {}): RaiseRetentionAlert => ({
  type: 'RaiseRetentionAlert',
  ...commandParts<RaiseRetentionAlert['data']>({ surveyId: 'srv-3' }, overrides),
});

export const churnCustomer = (overrides: CommandOverrides<ChurnCustomer> = {}): ChurnCustomer => ({
  type: 'ChurnCustomer',
  ...commandParts<ChurnCustomer['data']>({ reason: 'moved to another bank' }, overrides),
});

export const reactivateCustomer = (overrides: CommandOverrides<ReactivateCustomer> = {}): ReactivateCustomer => ({
  type: 'ReactivateCustomer',
  ...commandParts<ReactivateCustomer['data']>({ reason: 'returned for a mortgage' }, overrides),
});

export const erasePersonalData = (overrides: CommandOverrides<ErasePersonalData> = {}): ErasePersonalData => ({
  type: 'ErasePersonalData',
  ...commandParts<ErasePersonalData['data']>({ requestedBy: 'privacy-officer' }, overrides),
});

export const assignComplaint = (overrides: CommandOverrides<AssignComplaint> = {}): AssignComplaint => ({
  type: 'AssignComplaint',
  ...commandParts<AssignComplaint['data']>({ complaintId: 'cmp-1', assignee: 'agent-7' }, overrides),
});

export const changeComplaintStage = (overrides: CommandOverrides<ChangeComplaintStage> = {}): ChangeComplaintStage => ({
  type: 'ChangeComplaintStage',
  ...commandParts<ChangeComplaintStage['data']>({ complaintId: 'cmp-1', stage: 'investigating' }, overrides),
});

export const extendComplaint = (overrides: CommandOverrides<ExtendComplaint> = {}): ExtendComplaint => ({
  type: 'ExtendComplaint',
  ...commandParts<ExtendComplaint['data']>(
    { complaintId: 'cmp-1', days: 10, reason: 'waiting for the insurer', approver: 'head-of-complaints' },
    overrides,
  ),
});

export const warnOfComplaintBreach = (overrides: CommandOverrides<WarnOfComplaintBreach> = {}): WarnOfComplaintBreach => ({
  type: 'WarnOfComplaintBreach',
  ...commandParts<WarnOfComplaintBreach['data']>({ complaintId: 'cmp-1' }, overrides),
});

export const recordComplaintBreach = (overrides: CommandOverrides<RecordComplaintBreach> = {}): RecordComplaintBreach => ({
  type: 'RecordComplaintBreach',
  ...commandParts<RecordComplaintBreach['data']>({ complaintId: 'cmp-1' }, overrides),
});
