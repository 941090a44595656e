/** A keyed token bucket (per IP for REST, per sender for chat). Bounded memory: full buckets are dropped. */
export interface TokenBucketOptions {
  /** Bucket size: requests allowed in a burst. */
  burst: number;
  /** Refill rate. */
  perSecond: number;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Most keys tracked before idle (full) buckets are swept. */
  maxKeys?: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) throw new RangeError('token bucket: burst must be >= 1 and perSecond > 0');
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.options.burst, b.tokens + ((now - b.at) / 1000) * this.options.perSecond);
      b.at = now;
    } else {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = { tokens: this.options.burst, at: now };
      this.buckets.set(key, b);
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.options.perSecond >= this.options.burst) this.buckets.delete(key);
    }
    // Still full of active keys: drop the oldest to stay bounded.
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }

  get size(): number {
    return this.buckets.size;
  }
}
