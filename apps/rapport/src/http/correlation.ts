import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { CommandContext } from '@rapport/kernel';
import type { Reader } from '../audit/audit.service';
import type { AuthenticatedRequest } from './auth.guard';
import { idempotencyOf } from './idempotency';

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Every request gets a correlation id (the caller's, if well-formed) echoed in the response. */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.headers['x-correlation-id'];
  const correlationId = typeof given === 'string' && TOKEN.test(given) ? given : randomUUID();
  request.headers['x-correlation-id'] = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  next();
}

/** Who and what asked, for event metadata. An Idempotency-Key makes a retried request a no-op. */
export function commandContextOf(request: AuthenticatedRequest): CommandContext {
  const idempotent = idempotencyOf(request);
  const channel = header(request, 'x-channel');
  return {
    correlationId: String(request.headers['x-correlation-id']),
    actor: request.principal?.name ?? 'anonymous',
    channel: channel !== undefined && TOKEN.test(channel) ? channel : 'http',
    ...(idempotent ? { sourceMessage: idempotent.sourceMessage } : {}),
  };
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The caller as the access log records it: key name, role, and the route pattern (never the raw path). */
export function readerOf(request: AuthenticatedRequest): Reader {
  const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
  return {
    actor: request.principal?.name ?? 'anonymous',
    role: request.principal?.role ?? 'none',
    via: `${request.method} ${route}`,
    correlationId: String(request.headers['x-correlation-id']),
  };
}
