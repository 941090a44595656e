/**
 * Token buckets for rate limits (docs/auth.md#rate-limits): a bucket holds up to `capacity`
 * tokens, refills at `refillPerSecond`, and each action takes one. The clock is injectable so
 * tests need no timers.
 */
export type Clock = () => number;

export interface BucketOptions {
  /** Burst size: the most actions allowed at once. */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSecond: number;
  /** Milliseconds; default Date.now. */
  now?: Clock;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly now: Clock;

  constructor(private readonly options: BucketOptions) {
    if (!(options.capacity >= 1)) throw new RangeError('TokenBucket: capacity must be >= 1');
    if (!(options.refillPerSecond >= 0)) throw new RangeError('TokenBucket: refillPerSecond must be >= 0');
    this.now = options.now ?? Date.now;
    this.tokens = options.capacity;
    this.last = this.now();
  }

  /** Takes `n` tokens if there are enough; returns whether it did. */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Tokens available now. */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  /** Whether the bucket is full again (it can be forgotten). */
  get full(): boolean {
    return this.available >= this.options.capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.options.capacity, this.tokens + elapsed * this.options.refillPerSecond);
  }
}

/**
 * One bucket per key (an IP). Full buckets are forgotten by `sweep()`, so the map only holds
 * keys that were active lately; `maxKeys` bounds it against a flood of distinct keys.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, n = 1): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep();
      if (this.buckets.size >= this.maxKeys) return false;
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket.take(n);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets full buckets. */
  sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
  }
}
