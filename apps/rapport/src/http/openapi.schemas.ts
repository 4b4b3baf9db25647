import type { OpenAPIObject } from '@nestjs/swagger';
import { currencyExponent, ISO_4217_CURRENCIES } from '@rapport/kernel';

// @nestjs/swagger exports the document type only; its parts are named from it.
type PathItem = OpenAPIObject['paths'][string];
type Reference = { readonly $ref: string };
export type OperationObject = NonNullable<PathItem['get']>;
export type ParameterObject = Exclude<NonNullable<OperationObject['parameters']>[number], Reference>;
export type ResponseObject = Exclude<OperationObject['responses'][string], Reference>;
export type SchemaObject = Exclude<NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string], Reference>;

const integer = (minimum = 0): SchemaObject => ({ type: 'integer', minimum });
const text: SchemaObject = { type: 'string' };
const object = (required: string[], properties: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  required,
  properties: { ...Object.fromEntries(required.map((name) => [name, {}])), ...properties },
});

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: text,
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: text,
    rule: text,
    correlationId: text,
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: text, message: text } } },
  },
};

export const COMMAND_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'revision', 'events'],
  properties: {
    customerId: text,
    actionId: { type: 'string', description: 'The retention action recorded (POST .../retention-actions only)' },
    revision: integer(-1),
    events: { type: 'array', items: text },
    position: integer(),
  },
};

const COMPLAINT_SCHEMA = object(
  ['customerId', 'complaintId', 'status', 'stage', 'filedAt', 'dueAt', 'escalated', 'extended', 'warned', 'breached', 'isOverdue'],
  {
    status: { type: 'string', enum: ['open', 'resolved'] },
    stage: { type: 'string', enum: ['filed', 'investigating', 'responded', 'resolved'] },
    assignee: text,
    dueAt: { type: 'string', format: 'date-time' },
    extended: { type: 'boolean' },
    warned: { type: 'boolean', description: 'The pre-breach warning was issued for the current due date' },
    breached: { type: 'boolean' },
  },
);
const CLUSTER_RUN = object(['runId', 'createdAt', 'kMin', 'kMax', 'seed', 'k', 'silhouette', 'silhouetteByK', 'features', 'clusters']);

/** Success bodies by route, as the controllers build them (the read models name the fields). */
const FILED_REPORT = object(['id', 'name', 'query', 'knownAt', 'filedAt', 'filedBy', 'eventPosition', 'result', 'digest'], {
  eventPosition: integer(),
  digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
});

