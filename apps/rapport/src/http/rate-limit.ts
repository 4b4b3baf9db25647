import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from '../security/api-keys';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client (its bearer key's hash prefix, else its address): `perSecond`
 * sustained, `burst` at once. Over the limit: 429 with Retry-After. Idle buckets are swept.
 */
export function rateLimitMiddleware(perSecond: number, burst: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();
  return (request: Request, response: Response, next: NextFunction): void => {
    const at = now();
    if (at - lastSweep > 60_000) lastSweep = sweep(buckets, at, burst / perSecond);
    const client = clientOf(request);
    const bucket = refill(buckets.get(client) ?? { tokens: burst, updatedAt: at }, at, perSecond, burst);
    buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond))));
    const body = problem('rate-limited', 'Too many requests', 429, { detail: `At most ${perSecond} requests per second per client.` });
    response.status(429).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  };
}

function refill(bucket: Bucket, at: number, perSecond: number, burst: number): Bucket {
  const tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * perSecond);
  return { tokens, updatedAt: at };
}

function sweep(buckets: Map<string, Bucket>, at: number, secondsToFull: number): number {
  for (const [client, bucket] of buckets) if (at - bucket.updatedAt > secondsToFull * 1000) buckets.delete(client);
  return at;
}

function clientOf(request: Request): string {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) return `key:${hashApiKey(header).slice(0, 16)}`;
  return `ip:${request.socket.remoteAddress ?? 'unknown'}`;
}
