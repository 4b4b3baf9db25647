import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyRegistry } from '../security/api-keys';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/** For the API docs when RAPPORT_DOCS_PUBLIC=false: any valid key may read them. */
export function requireAnyKey(keys: ApiKeyRegistry | 'disabled') {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers.authorization;
    const key = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (keys === 'disabled' || (key && keys.authenticate(key))) return next();
    response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(401).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem('unauthorized', 'Unauthorized', 401)));
  };
}
