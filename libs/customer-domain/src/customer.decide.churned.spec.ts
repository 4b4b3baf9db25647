import {
  CUSTOMER_ID,
  SEALED_PERSONAL_DATA,
  T0,
  acquireCustomer,
  activateCustomer,
  activeCustomerHistory,
  at,
  churnCustomer,
  complaintFiled,
  customerAcquired,
  customerActivated,
  customerChurned,
  deciderSpec,
  erasePersonalData,
  escalateComplaint,
  fileComplaint,
  personalDataErased,
  raiseRetentionAlert,
  reactivateCustomer,
  recordSatisfaction,
  recordTransaction,
  redeemPoints,
  resolveComplaint,
  updateCustomerProfile,
} from '@rapport/testing';
import type { CustomerCommand } from './customer.commands';
import { createCustomerDecider } from './customer.decider';

const spec = deciderSpec(createCustomerDecider());
const stamp = { customerId: CUSTOMER_ID, occurredAt: T0 };

describe('a churned customer', () => {
  const churned = [...activeCustomerHistory(), customerChurned()];

  it.each<readonly [string, CustomerCommand]>([
    ['ActivateCustomer', activateCustomer()],
    ['UpdateCustomerProfile', updateCustomerProfile()],
    ['RecordTransaction', recordTransaction({ transactionId: 'txn-new' })],
    ['RecordSatisfaction', recordSatisfaction({ surveyId: 'srv-new' })],
    ['RedeemPoints', redeemPoints({ redemptionId: 'rdm-new', points: 1 })],
    ['RaiseRetentionAlert', raiseRetentionAlert({ surveyId: 'srv-new' })],
    ['ChurnCustomer', churnCustomer()],
  ])('rejects %s', (_type, command) => {
    spec
      .given(...churned)
      .when(command)
      .thenFails('customer-churned');
  });

  it('cannot be acquired again: it is reactivated instead', () => {
    spec
      .given(...churned)
      .when(acquireCustomer())
      .thenFails('customer-already-acquired');
  });

  it('is reactivated with a reason', () => {
    spec
      .given(...churned)
      .when(reactivateCustomer({ occurredAt: at({ days: 40 }) }))
      .then([
        {
          type: 'CustomerReactivated',
          data: { ...stamp, occurredAt: at({ days: 40 }), reason: 'returned for a mortgage' },
        },
      ]);
  });

  it('still has a complaint filed', () => {
    spec
      .given(...churned)
      .when(fileComplaint({ severity: 'low' }))
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            ...stamp,
            complaintId: 'cmp-1',
            category: 'fees',
            severity: 'low',
            channel: 'call-centre',
            dueAt: at({ days: 15 }),
          },
        },
      ]);
  });

  it('still has a complaint escalated', () => {
    spec
      .given(...churned, complaintFiled())
      .when(escalateComplaint())
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            ...stamp,
            occurredAt: at({ days: 7 }),
            complaintId: 'cmp-1',
            reason: 'no answer within a week',
            dueAt: at({ days: 30 }),
          },
        },
      ]);
  });

  it('still has a complaint resolved', () => {
    spec
      .given(...churned, complaintFiled())
      .when(resolveComplaint())
      .then([
        {
          type: 'ComplaintResolved',
          data: {
            ...stamp,
            occurredAt: at({ days: 2 }),
            complaintId: 'cmp-1',
            resolution: 'fee refunded',
            resolutionHours: 48,
          },
        },
      ]);
  });

  it('still has its personal data erased: erasure is a legal duty', () => {
    spec
      .given(...churned)
      .when(erasePersonalData())
      .then([
        {
          type: 'PersonalDataErased',
          data: { ...stamp, keyId: SEALED_PERSONAL_DATA.keyId, requestedBy: 'privacy-officer' },
        },
      ]);
  });
});

describe('personal data', () => {
  it('erasure names the key that sealed it', () => {
    spec
      .given(customerAcquired())
      .when(erasePersonalData({ requestedBy: 'dpo' }))
      .then([{ type: 'PersonalDataErased', data: { ...stamp, keyId: 'key-cust-0001', requestedBy: 'dpo' } }]);
  });

  it('erasure names no key when none was ever sealed', () => {
    spec
      .given(customerAcquired({ personal: undefined }), customerActivated())
      .when(erasePersonalData())
      .then([{ type: 'PersonalDataErased', data: { ...stamp, keyId: 'none', requestedBy: 'privacy-officer' } }]);
  });

  it('cannot be erased twice', () => {
    spec.given(customerAcquired(), personalDataErased()).when(erasePersonalData()).thenFails('personal-data-already-erased');
  });
});
