import type { CustomerCommand, CustomerCommandType } from './customer.commands';
import type { CustomerEvent, CustomerEventType } from './customer.events';

/**
 * How a field is treated under the personal-information law (design.md §7): `personal` is
 * personal data, `sensitive` is free text that may name or describe people; both are sealed
 * under the customer's key before they are stored, and erasure shreds them. `plain` fields are
 * ids, codes, amounts and times, kept in the clear for the read models.
 */
export type FieldClass = 'personal' | 'sensitive' | 'plain';

type ClassesOf<Union extends { readonly type: string; readonly data: object }> = {
  readonly [Member in Union as Member['type']]: { readonly [Field in keyof Required<Member['data']>]: FieldClass };
};

const STAMP = { customerId: 'plain', occurredAt: 'plain' } as const;

/** Every field of every event, classified in this one place; a new field does not compile until it is. */
export const EVENT_FIELD_CLASSES: ClassesOf<CustomerEvent> = {
  CustomerAcquired: {
    ...STAMP,
    customerType: 'plain',
    channel: 'plain',
    assets: 'plain',
    riskProfile: 'plain',
    acquisitionCost: 'plain',
    personal: 'personal',
  },
  CustomerActivated: { ...STAMP, product: 'plain', pointsEarned: 'plain', tierAfter: 'plain', tierWindowStartDay: 'plain' },
  CustomerProfileUpdated: { ...STAMP, assets: 'plain', riskProfile: 'plain' },
  TransactionRecorded: {
    ...STAMP,
    transactionId: 'plain',
    amount: 'plain',
    productCategory: 'plain',
    revenue: 'plain',
    pointsEarned: 'plain',
    tierAfter: 'plain',
    tierWindowStartDay: 'plain',
  },
  ComplaintFiled: { ...STAMP, complaintId: 'plain', category: 'plain', severity: 'plain', channel: 'plain', dueAt: 'plain' },
  ComplaintEscalated: { ...STAMP, complaintId: 'plain', reason: 'sensitive', dueAt: 'plain' },
  ComplaintResolved: { ...STAMP, complaintId: 'plain', resolution: 'sensitive', resolutionHours: 'plain' },
  ComplaintAssigned: { ...STAMP, complaintId: 'plain', assignee: 'plain' },
  ComplaintStageChanged: { ...STAMP, complaintId: 'plain', stage: 'plain' },
  ComplaintExtended: { ...STAMP, complaintId: 'plain', days: 'plain', reason: 'sensitive', approver: 'plain', dueAt: 'plain' },
  ComplaintBreachWarned: { ...STAMP, complaintId: 'plain', dueAt: 'plain' },
  ComplaintBreached: { ...STAMP, complaintId: 'plain', dueAt: 'plain' },
  SatisfactionRecorded: { ...STAMP, surveyId: 'plain', csat: 'plain', nps: 'plain', touchpoint: 'plain', channel: 'plain' },
  PointsRedeemed: { ...STAMP, redemptionId: 'plain', points: 'plain', reward: 'sensitive', balanceAfter: 'plain' },
  LoyaltyTierChanged: { ...STAMP, from: 'plain', to: 'plain', cause: 'plain', windowStartDay: 'plain' },
  RetentionAlertRaised: { ...STAMP, surveyId: 'plain', recentScores: 'plain' },
  ChurnRiskAssessed: { ...STAMP, score: 'plain', reasons: 'plain', threshold: 'plain', crossed: 'plain' },
  RetentionActionRecorded: { ...STAMP, actionId: 'plain', kind: 'plain', note: 'sensitive', recordedBy: 'plain' },
  RetentionActionOutcomeRecorded: { ...STAMP, actionId: 'plain', outcome: 'plain' },
  CustomerChurned: { ...STAMP, reason: 'sensitive' },
  CustomerReactivated: { ...STAMP, reason: 'sensitive' },
  PersonalDataErased: { ...STAMP, keyId: 'plain', requestedBy: 'plain' },
};

/** The fields of each command's data that become event fields of the same name, classified alike. */
export const COMMAND_FIELD_CLASSES: ClassesOf<Pick<CustomerCommand, 'type' | 'data'>> = {
  AcquireCustomer: {
    customerType: 'plain',
    channel: 'plain',
    assets: 'plain',
    riskProfile: 'plain',
    acquisitionCost: 'plain',
    personal: 'personal',
  },
  ActivateCustomer: { product: 'plain' },
  UpdateCustomerProfile: { assets: 'plain', riskProfile: 'plain' },
  RecordTransaction: { transactionId: 'plain', amount: 'plain', productCategory: 'plain', revenue: 'plain' },
  FileComplaint: { complaintId: 'plain', category: 'plain', severity: 'plain', channel: 'plain' },
  EscalateComplaint: { complaintId: 'plain', reason: 'sensitive' },
  ResolveComplaint: { complaintId: 'plain', resolution: 'sensitive' },
  AssignComplaint: { complaintId: 'plain', assignee: 'plain' },
  ChangeComplaintStage: { complaintId: 'plain', stage: 'plain' },
  ExtendComplaint: { complaintId: 'plain', days: 'plain', reason: 'sensitive', approver: 'plain' },
  WarnOfComplaintBreach: { complaintId: 'plain' },
  RecordComplaintBreach: { complaintId: 'plain' },
  RecordSatisfaction: { surveyId: 'plain', csat: 'plain', nps: 'plain', touchpoint: 'plain', channel: 'plain' },
  RedeemPoints: { redemptionId: 'plain', points: 'plain', reward: 'sensitive' },
  ReviewLoyaltyTier: {},
  RaiseRetentionAlert: { surveyId: 'plain' },
  AssessChurnRisk: {},
  RecordRetentionAction: { actionId: 'plain', kind: 'plain', note: 'sensitive', recordedBy: 'plain' },
  RecordRetentionActionOutcome: { actionId: 'plain', outcome: 'plain' },
  ChurnCustomer: { reason: 'sensitive' },
  ReactivateCustomer: { reason: 'sensitive' },
  ErasePersonalData: { requestedBy: 'plain' },
};

// Worked out once: the write path asks for every command.
const SENSITIVE_COMMAND_FIELDS = new Map<string, readonly string[]>(
  Object.entries(COMMAND_FIELD_CLASSES).map(([type, classes]) => [type, Object.freeze(fieldsOfClass(classes, 'sensitive'))]),
);

/** Names of a command's free-text fields, sealed at the edge of the write path. */
export function sensitiveFieldsOf(type: CustomerCommandType): readonly string[] {
  return SENSITIVE_COMMAND_FIELDS.get(type) ?? [];
}

/** Names of an event's personal and sensitive fields: what a subject-access export opens. */
export function protectedFieldsOf(type: CustomerEventType): readonly string[] {
  const classes: Readonly<Record<string, FieldClass>> = EVENT_FIELD_CLASSES[type];
  return Object.keys(classes).filter((field) => classes[field] !== 'plain');
}

function fieldsOfClass(classes: Readonly<Record<string, FieldClass>>, wanted: FieldClass): readonly string[] {
  return Object.keys(classes).filter((field) => classes[field] === wanted);
}
