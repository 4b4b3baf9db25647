import {
  CUSTOMER_ID,
  T0,
  activeCustomerHistory,
  at,
  complaintEscalated,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  deciderSpec,
  escalateComplaint,
  fileComplaint,
  resolveComplaint,
} from '@rapport/testing';
import { createCustomerDecider } from './customer.decider';

const spec = deciderSpec(createCustomerDecider());
const stamp = { customerId: CUSTOMER_ID, occurredAt: T0 };
const active = activeCustomerHistory();

describe('a customer without that complaint', () => {
  it('files it, due exactly 15 days later', () => {
    spec
      .given(...active)
      .when(fileComplaint({ severity: 'high' }))
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            ...stamp,
            complaintId: 'cmp-1',
            category: 'fees',
            severity: 'high',
            channel: 'call-centre',
            dueAt: '2026-01-20T09:00:00.000Z',
          },
        },
      ]);
  });

  it('files it for a prospect too', () => {
    spec
      .given(customerAcquired())
      .when(fileComplaint())
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            ...stamp,
            complaintId: 'cmp-1',
            category: 'fees',
            severity: 'medium',
            channel: 'call-centre',
            dueAt: '2026-01-20T09:00:00.000Z',
          },
        },
      ]);
  });

  it('cannot escalate it', () => {
    spec
      .given(...active)
      .when(escalateComplaint())
      .thenFails('complaint-not-found');
  });

  it('cannot resolve it', () => {
    spec
      .given(...active)
      .when(resolveComplaint())
      .thenFails('complaint-not-found');
  });
});

describe('an open complaint', () => {
  const open = [...active, complaintFiled()];

  it('ignores a complaint id already filed', () => {
    spec
      .given(...open)
      .when(fileComplaint())
      .thenNothing();
  });

  it('is escalated, due 30 days after filing', () => {
    spec
      .given(...open)
      .when(escalateComplaint({ occurredAt: at({ days: 14 }) }))
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            ...stamp,
            occurredAt: at({ days: 14 }),
            complaintId: 'cmp-1',
            reason: 'no answer within a week',
            dueAt: '2026-02-04T09:00:00.000Z',
          },
        },
      ]);
  });

  it('is resolved, with the hours since filing', () => {
    spec
      .given(...open)
      .when(resolveComplaint({ occurredAt: at({ days: 2, hours: 1, milliseconds: 30 * 60_000 }) }))
      .then([
        {
          type: 'ComplaintResolved',
          data: {
            ...stamp,
            occurredAt: '2026-01-07T10:30:00.000Z',
            complaintId: 'cmp-1',
            resolution: 'fee refunded',
            resolutionHours: 49.5,
          },
        },
      ]);
  });
});

describe('an escalated complaint', () => {
  const escalated = [...active, complaintFiled(), complaintEscalated()];

  it('cannot be escalated again', () => {
    spec
      .given(...escalated)
      .when(escalateComplaint())
      .thenFails('complaint-already-escalated');
  });

  it('is resolved, with the hours since filing rather than since escalation', () => {
    spec
      .given(...escalated)
      .when(resolveComplaint({ occurredAt: at({ days: 20 }) }))
      .then([
        {
          type: 'ComplaintResolved',
          data: {
            ...stamp,
            occurredAt: at({ days: 20 }),
            complaintId: 'cmp-1',
            resolution: 'fee refunded',
            resolutionHours: 480,
          },
        },
      ]);
  });
});

describe('a resolved complaint', () => {
  const resolved = [...active, complaintFiled(), complaintResolved()];

  it('cannot be resolved again', () => {
    spec
      .given(...resolved)
      .when(resolveComplaint())
      .thenFails('complaint-not-open');
  });

  it('cannot be escalated', () => {
    spec
      .given(...resolved)
      .when(escalateComplaint())
      .thenFails('complaint-not-open');
  });

  it('ignores a complaint id already filed', () => {
    spec
      .given(...resolved)
      .when(fileComplaint())
      .thenNothing();
  });
});
