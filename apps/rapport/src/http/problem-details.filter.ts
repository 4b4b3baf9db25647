import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import { InvalidInput } from './validation';
import { isStreamRevisionConflict } from '@rapport/event-store';

/** Renders every error as problem+json in one place (style.md §8); never a stack trace or request data. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = String(request.headers['x-correlation-id'] ?? response.getHeader('x-correlation-id') ?? '');
    const body = { ...this.toProblem(error, correlationId), ...(correlationId ? { correlationId } : {}) };
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(error: unknown, correlationId: string): Problem {
    if (error instanceof InvalidInput) {
      return problem('invalid-input', 'Invalid input', 400, { detail: 'The request has invalid fields.', errors: error.fieldErrors });
    }
    if (isStreamRevisionConflict(error)) {
      return problem('concurrency-conflict', 'Concurrency conflict', 409, { detail: 'The customer changed concurrently; retry the command.' });
    }
    if (error instanceof HttpException) return fromHttpException(error);
    const status = bodyParserStatus(error);
    if (status) return problem('unreadable-body', 'Unreadable request body', status, { detail: 'The body is not valid JSON or is too large.' });
    this.logger.error({ msg: 'unhandled error', correlationId, error: describe(error) });
    return problem('internal-error', 'Internal error', 500, { detail: 'An unexpected error occurred; quote the correlation id.' });
  }
}

/** Nest raises these itself (unparseable body, unknown route, ...); their messages are not shown, they may echo input. */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  if (status === 400) return problem('unreadable-body', 'Unreadable request body', 400, { detail: 'The body is not valid JSON.' });
  if (status === 401) return problem('unauthorized', 'Unauthorized', 401, { detail: 'Send a valid API key as "Authorization: Bearer <key>".' });
  if (status === 403) return problem('forbidden', 'Forbidden', 403, { detail: error.message });
  if (status === 404) return problem('not-found', 'Not found', 404, { detail: 'No such route.' });
  if (status === 413) return problem('payload-too-large', 'Payload too large', 413, { detail: 'The body exceeds the size limit.' });
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
