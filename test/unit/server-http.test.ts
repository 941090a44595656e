/**
 * The HTTP side: static files from STATIC_DIR, content types, no traversal, /healthz, and the
 * WebSocket upgrade only on /ws.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { resolveStaticPath } from '../../server/http.js';

describe('server: http', () => {
  let server: ConfServer;
  let dir: string;
  let outside: string;

  before(async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'conf-kit-http-'));
    dir = path.join(base, 'demo');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(path.join(dir, 'session.html'), '<!doctype html><title>session</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(dir, 'assets', 'app.css'), 'body{}');
    writeFileSync(outside, 'secret');
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', staticDir: dir });
  });

  after(async () => {
    await server?.close();
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  async function get(p: string): Promise<{ status: number; type: string | null; body: string }> {
    const res = await fetch(server.url + p);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }

  it('serves index.html for / and files with their content types', async () => {
    const index = await get('/');
    assert.equal(index.status, 200);
    assert.match(index.type ?? '', /^text\/html/);
    assert.match(index.body, /<title>demo/);
    assert.match((await get('/session.html')).body, /session/);
    assert.match((await get('/assets/app.js')).type ?? '', /^text\/javascript/);
    assert.match((await get('/assets/app.css')).type ?? '', /^text\/css/);
    assert.match((await get('/assets/app.js?v=1')).body, /export/);
  });

  it('answers 404 for missing files and traversal attempts', async () => {
    for (const p of ['/nope.js', '/assets/', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(p);
      assert.equal(res.status, 404, p);
      assert.doesNotMatch(res.body, /secret$/);
    }
    assert.equal(resolveStaticPath(dir, '/../secret.txt'), null);
    assert.equal(resolveStaticPath(dir, '/..\\secret.txt'), null);
    assert.equal(resolveStaticPath(dir, '/'), path.join(dir, 'index.html'));
  });

  it('serves /healthz as JSON', async () => {
    const res = await get('/healthz');
    assert.equal(res.status, 200);
    assert.match(res.type ?? '', /application\/json/);
    const body = JSON.parse(res.body) as { ok: boolean; rooms: number; workers: number };
    assert.deepEqual([body.ok, body.rooms, body.workers], [true, 0, 1]);
  });

  it('refuses methods other than GET/HEAD', async () => {
    const res = await fetch(server.url + '/', { method: 'POST', body: 'x' });
    assert.equal(res.status, 405);
    await res.text();
  });

  it('upgrades WebSockets on /ws only', async () => {
    const wsUrl = server.url.replace(/^http/, 'ws');
    const bad = new WebSocket(wsUrl + '/elsewhere');
    const failed = await new Promise<boolean>((resolve) => {
      bad.once('open', () => resolve(false));
      bad.once('error', () => resolve(true));
    });
    assert.ok(failed, 'an upgrade on another path is refused');
    const good = new WebSocket(wsUrl + '/ws');
    await new Promise<void>((resolve, reject) => {
      good.once('open', () => resolve());
      good.once('error', reject);
    });
    good.close();
    await new Promise((resolve) => good.once('close', resolve));
  });

  it('says "demo not built" when STATIC_DIR does not exist', async () => {
    const other = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', staticDir: path.join(dir, 'missing') });
    try {
      const res = await fetch(other.url + '/');
      assert.equal(res.status, 200);
      assert.match(await res.text(), /demo not built: run (<code>)?npm run build/);
    } finally {
      await other.close();
    }
  });
});

describe('server: config', () => {
  it('reads the environment, with overrides winning', () => {
    const c = loadConfig({ port: 0 }, { PORT: '4000', HOST: '0.0.0.0', MAX_PARTICIPANTS: '5', NUM_WORKERS: '3', LOG_LEVEL: 'warn' });
    assert.equal(c.port, 0);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.listenIp, '127.0.0.1', 'a wildcard HOST listens for media on loopback');
    assert.equal(c.maxParticipants, 5);
    assert.equal(c.numWorkers, 3);
    assert.equal(c.logLevel, 'warn');
    assert.ok(c.staticDir?.endsWith(path.join('dist', 'demo')));
  });

  it('uses a concrete HOST as the listen IP', () => {
    assert.equal(loadConfig({}, { HOST: '10.1.2.3' }).listenIp, '10.1.2.3');
    assert.equal(loadConfig({}, { HOST: '10.1.2.3', LISTEN_IP: '10.9.9.9', ANNOUNCED_IP: '203.0.113.7' }).announcedIp, '203.0.113.7');
  });

  it('names the variable on bad values', () => {
    assert.throws(() => loadConfig({}, { PORT: 'abc' }), /PORT/);
    assert.throws(() => loadConfig({}, { MAX_PARTICIPANTS: '0' }), /MAX_PARTICIPANTS/);
    assert.throws(() => loadConfig({}, { LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
    assert.throws(() => loadConfig({}, { ANNOUNCED_IP: 'example.com' }), /ANNOUNCED_IP/);
    assert.throws(() => loadConfig({}, { RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' }), /RTC_MIN_PORT/);
  });
});
