import type { OpenAPIObject } from '@nestjs/swagger';
import { CUSTOMER_ID_PATTERN } from '@rapport/kernel';
import { BUSINESS_ID } from '../commands/requests/common.request';
import { RUN_ID_PATTERN } from '../queries/clusters/cluster-path.pipes';
import { REPORT_ID } from '../queries/reports/reports.requests';
import { SEGMENT_KEY_PATTERN } from '../queries/segments/segment-key.pipe';
import {
  COMMAND_RESPONSE_SCHEMA,
  CREATED_SCHEMAS,
  moneySchema,
  PROBLEM_SCHEMA,
  SUCCESS_SCHEMAS,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
  type SchemaObject,
} from './openapi.schemas';
import { EVENT_POSITION_HEADER, POSITION_HEADER } from './outcome-adapter';

const PATH_PATTERNS: Readonly<Record<string, string>> = {
  customerId: CUSTOMER_ID_PATTERN.source,
  complaintId: BUSINESS_ID.source,
  actionId: BUSINESS_ID.source,
  segment: SEGMENT_KEY_PATTERN,
  id: REPORT_ID.source,
  runId: RUN_ID_PATTERN.source,
  n: '^[0-9]{1,2}$',
};
const PUBLIC_PATHS = new Set(['/health']);
const problemRef = { $ref: '#/components/schemas/Problem' };

const PROBLEMS: Readonly<Record<number, string>> = {
  400: 'Invalid input: every field named in `errors`, or a malformed path, body or cursor',
  401: 'No API key, or an unknown one',
  403: "The key's role may not use this route",
  404: 'Unknown customer (`rule: customer-not-found`), complaint, report, retention action, or cluster run (or cluster number of a run)',
  409: 'A broken business rule (`rule` names it) or a concurrent change',
  413: 'The body is larger than 64 KB',
  415: 'The body is not application/json',
  422: 'The Idempotency-Key was used before for a different request',
  429: 'Too many requests from this client, or too many unknown keys from this address',
  503: 'Not ready: the read model has not reached `minPosition`, or an adapter is down',
};

/**
 * Completes what Nest derives from the controllers with what it cannot see: every status a route
 * can answer and its body, the bearer scheme, path rules, `additionalProperties: false`, money
 * rules and links from an acquired customer to its routes (Schemathesis checks all of it).
 */
