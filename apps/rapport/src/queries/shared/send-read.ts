import { domainError } from '@rapport/customer-domain';
import type { Response } from 'express';
import { sendDomainError } from '../../http/command-response';
import { problem, PROBLEM_CONTENT_TYPE } from '../../http/problem';
import type { ReadResult } from './read-result';

export const POSITION_HEADER = 'X-Projection-Position';

/** 200 with the body, 404 for an unknown customer, 503 when the read model did not reach `minPosition` in time. */
export function sendRead<T>(response: Response, result: ReadResult<T>, customerId?: string): void {
  response.setHeader(POSITION_HEADER, String(result.position));
  if (result.kind === 'found') {
    response.status(200).json(result.body);
    return;
  }
  if (result.kind === 'not-found') {
    sendDomainError(response, domainError('customer-not-found', `no read model for customer ${customerId ?? ''}`.trim()));
    return;
  }
  const detail = `The read model reflects position ${result.position}, not yet ${result.minPosition}; retry shortly.`;
  const correlationId = response.getHeader('X-Correlation-Id');
  const extra = { detail, position: result.position, minPosition: result.minPosition, ...(typeof correlationId === 'string' ? { correlationId } : {}) };
  const body = problem('projection-behind', 'Read model not caught up', 503, extra);
  response.status(503).setHeader('Retry-After', '1').type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
