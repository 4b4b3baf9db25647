import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyRegistry } from '../security/api-keys';
import { authenticatedPrincipal } from './bearer';
import { problem, sendProblem } from './problem';
import { TokenBuckets } from './token-buckets';

export interface RateLimits {
  /** Requests per second per client (the key's name once authenticated, else the address); 0: no limit. */
  readonly perSecond: number;
  readonly burst: number;
  /** Requests with an unknown key per minute per address; 0: no limit. */
  readonly failedAuthPerMinute: number;
}

/**
 * Counts each request against who sent it: the authenticated key's name (however the header is
 * spelt), else the address. A request with a key that does not authenticate counts against its
 * address's allowance of failed attempts, so guessing keys is limited (429 with Retry-After).
 */
export function rateLimitMiddleware(limits: RateLimits, keys: ApiKeyRegistry | 'disabled', now: () => number = Date.now) {
  const requests = limits.perSecond > 0 ? new TokenBuckets(limits.perSecond, limits.burst, now) : undefined;
  const failures =
    limits.failedAuthPerMinute > 0 ? new TokenBuckets(limits.failedAuthPerMinute / 60, limits.failedAuthPerMinute, now) : undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    const address = `address:${request.socket.remoteAddress ?? 'unknown'}`;
    const principal = keys === 'disabled' ? undefined : authenticatedPrincipal(request, keys);
    const hasFailedAuth = keys !== 'disabled' && request.headers.authorization !== undefined && principal === undefined;
    const verdict = hasFailedAuth ? failures?.take(address) : requests?.take(principal ? `key:${principal.name}` : address);
    if (verdict === undefined || verdict.allowed) return next();
    response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    const detail = hasFailedAuth
      ? 'Too many requests with an unknown API key from this address.'
      : 'Too many requests from this client; retry after the time in Retry-After.';
    sendProblem(request, response, problem('rate-limited', 'Too many requests', 429, { detail }));
  };
}