export const SUCCESS_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  '/v1/customers/{customerId}/history': object(['customerId', 'events'], {
    customerId: text,
    events: { type: 'array', items: object(['id', 'revision', 'position', 'type', 'data', 'metadata']) },
    nextRevision: integer(),
  }),
  '/v1/customers/{customerId}/history/verify': object(['valid', 'events'], { valid: { type: 'boolean' }, events: integer() }),
  '/v1/customers/{customerId}/state': object(['customerId', 'asOf', 'basis', 'eventsApplied', 'state'], {
    basis: { type: 'string', enum: ['occurred', 'recorded'] },
    eventsApplied: integer(),
  }),
  '/v1/customers/{customerId}/access-log': object(['customerId', 'entries'], { entries: { type: 'array', items: { type: 'object' } } }),
  '/v1/customers/{customerId}': object(['customerId']),
  '/v1/segments': { type: 'array', items: object(['count', 'dimensions']) },
  '/v1/segments/{segment}/customers': object(['segment', 'customers', 'next'], {
    customers: { type: 'array', items: { type: 'object' } },
    next: { type: 'string', nullable: true },
  }),
  '/v1/loyalty/leaderboard': { type: 'array', items: object(['customerId', 'rank']) },
  '/v1/loyalty/tiers': { type: 'array', items: object(['tier', 'customers']) },
  '/v1/loyalty/{customerId}': object(['customerId', 'balance', 'lifetimeEarned', 'redeemed', 'tier']),
  '/v1/satisfaction/trends': { type: 'array', items: { type: 'object' } },
  '/v1/complaints': object(['complaints', 'next'], {
    complaints: { type: 'array', items: COMPLAINT_SCHEMA },
    next: { type: 'string', nullable: true },
  }),
  '/v1/kpis': object([], {
    by: { type: 'string', description: 'With `by`, the body is `{from, to, by, groups: [{key, customers, ...the report}]}`' },
    activeAtStart: integer(),
    churnBase: { ...integer(), description: 'Customers active at the start plus those activated or reactivated in the period' },
    churnRate: { type: 'number', nullable: true, minimum: 0, maximum: 100, description: 'Churned while active / churnBase × 100' },
    cac: {
      type: 'array',
      description: 'Acquisition cost per customer, per currency, over the customers acquired in the period with a known cost',
      items: object(['currency', 'value', 'customers'], { currency: text, customers: integer(1) }),
    },
    acquiredWithoutCost: {
      ...integer(),
      description: 'Customers acquired in the period without a known acquisition cost (left out of cac)',
    },
    complaintsBy: {
      type: 'array',
      items: object(['category', 'severity', 'count', 'resolved', 'shareResolvedInTime', 'averageResolutionHours'], {
        count: integer(),
        resolved: integer(),
        shareResolvedInTime: {
          type: 'number',
          nullable: true,
          description: 'Percent of those resolved in the period resolved by their due date',
        },
        averageResolutionHours: { type: 'number', nullable: true },
      }),
    },
    // left out of a report as known then (knownAt): it counts the customers as known now
    retainedAfterAction: object(['customersAtRisk', 'retained', 'percent'], {
      customersAtRisk: integer(),
      retained: integer(),
      percent: { type: 'number', nullable: true },
    }),
  }),
  '/v1/retention/worklist': object(['customers', 'next'], {
    customers: {
      type: 'array',
      items: object(['customerId', 'segment', 'score', 'reasons', 'atRiskSince', 'assessedAt', 'lastAction'], {
        customerId: text,
        segment: text,
        score: { type: 'integer', minimum: 0, maximum: 100 },
        reasons: { type: 'array', items: object(['signal', 'value', 'points']) },
        atRiskSince: { type: 'string', nullable: true },
        assessedAt: { type: 'string', nullable: true },
        lastAction: {
          type: 'object',
          nullable: true,
          required: ['actionId', 'kind', 'recordedAt', 'outcome', 'outcomeAt'],
          properties: {
            actionId: text,
            kind: text,
            recordedAt: text,
            outcome: { type: 'string', nullable: true },
            outcomeAt: { type: 'string', nullable: true },
          },
        },
      }),
    },
    next: { type: 'string', nullable: true },
  }),
  '/v1/customers/{customerId}/segments/history': object(['customerId', 'changes'], {
    customerId: text,
    changes: { type: 'array', items: object(['customerId', 'at', 'from', 'to', 'cause']) },
  }),
  '/v1/segments/migrations': object(['from', 'to', 'migrations'], {
    migrations: { type: 'array', items: object(['from', 'to', 'customers']) },
  }),
  '/v1/reports': object(['reports'], { reports: { type: 'array', items: FILED_REPORT } }),
  '/v1/reports/{id}': FILED_REPORT,
  '/v1/reports/{id}/reproduce': object(['id', 'identical', 'digest', 'recomputedDigest', 'differences'], {
    identical: { type: 'boolean' },
    differences: { type: 'array', items: object(['field', 'filed', 'recomputed']) },
  }),
  '/v1/cohorts': object(['granularity', 'from', 'to', 'asOf', 'currency', 'cohorts'], {
    cohorts: { type: 'array', items: object(['period', 'size', 'retainedPercent', 'revenue', 'totalRevenue']) },
  }),
  '/v1/customers': object(['customers', 'next'], {
    customers: { type: 'array', items: object(['customerId', 'valueToDate', 'projectedValue', 'expectedFutureMonths']) },
    next: { type: 'string', nullable: true },
  }),
  '/v1/clusters/runs': object(['runs', 'next'], {
    runs: { type: 'array', items: object(['runId', 'createdAt', 'k', 'seed', 'silhouette', 'clusters']) },
    next: { type: 'string', nullable: true },
  }),
  '/v1/clusters/runs/{runId}': CLUSTER_RUN,
  '/v1/clusters/runs/{runId}/clusters/{n}/customers': object(['customers', 'next'], {
    customers: { type: 'array', items: object(['customerId', 'cluster', 'features']) },
    next: { type: 'string', nullable: true },
  }),
  '/v1/projections': object(['projections'], { projections: { type: 'array', items: object(['name', 'position']) } }),
  '/v1/signals': object(['signals', 'next'], {
    signals: {
      type: 'array',
      items: object(['position', 'signal'], {
        position: integer(),
        signal: object(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'], {
          specversion: { type: 'string', enum: ['1.0'] },
          type: { type: 'string', pattern: '^rapport\\.customer\\.[a-z-]+\\.v1$' },
          time: { type: 'string', format: 'date-time' },
          datacontenttype: { type: 'string', enum: ['application/json'] },
          data: object(['customerId']),
        }),
      }),
    },
    next: integer(),
  }),
  '/health': object(['status', 'adapters', 'roles'], {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    roles: object(['http', 'ingestion', 'ownedWork'], {
      http: object(['status'], { status: { type: 'string', enum: ['ready', 'unavailable'] } }),
      ingestion: object(['status', 'partitions'], {
        status: { type: 'string', enum: ['off', 'waiting', 'consuming'] },
        partitions: { type: 'array', items: { type: 'integer' } },
      }),
      ownedWork: object(['owned', 'following'], {
        owned: { type: 'array', items: { type: 'string' } },
        following: { type: 'array', items: { type: 'string' } },
      }),
    }),
  }),
};

