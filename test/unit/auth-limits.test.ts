/** Token buckets, the Origin check and the access-control config. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket, KeyedBuckets } from '../../server/auth/token-bucket.js';
import { originAllowed, parseAllowedOrigins } from '../../server/auth/origin.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { claimsFromArgs, UsageError } from '../../server/auth/token-cli.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('auth: TokenBucket', () => {
  it('allows a burst of capacity, then refills at the rate', () => {
    const c = clock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2, now: c.now });
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
    c.advance(499);
    assert.equal(bucket.take(), false);
    c.advance(1);
    assert.equal(bucket.take(), true);
    assert.equal(bucket.take(), false);
    c.advance(10_000);
    assert.equal(bucket.available, 3, 'never above capacity');
    assert.equal(bucket.full, true);
  });

  it('take(n) is all or nothing; a clock going back does not add tokens', () => {
    const c = clock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: c.now });
    assert.equal(bucket.take(4), true);
    assert.equal(bucket.take(2), false);
    assert.equal(bucket.available, 1);
    c.advance(-5000);
    assert.equal(bucket.available, 1);
  });

  it('refuses nonsense options', () => {
    assert.throws(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }), RangeError);
    assert.throws(() => new TokenBucket({ capacity: 1, refillPerSecond: -1 }), RangeError);
  });

  it('KeyedBuckets: one bucket per key, full ones swept', () => {
    const c = clock();
    const buckets = new KeyedBuckets({ capacity: 2, refillPerSecond: 1, now: c.now }, 2);
    assert.deepEqual([buckets.take('a'), buckets.take('a'), buckets.take('a')], [true, true, false]);
    assert.equal(buckets.take('b'), true, 'another key is not affected');
    assert.equal(buckets.take('c'), false, 'maxKeys reached and nothing to sweep');
    c.advance(5000);
    buckets.sweep();
    assert.equal(buckets.size, 0);
    assert.equal(buckets.take('c'), true);
  });
});

describe('auth: origin check', () => {
  const open = { allowed: undefined, allowLocalhost: true };
  const secure = { allowed: undefined, allowLocalhost: false };

  it('allows clients without Origin (not browsers)', () => {
    assert.equal(originAllowed(undefined, 'example.com', secure), true);
  });

  it('default: own origin, plus localhost in open mode', () => {
    assert.equal(originAllowed('https://meet.example.com', 'meet.example.com', secure), true);
    assert.equal(originAllowed('https://evil.example', 'meet.example.com', secure), false);
    assert.equal(originAllowed('http://localhost:5173', 'meet.example.com', secure), false);
    assert.equal(originAllowed('http://localhost:5173', '127.0.0.1:3000', open), true);
    assert.equal(originAllowed('http://127.0.0.1:9', '127.0.0.1:3000', open), true);
    assert.equal(originAllowed('http://[::1]:9', '127.0.0.1:3000', open), true);
    assert.equal(originAllowed('http://localhost.evil.example', '127.0.0.1:3000', open), false);
    assert.equal(originAllowed('null', '127.0.0.1:3000', open), false);
    assert.equal(originAllowed('file://x', '127.0.0.1:3000', open), false);
  });

  it('an explicit list replaces the defaults; * allows any', () => {
    const policy = { allowed: parseAllowedOrigins('https://app.example.com, HTTPS://Other.example:8443'), allowLocalhost: true };
    assert.equal(originAllowed('https://app.example.com', 'sfu.example.com', policy), true);
    assert.equal(originAllowed('https://other.example:8443', 'sfu.example.com', policy), true);
    assert.equal(originAllowed('http://app.example.com', 'sfu.example.com', policy), false, 'scheme matters');
    assert.equal(originAllowed('http://localhost:3000', 'localhost:3000', policy), false);
    assert.equal(originAllowed('https://x.example', 'h', { allowed: ['*'], allowLocalhost: false }), true);
    assert.throws(() => parseAllowedOrigins('app.example.com'), /not an http\(s\) origin/);
  });
});

describe('auth: config', () => {
  const base = { NUM_WORKERS: '1' };
  it('open mode by default, secure with a long enough secret', () => {
    assert.equal(loadConfig({}, base).secret, undefined);
    assert.equal(loadConfig({}, { ...base, CONF_KIT_SECRET: 'x'.repeat(32) }).secret, 'x'.repeat(32));
  });

  it('a short secret is a config error that does not echo it', () => {
    assert.throws(
      () => loadConfig({}, { ...base, CONF_KIT_SECRET: 'hunter2-short' }),
      (e: unknown) => e instanceof ConfigError && /CONF_KIT_SECRET.*at least 32/.test(e.message) && !e.message.includes('hunter2'),
    );
  });

  it('TOKEN_MAX_TTL, ALLOWED_ORIGINS and rate limits from the environment', () => {
    const c = loadConfig({}, {
      ...base,
      TOKEN_MAX_TTL: '2h',
      ALLOWED_ORIGINS: 'https://a.example,https://b.example',
      RATE_LIMIT_JOINS_PER_MINUTE: '5',
      RATE_LIMIT_REQUESTS_PER_SECOND: '0',
    });
    assert.equal(c.tokenMaxTtlSeconds, 7200);
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(c.joinsPerMinute, 5);
    assert.equal(c.requestsPerSecond, 0);
    assert.equal(loadConfig({}, base).tokenMaxTtlSeconds, 86400);
    assert.throws(() => loadConfig({}, { ...base, TOKEN_MAX_TTL: 'forever' }), /TOKEN_MAX_TTL/);
    assert.throws(() => loadConfig({}, { ...base, ALLOWED_ORIGINS: 'nope' }), /ALLOWED_ORIGINS.*not an http/);
    assert.throws(() => loadConfig({}, { ...base, RATE_LIMIT_JOINS_PER_MINUTE: '-1' }), /RATE_LIMIT_JOINS_PER_MINUTE/);
  });

});

describe('auth: token CLI arguments', () => {
  it('maps flags to claims', () => {
    assert.deepEqual(claimsFromArgs(['--user', 'ada', '--room', 'standup', '--name', 'Ada', '--admin', '--record', '--listen-only', '--ttl', '2h']), {
      sub: 'ada',
      name: 'Ada',
      room: 'standup',
      grants: { admin: true, record: true, publish: false },
      ttlSeconds: 7200,
    });
    assert.deepEqual(claimsFromArgs(['--user', 'bo']), { sub: 'bo', room: '*', grants: {} });
  });

  it('refuses bad usage', () => {
    assert.throws(() => claimsFromArgs([]), UsageError);
    assert.throws(() => claimsFromArgs(['--user', 'a', '--ttl', 'soon']), /not a duration/);
    assert.throws(() => claimsFromArgs(['--user', 'a', '--bogus']), UsageError);
  });
});
