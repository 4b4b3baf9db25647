import { ManualClock } from '@rapport/kernel';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyRegistry, hashApiKey } from '../security/api-keys';
import { rateLimitMiddleware } from './rate-limit';

const KEY = 'rpk_gateway-secret';
const keys = new ApiKeyRegistry(
  [{ name: 'gateway', role: 'channel', sha256: hashApiKey(KEY) }],
  new ManualClock(new Date('2026-06-01T00:00:00Z')),
);
const frozen = () => 1_000_000;

/** Sends one request through the middleware; answers the status it would get (200 when passed on). */
function send(middleware: ReturnType<typeof rateLimitMiddleware>, authorization: string | undefined, address = '10.0.0.1'): number {
  let status = 200;
  const request = {
    headers: authorization === undefined ? {} : { authorization },
    socket: { remoteAddress: address },
    header: () => undefined,
  } as unknown as Request;
  const response = {
    setHeader: () => response,
    status: (code: number) => ((status = code), response),
    type: () => response,
    json: () => response,
    send: () => response,
    end: () => response,
    getHeader: () => undefined,
    headersSent: false,
    locals: {},
  } as unknown as Response;
  middleware(request, response, (() => undefined) as NextFunction);
  return status;
}

describe('rate limit (issue #14: counted per identity, failed authentications limited per address)', () => {
  it('counts a key once however the Authorization header is spaced', () => {
    const limit = rateLimitMiddleware({ perSecond: 1, burst: 2, failedAuthPerMinute: 0 }, keys, frozen);
    expect([send(limit, `Bearer ${KEY}`), send(limit, `Bearer  ${KEY}`), send(limit, `bearer   ${KEY}`)]).toEqual([200, 200, 429]);
  });

  it('limits requests with unknown keys per address, and leaves other addresses and the real key alone', () => {
    const limit = rateLimitMiddleware({ perSecond: 100, burst: 100, failedAuthPerMinute: 3 }, keys, frozen);
    const guesses = Array.from({ length: 4 }, (_, i) => send(limit, `Bearer guess-${i}`));
    expect(guesses).toEqual([200, 200, 200, 429]);
    expect(send(limit, 'Bearer guess-x', '10.0.0.2')).toBe(200);
    expect(send(limit, `Bearer ${KEY}`)).toBe(200);
  });
});
