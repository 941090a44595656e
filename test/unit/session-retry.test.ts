/**
 * The retry policy (src/session/retry.ts): jittered, bounded backoff; retries only what is worth
 * it; stops on a final error, on a guard, or after maxAttempts. Sleep and random are injected.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConferenceError } from '../../src/errors.js';
import { backoffMs, isRetryable, REQUEST_BACKOFF, withRetry } from '../../src/session/retry.js';

const fail = (code: ConferenceError['code']) => new ConferenceError(code, code);

describe('retry policy', () => {
  test('backoff doubles from initialMs, is capped at maxMs, and jitters downwards only', () => {
    const top = () => 0; // random() = 0: no jitter taken off
    assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, REQUEST_BACKOFF, top)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    const bottom = () => 0.999999;
    assert.equal(backoffMs(1, REQUEST_BACKOFF, bottom), 250);
    assert.equal(backoffMs(20, REQUEST_BACKOFF, bottom), 4000);
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs(1 + (i % 8));
      assert.ok(ms >= 250 && ms <= 8000, `bounded: ${ms}`);
    }
    assert.equal(backoffMs(0, REQUEST_BACKOFF, top), 500, 'a bad retry number counts as the first');
    assert.equal(backoffMs(1, { initialMs: 100, maxMs: 100, factor: 2, jitter: 7 }, bottom), 0, 'jitter is clamped to 1');
  });

  test('timeouts, lost sockets, internal errors and rate limits are retryable; the rest is final', () => {
    for (const code of ['timeout', 'server-unreachable', 'internal', 'rate-limited'] as const) assert.ok(isRetryable(fail(code)), code);
    for (const code of ['room-full', 'unauthorized', 'forbidden', 'invalid-params', 'not-found', 'protocol-mismatch'] as const) {
      assert.ok(!isRetryable(fail(code)), code);
    }
    assert.ok(!isRetryable(new Error('timeout')), 'only ConferenceErrors carry a code');
  });

  test('retries a timed-out operation with growing waits until it works', async () => {
    const waits: number[] = [];
    const retried: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        assert.equal(attempt, calls);
        if (attempt < 4) throw fail('timeout');
        return 'done';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    assert.equal(result, 'done');
    assert.deepEqual(waits, [500, 1000, 2000]);
    assert.deepEqual(retried, [1, 2, 3]);
  });

  test('a final error is thrown at once, without waiting', async () => {
    const waits: number[] = [];
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw calls === 1 ? fail('timeout') : fail('room-full');
        },
        { sleep: async (ms) => void waits.push(ms) },
      ),
      (e: ConferenceError) => e.code === 'room-full',
    );
    assert.equal(calls, 2);
    assert.equal(waits.length, 1);
  });

  test('maxAttempts bounds the tries; the last error is rethrown', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw fail('internal');
        },
        { maxAttempts: 3, sleep: async () => undefined },
      ),
      (e: ConferenceError) => e.code === 'internal',
    );
    assert.equal(calls, 3);
  });

  test('the guard stops the loop, before a try and after a wait', async () => {
    let stopped = false;
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw fail('timeout');
        },
        {
          guard: () => {
            if (stopped) throw new Error('stale');
          },
          sleep: async () => {
            stopped = true; // leave() during the wait
          },
        },
      ),
      /stale/,
    );
    assert.equal(calls, 1);
  });

  test('a custom predicate decides what is retried', async () => {
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw fail('not-found');
        return calls;
      },
      { retryable: (e) => e instanceof ConferenceError && e.code === 'not-found', sleep: async () => undefined },
    );
    assert.equal(value, 2);
  });
});
