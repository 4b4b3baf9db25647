import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { isStreamRevisionConflict } from '@rapport/event-store';
import { isInvalidCursor } from '@rapport/read-models';
import { DomainRejection, IdempotencyKeyReused, MissingResource, ProjectionBehind, ReportNotFound, TooFewCustomers } from './answers';
import { DOMAIN_ERROR_STATUS } from './domain-error-status';
import { problem, sendProblem, type Problem } from './problem';
import { InvalidInput } from './validation';

/** Renders every refusal as problem+json in one place (style.md §8); never a stack trace or a request value. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toProblem(error, request);
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (body.status === 503) response.setHeader('Retry-After', '1');
    sendProblem(request, response, body);
  }

  private toProblem(error: unknown, request: Request): Problem {
    if (error instanceof InvalidInput) {
      return problem('invalid-input', 'Invalid input', 400, { detail: 'The request has invalid fields.', errors: error.fieldErrors });
    }
    if (error instanceof DomainRejection) return rejectionProblem(error);
    if (error instanceof ReportNotFound)
      return problem('report-not-found', 'Report not found', 404, { detail: 'No filed report has this id.' });
    if (error instanceof MissingResource) {
      return problem(`${error.resource}-not-found`, 'Not found', 404, { detail: `No such ${error.resource.replace(/-/g, ' ')}.` });
    }
    if (error instanceof TooFewCustomers) {
      return problem('too-few-customers', 'Too few customers', 409, { detail: 'Clustering needs more customers than kMin; lower kMin.' });
    }
    if (error instanceof ProjectionBehind) {
      return problem('projection-behind', 'Read model not caught up', 503, {
        detail: 'The read model has not yet applied the position asked for; retry shortly.',
        // Both integers the server checked; minPosition is the one value repeated, so a client can match its retry.
        position: error.position,
        minPosition: error.minPosition,
      });
    }
    if (error instanceof IdempotencyKeyReused) {
      return problem('idempotency-key-reused', 'Idempotency-Key reused', 422, {
        detail: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
      });
    }
    if (isInvalidCursor(error)) {
      return problem('invalid-input', 'Invalid input', 400, {
        detail: 'The request has invalid fields.',
        errors: [{ field: 'cursor', message: 'cursor must be the `next` value of a previous page' }],
      });
    }
    if (isStreamRevisionConflict(error)) {
      return problem('concurrency-conflict', 'Concurrency conflict', 409, {
        detail: 'The customer changed concurrently; retry the command.',
      });
    }
    if (error instanceof HttpException) return fromHttpException(error);
    const status = bodyParserStatus(error);
    if (status === 413) return problem('payload-too-large', 'Payload too large', 413, { detail: 'The body exceeds the size limit.' });
    if (status) return problem('unreadable-body', 'Unreadable request body', status, { detail: 'The body is not valid JSON.' });
    this.logger.error({ msg: 'unhandled error', correlationId: request.headers['x-correlation-id'], error: describe(error) });
    return problem('internal-error', 'Internal error', 500, { detail: 'An unexpected error occurred; quote the correlation id.' });
  }
}

/** The rule's code and a title from it; the domain's message is not shown, it names ids from the request. */
function rejectionProblem({ error }: DomainRejection): Problem {
  const status = DOMAIN_ERROR_STATUS[error.code];
  const words = error.code.replace(/-/g, ' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  const field = error.details?.['field'];
  const errors = typeof field === 'string' ? { errors: [{ field, message: `${field} breaks the rule ${error.code}` }] } : {};
  return problem(error.code, title, status, { detail: `The request breaks the rule "${error.code}".`, rule: error.code, ...errors });
}

/** Nest raises these itself (unparseable body, unknown route, ...); their messages are not shown, they may echo input. */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  if (status === 400) return problem('unreadable-body', 'Unreadable request body', 400, { detail: 'The body is not valid JSON.' });
  if (status === 401)
    return problem('unauthorized', 'Unauthorized', 401, { detail: 'Send a valid API key as "Authorization: Bearer <key>".' });
  if (status === 403) return problem('forbidden', 'Forbidden', 403, { detail: 'The role of this API key may not use this route.' });
  if (status === 404) return problem('not-found', 'Not found', 404, { detail: 'No such route.' });
  return problem(`http-${status}`, STATUS_CODES[status] ?? 'Error', status);
}

/** express's body parser reports malformed or oversized bodies with a 4xx status on the error. */
function bodyParserStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; type?: unknown } | null)?.status;
  const type = (error as { type?: unknown } | null)?.type;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string' ? status : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
