import {
  CUSTOMER_ID,
  SEALED_PERSONAL_DATA,
  T0,
  acquireCustomer,
  activateCustomer,
  activeCustomerHistory,
  at,
  churnCustomer,
  cny,
  customerAcquired,
  deciderSpec,
  erasePersonalData,
  escalateComplaint,
  fileComplaint,
  raiseRetentionAlert,
  reactivateCustomer,
  recordSatisfaction,
  recordTransaction,
  redeemPoints,
  resolveComplaint,
  updateCustomerProfile,
} from '@rapport/testing';
import type { CustomerCommand } from './customer.commands';
import { defaultDomainConfig } from './customer.config';
import { createCustomerDecider } from './customer.decider';

const spec = deciderSpec(createCustomerDecider());
const stamp = { customerId: CUSTOMER_ID, occurredAt: T0 };

describe('no customer yet', () => {
  it('acquires the customer, copying the command into CustomerAcquired', () => {
    spec
      .given()
      .when(acquireCustomer())
      .then([
        {
          type: 'CustomerAcquired',
          data: {
            ...stamp,
            customerType: 'individual',
            channel: 'branch',
            assets: cny('120000.00'),
            riskProfile: 'C3',
            acquisitionCost: cny('800.00'),
            personal: SEALED_PERSONAL_DATA,
          },
        },
      ]);
  });

  const everyOtherCommand: readonly CustomerCommand[] = [
    activateCustomer(),
    updateCustomerProfile(),
    recordTransaction(),
    fileComplaint(),
    escalateComplaint(),
    resolveComplaint(),
    recordSatisfaction(),
    redeemPoints(),
    raiseRetentionAlert(),
    churnCustomer(),
    reactivateCustomer(),
    erasePersonalData(),
  ];
  it.each(everyOtherCommand.map((command) => [command.type, command] as const))('rejects %s for an unknown customer', (_type, command) => {
    spec.given().when(command).thenFails('customer-not-found');
  });
});

describe('an acquired customer (prospect)', () => {
  it('cannot be acquired twice', () => {
    spec.given(customerAcquired()).when(acquireCustomer()).thenFails('customer-already-acquired');
  });

  it('is activated and earns the activation bonus', () => {
    spec
      .given(customerAcquired())
      .when(activateCustomer({ occurredAt: at({ days: 1 }) }))
      .then([
        {
          type: 'CustomerActivated',
          data: {
            ...stamp,
            occurredAt: at({ days: 1 }),
            product: 'savings-account',
            pointsEarned: 200,
            tierAfter: 'Bronze',
            tierWindowStartDay: '2025-01-07',
          },
        },
      ]);
  });

  it('earns the configured activation bonus', () => {
    const loyalty = { ...defaultDomainConfig.loyalty, activationBonus: 500 };
    const generous = createCustomerDecider({ ...defaultDomainConfig, loyalty });
    deciderSpec(generous)
      .given(customerAcquired())
      .when(activateCustomer())
      .then([
        {
          type: 'CustomerActivated',
          data: { ...stamp, product: 'savings-account', pointsEarned: 500, tierAfter: 'Bronze', tierWindowStartDay: '2025-01-06' },
        },
      ]);
  });

  it('records the tier the bonus reaches and the window it was judged on, under the configured policy', () => {
    const loyalty = { ...defaultDomainConfig.loyalty, activationBonus: 1000, tierWindowMonths: 3 };
    deciderSpec(createCustomerDecider({ ...defaultDomainConfig, loyalty }))
      .given(customerAcquired())
      .when(activateCustomer())
      .then([
        {
          type: 'CustomerActivated',
          data: { ...stamp, product: 'savings-account', pointsEarned: 1000, tierAfter: 'Silver', tierWindowStartDay: '2025-10-06' },
        },
      ]);
  });

  it('records no transaction before activation', () => {
    spec.given(customerAcquired()).when(recordTransaction()).thenFails('customer-not-active');
  });

  it('can churn before ever being activated', () => {
    spec
      .given(customerAcquired())
      .when(churnCustomer({ reason: 'never funded' }))
      .then([{ type: 'CustomerChurned', data: { ...stamp, reason: 'never funded' } }]);
  });
});

describe('an active customer', () => {
  it('cannot be activated again', () => {
    spec
      .given(...activeCustomerHistory())
      .when(activateCustomer())
      .thenFails('customer-already-active');
  });

  it('cannot be reactivated without having churned', () => {
    spec
      .given(...activeCustomerHistory())
      .when(reactivateCustomer())
      .thenFails('customer-not-churned');
  });

  it('updates the profile with only the fields given', () => {
    spec
      .given(...activeCustomerHistory())
      .when(updateCustomerProfile({ assets: undefined, riskProfile: 'C4' }))
      .then([{ type: 'CustomerProfileUpdated', data: { ...stamp, riskProfile: 'C4' } }]);
  });

  it('rejects a profile update with neither assets nor a risk profile', () => {
    spec
      .given(...activeCustomerHistory())
      .when(updateCustomerProfile({ assets: undefined, riskProfile: undefined }))
      .thenFails('nothing-to-update');
  });

  it('churns with a reason', () => {
    spec
      .given(...activeCustomerHistory())
      .when(churnCustomer())
      .then([{ type: 'CustomerChurned', data: { ...stamp, reason: 'moved to another bank' } }]);
  });
});

describe('a command dated before the customer was acquired', () => {
  const earlier = { occurredAt: at({ milliseconds: -1 }) };
  it.each<[string, CustomerCommand]>([
    ['a transaction', recordTransaction(earlier)],
    ['a profile update', updateCustomerProfile(earlier)],
    ['a churn', churnCustomer(earlier)],
  ])('refuses %s', (_, command) => {
    spec
      .given(...activeCustomerHistory())
      .when(command)
      .thenFails('occurred-before-acquisition');
  });

  it('accepts a command at the very instant of acquisition', () => {
    spec
      .given(customerAcquired())
      .when(activateCustomer({ occurredAt: at() }))
      .then([expect.objectContaining({ type: 'CustomerActivated' })]);
  });
});
