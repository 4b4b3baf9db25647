import { ExpressAdapter } from '@nestjs/platform-express';
import { domainError } from '@rapport/customer-domain';
import type { Response } from 'express';
import { DomainRejection, MissingResource, ProjectionBehind } from './answers';
import { wantsCsv, sendCsv } from './csv/csv-answer';
import { AuditResult, CommandResult, OfferedAsCsv, QueryResult, Readiness } from './outcomes';
import { InvalidInput } from './validation';

export const POSITION_HEADER = 'X-Projection-Position';
export const EVENT_POSITION_HEADER = 'X-Event-Position';

interface Answer {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one place a controller's return value becomes a status, headers and body (style.md §8):
 * Nest hands every value a route returns to its HTTP adapter's `reply`. Values that are not
 * outcomes (metrics text) pass through; refusals are thrown to ProblemDetailsFilter; an answer
 * OfferedAsCsv goes out as CSV when the caller asks for it, as JSON otherwise. Not an
 * interceptor: Nest runs each interceptor of a route through RxJS and an AsyncResource per
 * request, a cost every request of the route pays (README, "HTTP answers").
 */
export class OutcomeAdapter extends ExpressAdapter {
  override reply(response: Response, value: unknown, statusCode?: number): unknown {
    const offer = value instanceof OfferedAsCsv ? value : undefined;
    const returned = offer === undefined ? value : offer.answer;
    const answer = answerOf(returned, response.req.method, response) ?? { status: statusCode, body: returned };
    for (const [name, header] of Object.entries(answer.headers ?? {})) response.setHeader(name, header);
    if (offer !== undefined && wantsCsv(response.req)) return sendCsv(response, offer.table, answer.body);
    return super.reply(response, answer.body, answer.status);
  }
}

function answerOf(value: unknown, method: string, response: Response): Answer | undefined {
  if (value instanceof CommandResult) return commandAnswer(value, method);
  if (value instanceof QueryResult) return queryAnswer(value, response);
  if (value instanceof AuditResult) {
    if (value.body === undefined) throw new DomainRejection(domainError('customer-not-found', 'no such customer'));
    return { status: 200, body: value.body };
  }
  if (value instanceof Readiness) return { status: value.isReady ? 200 : 503, body: value.report };
  return undefined;
}

/** 201 when events were appended (a replay included: it answers as the first time), 200 for a no-op; PATCH answers 200. */
function commandAnswer({ customerId, outcome, madeIds }: CommandResult, method: string): Answer {
  if (outcome.kind === 'rejected') throw new DomainRejection(outcome.rejection);
  const hasEvents = outcome.eventTypes.length > 0;
  const body = {
    customerId,
    ...madeIds,
    revision: outcome.revision,
    events: outcome.eventTypes,
    ...(outcome.position !== undefined ? { position: outcome.position } : {}),
  };
  const headers: Record<string, string> = outcome.position !== undefined ? { [EVENT_POSITION_HEADER]: String(outcome.position) } : {};
  return { status: method === 'POST' && hasEvents ? 201 : 200, body, headers };
}

function queryAnswer({ result, resource }: QueryResult<unknown>, response: Response): Answer {
  if (result.kind === 'beyond-head') {
    throw new InvalidInput([
      { field: 'minPosition', message: 'minPosition must be a position a command answered with; the store has not reached it' },
    ]);
  }
  response.setHeader(POSITION_HEADER, String(result.position));
  if (result.kind === 'not-found' && resource !== 'customer') throw new MissingResource(resource);
  if (result.kind === 'not-found') throw new DomainRejection(domainError('customer-not-found', 'no such customer'));
  if (result.kind === 'behind') throw new ProjectionBehind(result.position, result.minPosition);
  return { status: 200, body: result.body };
}