/** Bodies of the POST routes that create something other than a customer's events. */
export const CREATED_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  '/v1/clusters/runs': CLUSTER_RUN,
  '/v1/reports': FILED_REPORT,
  '/v1/audit/anchors': object(['sequence', 'position', 'anchoredAt', 'digest', 'streams'], {
    sequence: integer(),
    position: integer(),
    anchoredAt: { type: 'string', format: 'date-time' },
    digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    streams: integer(),
  }),
};

const DECIMALS = (digits: number, isPositive: boolean): string => {
  const fraction = digits === 0 ? '' : `(\\.[0-9]{1,${digits}})?`;
  if (!isPositive) return `^(0|[1-9][0-9]{0,17})${fraction}$`;
  if (digits === 0) return '^[1-9][0-9]{0,17}$';
  const belowOne = Array.from({ length: digits }, (_, zeros) => `${'0'.repeat(zeros)}[1-9][0-9]{0,${digits - 1 - zeros}}`).join('|');
  return `^([1-9][0-9]{0,17}${fraction}|0\\.(${belowOne}))$`;
};

/**
 * Money as the server checks it: an ISO 4217 code, and an amount with no more decimals than that
 * currency has, written as one alternative per number of decimals.
 */
export function moneySchema(isPositive: boolean): SchemaObject {
  const byDigits = new Map<number, string[]>();
  for (const code of ISO_4217_CURRENCIES) byDigits.set(currencyExponent(code), [...(byDigits.get(currencyExponent(code)) ?? []), code]);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    description: `A decimal string${isPositive ? ' greater than zero' : ''} and an ISO 4217 currency, e.g. {"amount": "1250.00", "currency": "CNY"}`,
    oneOf: [...byDigits].map(([digits, codes]) => ({
      properties: { amount: { type: 'string', pattern: DECIMALS(digits, isPositive) }, currency: { type: 'string', enum: codes } },
    })),
    properties: { amount: { type: 'string', example: '1250.00' }, currency: { type: 'string', example: 'CNY' } },
  };
}
