import type { Response } from 'express';
import type { DomainError } from '@rapport/customer-domain';
import type { CustomerCommandOutcome } from '../commands/execute-customer-command';
import { DOMAIN_ERROR_STATUS } from './domain-error-status';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/** 201 when events were appended, 200 for a no-op duplicate, the rule's status for a rejection (api.md). */
export function sendCommandOutcome(response: Response, customerId: string, outcome: CustomerCommandOutcome): void {
  if (outcome.kind === 'rejected') return sendDomainError(response, outcome.rejection);
  if (outcome.position !== undefined) response.setHeader('X-Event-Position', String(outcome.position));
  response.status(outcome.kind === 'appended' ? 201 : 200).json({
    customerId,
    revision: outcome.revision,
    events: outcome.eventTypes,
    ...(outcome.position !== undefined ? { position: outcome.position } : {}),
  });
}

export function sendDomainError(response: Response, error: DomainError): void {
  const status = DOMAIN_ERROR_STATUS[error.code];
  const extra = { detail: error.message, rule: error.code, ...(error.details ? { details: error.details } : {}) };
  response.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem(error.code, titleOf(error.code), status, extra)));
}

function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
