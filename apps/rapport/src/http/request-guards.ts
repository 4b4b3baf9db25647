import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { problem, sendProblem } from './problem';
import type { FieldError } from './problem';

/** Keys that mean something to JavaScript objects; refused wherever input has keys (bodies, queries). */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any request body needs; checked before the validator recurses into it. */
export const MAX_BODY_DEPTH = 16;

interface Route {
  readonly pattern: RegExp;
  readonly methods: readonly string[];
}

/** The served routes by their number of path segments: a path can only match a route as long as it. */
export type RouteTable = ReadonlyMap<number, readonly Route[]>;

/** The served routes as the OpenAPI document lists them, so 405 and `Allow` agree with the document. */
export function routesOf(document: OpenAPIObject): RouteTable {
  const table = new Map<number, Route[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    const methods = Object.keys(item)
      .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
      .map((m) => m.toUpperCase());
    const source = path
      .split('/')
      .map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const route = { pattern: new RegExp(`^${source}/?$`, 'i'), methods: methods.includes('GET') ? [...methods, 'HEAD'] : methods };
    const segments = segmentCount(path);
    table.set(segments, [...(table.get(segments) ?? []), route]);
  }
  return table;
}

/** Segments of a path, a trailing slash aside (the route patterns accept one); a parameter is one segment. */
function segmentCount(path: string): number {
  return path.replace(/\/$/, '').split('/').length;
}

/**
 * Checks what can be judged before routing and parsing: a path that does not decode (400), a
 * method the route does not have (405 with Allow), a body that is not JSON (415), reserved query keys.
 */
export function requestLineGuard(routes: RouteTable) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!decodes(request.path)) {
      return sendProblem(
        request,
        response,
        problem('malformed-path', 'Malformed path', 400, { detail: 'The path has a malformed percent-escape.' }),
      );
    }
    const matching = (routes.get(segmentCount(request.path)) ?? []).filter((route) => route.pattern.test(request.path));
    const allowed = [...new Set(matching.flatMap((route) => route.methods))];
    if (matching.length > 0 && !allowed.includes(request.method)) {
      response.setHeader('Allow', allowed.join(', '));
      return sendProblem(
        request,
        response,
        problem('method-not-allowed', 'Method not allowed', 405, {
          detail: 'This route does not answer this method; see the Allow header.',
        }),
      );
    }
    if (matching.length > 0 && hasBody(request) && !request.is('application/json')) {
      return sendProblem(
        request,
        response,
        problem('unsupported-media-type', 'Unsupported media type', 415, { detail: 'Send the body as application/json.' }),
      );
    }
    const reserved = Object.keys(request.query).find((key) => RESERVED_KEYS.has(key));
    if (reserved !== undefined)
      return sendInvalid(request, response, { field: reserved, message: `${reserved} is not an accepted parameter name` });
    next();
  };
}

/** After the JSON parser: nesting depth and reserved keys, walked without recursion so no depth can overflow the stack. */
export function bodyShapeGuard(request: Request, response: Response, next: NextFunction): void {
  const fault = shapeFault(request.body);
  if (fault === undefined) return next();
  sendInvalid(request, response, fault);
}

/** The reserved key is named (a fixed word); no other key of the body is repeated back. */
export function shapeFault(body: unknown): FieldError | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { field: '(body)', message: `the body is nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) return { field: key, message: `${key} is not an accepted field name` };
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}

function sendInvalid(request: Request, response: Response, fault: FieldError): void {
  sendProblem(
    request,
    response,
    problem('invalid-input', 'Invalid input', 400, { detail: 'The request has invalid fields.', errors: [fault] }),
  );
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}
