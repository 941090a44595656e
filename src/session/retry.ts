/**
 * Retry policy (docs/reliability.md, "Overload"): a request that timed out (or met an internal
 * error, a rate limit, a lost socket) is tried again with a jittered, bounded exponential backoff,
 * until it works or the error is final (room-full, unauthorized, forbidden, invalid-params...).
 * The server makes the retried requests idempotent (join, createTransport, connectTransport,
 * consume, resumeConsumer), so a request that still completed on the server after the client
 * gave up on it does no harm.
 */
import { ConferenceError } from '../errors.js';
import type { ConferenceErrorCode } from '../state/types.js';

/** Errors worth another try; anything else is final. */
export const RETRYABLE_CODES: ReadonlySet<ConferenceErrorCode> = new Set<ConferenceErrorCode>([
  'timeout',
  'server-unreachable',
  'internal',
  'rate-limited',
]);

export function isRetryable(error: unknown): boolean {
  return error instanceof ConferenceError && RETRYABLE_CODES.has(error.code);
}

export interface BackoffPolicy {
  /** The base wait before the first retry, in ms. */
  readonly initialMs: number;
  /** The base wait never grows past this, in ms. */
  readonly maxMs: number;
  /** Growth of the base wait per retry. */
  readonly factor: number;
  /** 0..1: the wait is drawn uniformly from [base × (1 - jitter), base]. */
  readonly jitter: number;
}

/** Requests inside a connection (join, createTransport, consume, resumeConsumer...). */
export const REQUEST_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 8000, factor: 2, jitter: 0.5 };

/** The wait before retry `retry` (1-based): exponential, capped at `maxMs`, jittered down. */
export function backoffMs(retry: number, policy: BackoffPolicy = REQUEST_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(retry));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (n - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter * random()));
}

export interface RetryOptions {
  policy?: BackoffPolicy;
  /** Total tries, the first included (default: unlimited). */
  maxAttempts?: number;
  /** Which failures to retry (default: isRetryable). */
  retryable?: (error: unknown, attempt: number) => boolean;
  /** Called before every try and after every wait; throw (e.g. a StaleError) to stop. */
  guard?: () => void;
  /** Told about each failure that will be retried, with the wait before the next try. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation(attempt)` (attempt 1, 2, ...) until it resolves, a failure is not retryable,
 * `guard` throws, or `maxAttempts` tries failed (the last error is rethrown).
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { policy = REQUEST_BACKOFF, maxAttempts = Infinity, retryable = isRetryable, guard, onRetry } = options;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    guard?.();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !retryable(error, attempt)) throw error;
      guard?.();
      const delay = backoffMs(attempt, policy, options.random);
      onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
