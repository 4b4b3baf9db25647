import type { CustomerEvent } from '@rapport/customer-domain';
import {
  at,
  cny,
  complaintEscalated,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerProfileUpdated,
  customerReactivated,
  personalDataErased,
  pointsRedeemed,
  retentionAlertRaised,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';

/** Two customers whose histories touch every event type, interleaved as a store would hold them. */
export function richHistory(): CustomerEvent[] {
  const other = { customerId: 'cust-0002' };
  return [
    customerAcquired(),
    customerAcquired({
      ...other,
      customerType: 'corporate',
      assets: cny('7000000.00'),
      riskProfile: 'C5',
      acquisitionCost: cny('1500.00'),
    }),
    customerActivated(),
    transactionRecorded({ occurredAt: at({ days: 1 }) }),
    customerActivated({ ...other, occurredAt: at({ days: 1 }) }),
    satisfactionRecorded({ occurredAt: at({ days: 2 }), surveyId: 's1', csat: 5, nps: 10 }),
    transactionRecorded({
      ...other,
      transactionId: 't-o1',
      occurredAt: at({ days: 2 }),
      amount: cny('250000.00'),
      revenue: cny('1200.00'),
      pointsEarned: 2500,
      tierAfter: 'Silver',
    }),
    complaintFiled({ occurredAt: at({ days: 3 }), dueAt: at({ days: 18 }) }),
    satisfactionRecorded({
      ...other,
      surveyId: 's2',
      occurredAt: at({ days: 3 }),
      csat: 2,
      nps: 3,
      channel: 'mobile',
      touchpoint: 'payments',
    }),
    complaintEscalated({ occurredAt: at({ days: 8 }), dueAt: at({ days: 33 }) }),
    satisfactionRecorded({ occurredAt: at({ days: 9 }), surveyId: 's3', csat: 4 }),
    complaintResolved({ occurredAt: at({ days: 10 }), resolutionHours: 168 }),
    satisfactionRecorded({ occurredAt: at({ days: 11 }), surveyId: 's4', csat: 3, nps: 7 }),
    satisfactionRecorded({ occurredAt: at({ days: 12 }), surveyId: 's5', csat: 1, nps: 0 }),
    retentionAlertRaised({ occurredAt: at({ days: 12 }), surveyId: 's5', recentScores: [4, 3, 1] }),
    pointsRedeemed({ occurredAt: at({ days: 13 }), points: 150, balanceAfter: 60 }),
    customerProfileUpdated({ ...other, occurredAt: at({ days: 14 }), riskProfile: 'C4' }),
    customerChurned({ occurredAt: at({ days: 20 }) }),
    personalDataErased({ occurredAt: at({ days: 21 }) }),
    customerReactivated({ occurredAt: at({ days: 40 }) }),
    transactionRecorded({ transactionId: 't-2', occurredAt: at({ days: 41 }), revenue: cny('3.50') }),
  ];
}

/** `customers` copies of the rich history (two customers each), interleaved round-robin, with distinct ids. */
export function manyCustomersHistory(copies: number): CustomerEvent[] {
  const histories = Array.from({ length: copies }, (_, copy) =>
    richHistory().map((event) => ({ ...event, data: { ...event.data, customerId: `${event.data.customerId}-${copy}` } }) as CustomerEvent),
  );
  const longest = Math.max(...histories.map((h) => h.length));
  return Array.from({ length: longest }, (_, i) => histories.flatMap((h) => (i < h.length ? [h[i] as CustomerEvent] : []))).flat();
}
