import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyRegistry } from '../security/api-keys';
import { bearerKeyOf } from './bearer';
import { problem, sendProblem } from './problem';

/** For the API docs when RAPPORT_DOCS_PUBLIC=false: any valid key may read them. */
export function requireAnyKey(keys: ApiKeyRegistry | 'disabled') {
  return (request: Request, response: Response, next: NextFunction): void => {
    const key = bearerKeyOf(request.headers.authorization);
    if (keys === 'disabled' || (key !== undefined && keys.authenticate(key))) return next();
    response.setHeader('WWW-Authenticate', 'Bearer');
    sendProblem(
      request,
      response,
      problem('unauthorized', 'Unauthorized', 401, { detail: 'Send a valid API key as "Authorization: Bearer <key>".' }),
    );
  };
}
