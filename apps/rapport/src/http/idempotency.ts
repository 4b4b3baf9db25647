import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdempotencyKeyReused } from './answers';
import type { AuthenticatedRequest } from './auth.guard';
import { InvalidInput } from './validation';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Keys remembered per process; older ones still replay appended commands through their event ids. */
const REMEMBERED_KEYS = 10_000;

export interface IdempotentRequest {
  /** Who used which key: a key belongs to its caller only. */
  readonly scope: string;
  /** What was asked with it: method, path and a digest of the body. */
  readonly fingerprint: string;
  /** Recorded on the events, so a replay finds what the first request appended, also after a restart. */
  readonly sourceMessage: string;
}

/** The request's Idempotency-Key (IETF draft), scoped to the caller and bound to the request; undefined without one. */
export function idempotencyOf(request: AuthenticatedRequest): IdempotentRequest | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new InvalidInput([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-128 letters, digits, ".", "_", ":" or "-"' }]);
  }
  const scope = digest(request.principal?.name ?? 'anonymous', key);
  const fingerprint = digest(request.method, request.path, canonicalJson(request.body ?? null));
  return { scope, fingerprint, sourceMessage: `http:${digest(scope, fingerprint)}` };
}

/**
 * Remembers what each key's first request got, so a replay answers exactly the same (status,
 * body, headers) without running again, and a key reused for another request is refused (422).
 * A request that failed (invalid, conflict, unavailable) is forgotten: it changed nothing, so a retry runs.
 * The command controllers call it around their work; as an interceptor it cost every command
 * request Nest's RxJS pipeline, about a tenth of the request thread's CPU per POST.
 */
@Injectable()
export class IdempotentReplies {
  private readonly requests = new Map<string, { readonly fingerprint: string; result?: unknown }>();

  async once<Result>(request: AuthenticatedRequest, work: () => Promise<Result>): Promise<Result> {
    const idempotent = idempotencyOf(request);
    if (idempotent === undefined) return work();
    const { scope, fingerprint } = idempotent;
    const known = this.requests.get(scope);
    if (known !== undefined && known.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    if (known?.result !== undefined) return known.result as Result;
    this.remember(scope, { fingerprint });
    try {
      const result = await work();
      this.remember(scope, { fingerprint, result });
      return result;
    } catch (error: unknown) {
      this.requests.delete(scope);
      throw error;
    }
  }

  private remember(scope: string, entry: { readonly fingerprint: string; result?: unknown }): void {
    this.requests.delete(scope);
    if (this.requests.size >= REMEMBERED_KEYS) this.requests.delete(this.requests.keys().next().value as string);
    this.requests.set(scope, entry);
  }
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** JSON with object keys sorted, so the same request written in another key order has the same digest. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
