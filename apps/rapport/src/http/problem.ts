import type { Request, Response } from 'express';

/** RFC 9457 problem details as api.md specifies them. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly correlationId?: string;
  readonly [extension: string]: unknown;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://rapport.dev/problems/';

export function problem(slug: string, title: string, status: number, extra: Partial<Problem> = {}): Problem {
  return { type: `${PROBLEM_BASE}${slug}`, title, status, ...extra };
}

/** Sends a problem with the request's correlation id, from the filter and from the middleware before routing alike. */
export function sendProblem(request: Request, response: Response, body: Problem): void {
  const correlationId = request.headers['x-correlation-id'];
  const withId = typeof correlationId === 'string' ? { ...body, correlationId } : body;
  response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(withId));
}