export function completeDocument(document: OpenAPIObject, options: { readonly isMetricsPublic: boolean }): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const schema of Object.values(schemas)) (schema as SchemaObject).additionalProperties = false;
  restrictRequestSchemas(schemas as Record<string, SchemaObject>);
  const operations = customerOperations(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      const isPublic = PUBLIC_PATHS.has(path) || (path === '/metrics' && options.isMetricsPublic);
      operation.security = isPublic ? [] : [{ bearer: [] }];
      operation.parameters = (operation.parameters as ParameterObject[] | undefined)?.map(withPathRule) ?? [];
      if (isCustomerCommand(path, method)) operation.parameters.push(IDEMPOTENCY_KEY);
      operation.responses = responsesOf(path, method, isPublic, answersCsv(operation));
      if (hasOnlyOptionalFields(operation, schemas as Record<string, SchemaObject>) && operation.requestBody) {
        operation.requestBody = { ...(operation.requestBody as object), required: false } as OperationObject['requestBody'];
      }
      if (path === '/v1/customers' && method === 'post') addLinks(operation, operations);
    }
  }
  return {
    ...document,
    components: {
      ...document.components,
      schemas: { ...schemas, Problem: PROBLEM_SCHEMA, CommandResponse: COMMAND_RESPONSE_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer rpk_...`' } },
    },
  };
}

/** A body whose every field may be left out may itself be left out: the server reads no body as `{}`. */
function hasOnlyOptionalFields(operation: OperationObject, schemas: Record<string, SchemaObject>): boolean {
  const content = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content;
  const reference = content?.['application/json']?.schema?.$ref;
  const schema = reference === undefined ? undefined : schemas[reference.split('/').at(-1) ?? ''];
  return schema !== undefined && (schema.required ?? []).length === 0 && schema.anyOf === undefined;
}

function restrictRequestSchemas(schemas: Record<string, SchemaObject>): void {
  schemas.MoneyRequest = moneySchema(false);
  schemas.PositiveMoneyRequest = moneySchema(true);
  const transaction = schemas.RecordTransactionRequest?.properties;
  if (transaction) transaction.amount = { $ref: '#/components/schemas/PositiveMoneyRequest' };
  const profile = schemas.UpdateProfileRequest;
  if (profile) profile.anyOf = [{ required: ['assets'] }, { required: ['riskProfile'] }];
}

function withPathRule(parameter: ParameterObject): ParameterObject {
  const pattern = parameter.in === 'path' ? PATH_PATTERNS[parameter.name] : undefined;
  return pattern ? { ...parameter, schema: { type: 'string', pattern } } : parameter;
}

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: a replay answers as the first time; the same key for a different request is 422',
  schema: { type: 'string', pattern: BUSINESS_ID.source },
};

function isCommand(method: string): boolean {
  return method === 'post' || method === 'patch';
}

/** A customer command answers CommandResponse; other POSTs (an anchor, ...) answer what they created. */
function isCustomerCommand(path: string, method: string): boolean {
  return isCommand(method) && path.startsWith('/v1/customers');
}

/** Routes declared with @Csv take `format` (FormatParam) and answer text/csv beside JSON. */
function answersCsv(operation: OperationObject): boolean {
  return (operation.parameters as ParameterObject[]).some((parameter) => parameter.in === 'query' && parameter.name === 'format');
}

function responsesOf(path: string, method: string, isPublic: boolean, isCsv: boolean): Record<string, ResponseObject> {
  const statuses = [400, 429, ...(isPublic ? [] : [401, 403])];
  const success: Record<string, ResponseObject> = {};
  if (isCommand(method) && !isCustomerCommand(path, method)) {
    statuses.push(409, 413, 415, 422);
    success['201'] = { description: 'Created', content: { 'application/json': { schema: CREATED_SCHEMAS[path] ?? { type: 'object' } } } };
  } else if (isCommand(method)) {
    statuses.push(404, 409, 413, 415, 422);
    const answer = (description: string): ResponseObject => ({
      description,
      headers: { [EVENT_POSITION_HEADER]: { schema: { type: 'integer' }, description: 'Global position written' } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandResponse' } } },
    });
    if (method === 'post') success['201'] = answer('Events appended (also the replay of an Idempotency-Key that appended)');
    success['200'] = answer(method === 'post' ? 'A no-op: a repeated business id' : 'Updated, or nothing changed');
  } else if (path === '/metrics') {
    success['200'] = { description: 'Prometheus text', content: { 'text/plain': { schema: { type: 'string' } } } };
  } else {
    success['200'] = {
      description: 'OK',
      ...(path.startsWith('/v1/') && !isAudit(path) ? { headers: { [POSITION_HEADER]: { schema: { type: 'integer' } } } } : {}),
      content: {
        'application/json': { schema: SUCCESS_SCHEMAS[path] ?? { type: 'object' } },
        ...(isCsv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
      },
    };
    if (path.includes('{customerId}') || path.includes('{runId}') || path.startsWith('/v1/reports/{id}')) statuses.push(404);
    if (path === '/health' || (path.startsWith('/v1/') && !isAudit(path))) statuses.push(503);
  }
  const problems: Record<string, ResponseObject> = Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: PROBLEMS[status] ?? 'Error', content: { 'application/problem+json': { schema: problemRef } } },
    ]),
  );
  if (path === '/health')
    problems['503'] = { description: 'An adapter is down', content: { 'application/json': { schema: SUCCESS_SCHEMAS['/health'] ?? {} } } };
  return { ...success, ...problems };
}

function isAudit(path: string): boolean {
  return /\/(history|state|access-log)(\/|$)/.test(path);
}

interface CustomerOperation {
  readonly path: string;
  readonly takesMinPosition: boolean;
}

function customerOperations(document: OpenAPIObject): Record<string, CustomerOperation> {
  const operations: Record<string, CustomerOperation> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/customers/{customerId}') || path.includes('{complaintId}') || path.includes('{actionId}')) continue;
    for (const operation of Object.values(item) as OperationObject[]) {
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      const takesMinPosition = parameters.some((parameter) => parameter.name === 'minPosition');
      if (operation.operationId) operations[operation.operationId] = { path, takesMinPosition };
    }
  }
  return operations;
}

/**
 * An acquired customer's id leads to its other routes, so stateful runs act on customers that exist;
 * read-model queries also get the acquisition's position, as a client reading its own write would.
 */
function addLinks(operation: OperationObject, operations: Record<string, CustomerOperation>): void {
  const created = operation.responses['201'] as ResponseObject | undefined;
  if (!created) return;
  created.links = Object.fromEntries(
    Object.entries(operations).map(([operationId, { takesMinPosition }]) => [
      operationId,
      {
        operationId,
        parameters: {
          customerId: '$response.body#/customerId',
          ...(takesMinPosition ? { minPosition: '$response.body#/position' } : {}),
        },
      },
    ]),
  );
}
