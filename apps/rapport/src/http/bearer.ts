import type { Request } from 'express';
import type { ApiKeyRegistry } from '../security/api-keys';
import type { Principal } from '../security/roles';

/** The key of an `Authorization: Bearer <key>` header (scheme case-insensitive, any spacing), else undefined. */
export function bearerKeyOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

const AUTHENTICATED = Symbol('authenticated');
type Remembering = Request & { [AUTHENTICATED]?: { readonly principal: Principal | undefined } };

/**
 * Who the request's bearer key authenticates as (undefined without a key or with an unknown one).
 * The rate limit and the guard both ask; the key is hashed and looked up once per request.
 */
export function authenticatedPrincipal(request: Request, keys: ApiKeyRegistry): Principal | undefined {
  const remembering = request as Remembering;
  const known = remembering[AUTHENTICATED];
  if (known !== undefined) return known.principal;
  const key = bearerKeyOf(request.headers.authorization);
  const principal = key === undefined ? undefined : keys.authenticate(key);
  remembering[AUTHENTICATED] = { principal };
  return principal;
}
