interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per client: `perSecond` sustained, `burst` at once. Idle buckets are swept. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Takes a token for the client; when none is left, the seconds until one is. */
  take(client: string): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number } {
    const at = this.now();
    if (at - this.lastSweep > 60_000) this.sweep(at);
    const previous = this.buckets.get(client) ?? { tokens: this.burst, updatedAt: at };
    const bucket = { tokens: Math.min(this.burst, previous.tokens + ((at - previous.updatedAt) / 1000) * this.perSecond), updatedAt: at };
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) };
  }

  private sweep(at: number): void {
    const idleMs = (this.burst / this.perSecond) * 1000;
    for (const [client, bucket] of this.buckets) if (at - bucket.updatedAt > idleMs) this.buckets.delete(client);
    this.lastSweep = at;
  }
}
