/**
 * Reliability, server side (docs/reliability.md): /metrics, resume grace, resume, restartIce,
 * serverShutdown, a dead worker's rooms rejoined, the test-only delay hook. Real server, real
 * mediasoup workers, real WebSockets; no browser.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ResumeResult } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { Metrics, serveMetrics } from '../../server/metrics.js';
import { CLOSE_CODE_RESUMED_ELSEWHERE, ResumeManager, SwitchableChannel, type SessionHolder } from '../../server/resume.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { eventually, GAUGES, joinedPublisher, joinParams, scrape } from './reliability-helpers.js';

describe('server: metrics', () => {
  let server: ConfServer;
  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 30 });
  });
  after(async () => server?.close());

  it('GET /metrics serves Prometheus text whose gauges follow the rooms', async () => {
    const empty = await scrape(server);
    for (const name of GAUGES) assert.equal(empty.get(name), 0, name);
    assert.equal(empty.get('conf_kit_worker_routers'), 0);
    assert.ok((empty.get('conf_kit_worker_cpu_seconds') ?? -1) >= 0, 'per-worker CPU is reported');

    const a = await joinedPublisher(server, 'm-room', 'a', 1111);
    const b = await joinedPublisher(server, 'm-room', 'b', 2222);
    const consumer = await b.client.call('consume', { producerId: a.producerId, rtpCapabilities: b.joined.routerRtpCapabilities });
    const m = await scrape(server);
    assert.equal(m.get('conf_kit_rooms'), 1);
    assert.equal(m.get('conf_kit_participants'), 2);
    assert.equal(m.get('conf_kit_transports'), 4);
    assert.equal(m.get('conf_kit_producers'), 2);
    assert.equal(m.get('conf_kit_consumers'), 1);
    assert.equal(m.get('conf_kit_consumers_paused'), 1, 'consumers start paused');
    assert.equal(m.get('conf_kit_worker_routers'), 1);
    assert.equal(m.get('conf_kit_joins_total'), 2);

    await b.client.call('resumeConsumer', { consumerId: consumer.id });
    assert.equal((await scrape(server)).get('conf_kit_consumers_paused'), 0);
    const bad = await b.client.request('closeProducer', { producerId: 'nope' });
    assert.ok(!bad.ok);
    assert.equal((await scrape(server)).get('conf_kit_errors_total{code="not-found"}'), 1);

    await a.client.call('leave', {});
    await b.client.call('leave', {});
    const done = await scrape(server);
    for (const name of GAUGES) assert.equal(done.get(name), 0, `${name} back to 0`);
    assert.equal(done.get('conf_kit_leaves_total{reason="left"}'), 2);
    await Promise.all([a.client.close(), b.client.close()]);
  });

  it('answers loopback, or a Bearer METRICS_TOKEN; 401/403 otherwise', async () => {
    const metrics = new Metrics();
    const call = (remoteAddress: string, token: string | undefined, authorization?: string) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        let status = 0;
        const req = { socket: { remoteAddress }, headers: authorization ? { authorization } : {}, method: 'GET' } as unknown as IncomingMessage;
        const res = {
          writeHead(s: number) {
            status = s;
            return this;
          },
          end(body?: string) {
            resolve({ status, body: body ?? '' });
          },
        } as unknown as ServerResponse;
        serveMetrics(metrics, token, req, res);
      });
    const secret = 'a-metrics-token-of-some-length';
    assert.equal((await call('127.0.0.1', undefined)).status, 200);
    assert.equal((await call('::ffff:127.0.0.1', undefined)).status, 200);
    assert.equal((await call('10.1.2.3', undefined)).status, 403);
    assert.equal((await call('10.1.2.3', secret)).status, 401);
    assert.equal((await call('10.1.2.3', secret, 'Bearer wrong-token-of-the-same-len')).status, 401);
    const ok = await call('10.1.2.3', secret, `Bearer ${secret}`);
    assert.equal(ok.status, 200);
    assert.match(ok.body, /conf_kit_joins_total 0/);
    assert.throws(() => loadConfig({ metricsToken: 'short' }), ConfigError);
  });
});

describe('server: resume grace and resume', () => {
  let server: ConfServer;
  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 30 });
  });
  after(async () => server?.close());

  it('a dropped socket keeps the participant; resume re-attaches with the same media ids', async () => {
    const a = await joinedPublisher(server, 'r-room', 'a', 3333);
    const b = await joinedPublisher(server, 'r-room', 'b', 4444);
    const consumer = await a.client.call('consume', { producerId: b.producerId, rtpCapabilities: a.joined.routerRtpCapabilities });
    assert.equal(typeof a.joined.resumeToken, 'string');
    assert.ok(a.joined.resumeToken.length >= 32);

    a.client.ws.terminate();
    const lost = await b.client.waitFor('publisherReconnecting', (d) => d.userId === 'a' && d.reconnecting);
    assert.ok(lost);
    // Seen as reconnecting by a newcomer too, and everything is still there.
    const c = await SignalingTestClient.connect(server.url);
    const cJoin = await c.call('join', joinParams('r-room', 'c'));
    assert.equal(cJoin.publishers.find((p) => p.userId === 'a')?.reconnecting, true);
    let m = await scrape(server);
    assert.equal(m.get('conf_kit_participants'), 3);
    assert.equal(m.get('conf_kit_participants_reconnecting'), 1);
    assert.equal(m.get('conf_kit_transports'), 4);

    const again = await SignalingTestClient.connect(server.url);
    const resumed: ResumeResult = await again.call('resume', { resumeToken: a.joined.resumeToken, lastSeq: 7 });
    assert.deepEqual(resumed.transports.map((t) => t.id).sort(), [a.send.id, a.recv.id].sort());
    assert.deepEqual(resumed.producers.map((p) => p.id), [a.producerId]);
    assert.deepEqual(resumed.consumers.map((x) => [x.id, x.producerId, x.paused]), [[consumer.id, b.producerId, true]]);
    assert.deepEqual(resumed.publishers.map((p) => p.userId).sort(), ['b', 'c']);
    assert.equal(resumed.userId, 'a');
    const back = await b.client.waitFor('publisherReconnecting', (d) => d.userId === 'a' && !d.reconnecting);
    assert.ok(back);
    assert.deepEqual(b.client.received('publisherLeft'), [], 'no publisherLeft for a resumed peer');

    // The resumed session works: the old consumer id is still valid.
    await again.call('resumeConsumer', { consumerId: consumer.id });
    m = await scrape(server);
    assert.equal(m.get('conf_kit_resumes_total'), 1);
    assert.equal(m.get('conf_kit_participants_reconnecting'), 0);
    assert.equal(m.get('conf_kit_joins_total'), 3, 'a resume is not a join');

    // A second socket resuming the same session takes it over; the first is closed (4002).
    const third = await SignalingTestClient.connect(server.url);
    await third.call('resume', { resumeToken: a.joined.resumeToken });
    assert.equal((await again.closed).code, CLOSE_CODE_RESUMED_ELSEWHERE);
    assert.deepEqual(b.client.received('publisherLeft'), []);
    await third.call('requestKeyFrame', { consumerId: consumer.id });

    const twice = await third.request('resume', { resumeToken: a.joined.resumeToken });
    assert.ok(!twice.ok && twice.error.code === 'already-joined');
    await Promise.all([third.call('leave', {}), b.client.call('leave', {}), c.call('leave', {})]);
    await Promise.all([third.close(), b.client.close(), c.close()]);
  });

  it('resume refuses unknown tokens, bad params and ended sessions', async () => {
    const c = await SignalingTestClient.connect(server.url);
    const unknown = await c.request('resume', { resumeToken: 'x'.repeat(43) });
    assert.ok(!unknown.ok && unknown.error.code === 'not-found');
    const bad = await c.request('resume', { resumeToken: 42 });
    assert.ok(!bad.ok && bad.error.code === 'invalid-params');
    const a = await joinedPublisher(server, 'r2', 'a', 5555);
    await a.client.call('leave', {});
    const ended = await c.request('resume', { resumeToken: a.joined.resumeToken });
    assert.ok(!ended.ok && ended.error.code === 'not-found', 'a clean leave ends the session at once');
    await Promise.all([a.client.close(), c.close()]);
  });

  it('restartIce returns new ICE parameters; unknown transports are not-found', async () => {
    const a = await joinedPublisher(server, 'ice', 'a', 6666);
    const before = a.send.iceParameters as { usernameFragment: string };
    const restarts = (await scrape(server)).get('conf_kit_ice_restarts_total') ?? 0;
    const { iceParameters } = await a.client.call('restartIce', { transportId: a.send.id });
    assert.notEqual((iceParameters as { usernameFragment: string }).usernameFragment, before.usernameFragment);
    const missing = await a.client.request('restartIce', { transportId: 'no-such' });
    assert.ok(!missing.ok && missing.error.code === 'not-found');
    assert.equal((await scrape(server)).get('conf_kit_ice_restarts_total'), restarts + 1, 'one successful ICE restart counted, the refused one not');
    const fresh = await SignalingTestClient.connect(server.url);
    const notJoined = await fresh.request('restartIce', { transportId: a.send.id });
    assert.ok(!notJoined.ok && notJoined.error.code === 'not-joined');
    await a.client.call('leave', {});
    await Promise.all([a.client.close(), fresh.close()]);
  });
});

describe('server: grace expiry, shutdown, dead worker, test delay', () => {
  it('after the grace the participant is removed (publisherLeft disconnected) and resume is not-found', async () => {
    const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 0.3 });
    try {
      const a = await joinedPublisher(server, 'g', 'a', 7777);
      const b = await joinedPublisher(server, 'g', 'b', 8888);
      a.client.ws.terminate();
      await b.client.waitFor('publisherReconnecting', (d) => d.userId === 'a' && d.reconnecting);
      const left = await b.client.waitFor('publisherLeft', (d) => d.userId === 'a');
      assert.equal(left.data.reason, 'disconnected');
      const again = await SignalingTestClient.connect(server.url);
      const r = await again.request('resume', { resumeToken: a.joined.resumeToken });
      assert.ok(!r.ok && r.error.code === 'not-found');
      // Full rejoin with the same identity works.
      await again.call('join', joinParams('g', 'a'));
      await Promise.all([again.close(), b.client.close()]);
    } finally {
      await server.close();
    }
  });

  it('SIGTERM path: every client gets serverShutdown before its socket closes', async () => {
    const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', shutdownReconnectMs: 750 });
    const joined = await joinedPublisher(server, 's', 'a', 9999);
    const idle = await SignalingTestClient.connect(server.url);
    await server.close();
    for (const c of [joined.client, idle]) {
      const { code } = await c.closed;
      assert.equal(code, 1001);
      assert.deepEqual(c.received('serverShutdown'), [{ reconnectInMs: 750 }]);
    }
  });

  it('a dead worker: roomClosed {worker-died, rejoin}, the rejoin recreates the room, restarts are counted', async () => {
    const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent' });
    try {
      const a = await joinedPublisher(server, 'w', 'a', 1212);
      const m = await scrape(server);
      const pid = [...m.keys()].map((k) => /^conf_kit_worker_routers\{pid="(\d+)"/.exec(k)?.[1]).find(Boolean);
      assert.ok(pid, 'the worker pid is in the metrics');
      process.kill(Number(pid), 'SIGKILL');
      const closed = await a.client.waitFor('roomClosed');
      assert.deepEqual(closed.data, { reason: 'worker-died', rejoin: true });
      // Rejoining at once waits for the replacement worker instead of failing.
      const again = await a.client.call('join', joinParams('w', 'a'));
      assert.deepEqual(again.publishers, []);
      await a.client.call('createTransport', { direction: 'send' });
      const after = await scrape(server);
      assert.equal(after.get('conf_kit_worker_restarts_total'), 1);
      assert.equal(after.get('conf_kit_rooms'), 1);
      assert.ok(![...after.keys()].some((k) => k.includes(`pid="${pid}"`)), 'the dead worker is gone from the metrics');
      await a.client.close();
    } finally {
      await server.close();
    }
  });

  it('CONF_KIT_TEST_DELAY_MS is refused outside NODE_ENV=test and delays the first N requests in it', async () => {
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      assert.throws(() => loadConfig({ testDelayMs: 1000 }), /test-only/);
      process.env.NODE_ENV = 'test';
      const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', testDelayMs: 1500, testDelayFirstN: 1 });
      try {
        const slow = await SignalingTestClient.connect(server.url);
        const fast = await SignalingTestClient.connect(server.url);
        const order: string[] = [];
        const first = slow.call('ping', {}).then(() => order.push('delayed'));
        await new Promise((r) => setTimeout(r, 50));
        await fast.call('ping', {}).then(() => order.push('second'));
        await first;
        assert.deepEqual(order, ['second', 'delayed']);
        await Promise.all([slow.close(), fast.close()]);
      } finally {
        await server.close();
      }
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
  });
});

describe('resume manager: lost media (ICE/DTLS)', () => {
  class FakeParticipant extends EventEmitter {
    userId = 'p';
    reconnecting = false;
    closed = false;
    readonly notified: unknown[] = [];
    channel = new SwitchableChannel({
      notify: (method: string, data: unknown) => this.notified.push({ method, data }),
      close() {},
      releaseSession() {},
    } as unknown as SessionHolder);
  }
  const setup = (graceMs: number) => {
    const broadcasts: unknown[] = [];
    const left: string[] = [];
    const participant = new FakeParticipant();
    const room = {
      id: 'room',
      closed: false,
      broadcast: (method: string, data: unknown) => broadcasts.push({ method, data }),
      leave: (_p: unknown, reason: string) => {
        left.push(reason);
        participant.closed = true;
        participant.emit('closed', reason);
      },
    };
    const manager = new ResumeManager(graceMs, new Metrics(), createLogger('silent'));
    manager.register(room as never, participant as never);
    return { participant, broadcasts, left, manager };
  };

  it('ICE disconnected marks reconnecting; ICE back within the grace restores', async () => {
    const { participant, broadcasts, left } = setup(10_000);
    participant.emit('mediaLost', true);
    assert.equal(participant.reconnecting, true);
    participant.emit('mediaLost', false);
    assert.equal(participant.reconnecting, false);
    assert.deepEqual(broadcasts, [
      { method: 'publisherReconnecting', data: { userId: 'p', reconnecting: true } },
      { method: 'publisherReconnecting', data: { userId: 'p', reconnecting: false } },
    ]);
    assert.deepEqual(left, []);
    participant.emit('closed', 'left');
  });

  it('media lost past the grace: the client is told to rejoin and the others see it leave', async () => {
    const { participant, left } = setup(50);
    participant.emit('mediaLost', true);
    await eventually(() => left.length === 1, 'removed after the grace');
    assert.deepEqual(left, ['disconnected']);
    assert.deepEqual(participant.notified, [{ method: 'roomClosed', data: { reason: 'media-lost', rejoin: true } }]);
  });
});
