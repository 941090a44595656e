/** Config of the meetings service: DATA_DIR, CONF_KIT_SECRET and the REST rate limit. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../server/config.js';
import { devSecret } from '../../server/meetings/index.js';

describe('meetings: config', () => {
  it('DATA_DIR defaults to ./data, resolved against the working directory', () => {
    assert.equal(loadConfig({}, {}).dataDir, path.resolve('data'));
    assert.equal(loadConfig({}, { DATA_DIR: '/tmp/x' }).dataDir, '/tmp/x');
  });
  it('no CONF_KIT_SECRET means open mode; a set one must be at least 32 characters', () => {
    assert.equal(loadConfig({}, {}).secret, undefined);
    assert.equal(loadConfig({}, { CONF_KIT_SECRET: ' ' }).secret, undefined);
    assert.throws(() => loadConfig({}, { CONF_KIT_SECRET: 'short' }), /CONF_KIT_SECRET.*32/);
    assert.equal(loadConfig({}, { CONF_KIT_SECRET: 'k'.repeat(32) }).secret, 'k'.repeat(32));
  });
  it('the REST rate limit is configurable and validated', () => {
    const c = loadConfig({}, { API_RATE_BURST: '5', API_RATE_PER_SECOND: '0.5' });
    assert.deepEqual([c.apiRateBurst, c.apiRatePerSecond], [5, 0.5]);
    assert.deepEqual([loadConfig({}, {}).apiRateBurst, loadConfig({}, {}).apiRatePerSecond], [120, 20]);
    assert.throws(() => loadConfig({}, { API_RATE_BURST: '0' }), /API_RATE_BURST/);
    assert.throws(() => loadConfig({}, { API_RATE_PER_SECOND: 'fast' }), /API_RATE_PER_SECOND/);
  });
  it('the open-mode dev secret is random, private (0600) and kept across calls', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'conf-kit-devsecret-'));
    try {
      const first = devSecret(dir);
      assert.match(first, /^[0-9a-f]{64}$/);
      assert.equal(devSecret(dir), first);
      assert.equal(readFileSync(path.join(dir, 'dev-secret'), 'utf8').trim(), first);
      assert.equal(statSync(path.join(dir, 'dev-secret')).mode & 0o777, 0o600);
      const other = mkdtempSync(path.join(os.tmpdir(), 'conf-kit-devsecret-'));
      assert.notEqual(devSecret(other), first);
      rmSync(other, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
