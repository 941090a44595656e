/**
 * server/webrtc-transports.ts `whenSettled()` and `onConnected`, and why they exist: mediasoup 3.8.4's
 * worker runs its "transport connected" step at DTLS connected and again at ICE completed, and a
 * simulcast consumer then drops packets until a keyframe (server/video-resume.ts).
 * A fake transport stands in for mediasoup's, whose ICE and DTLS states a test cannot drive.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { types as ms } from 'mediasoup';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { RESUME_SETTLE_CAP_MS } from '../../server/video-resume.js';
import { WebRtcTransports } from '../../server/webrtc-transports.js';
import { eventually, fakeDtls, joinParams, scrape, vp8RtpParameters } from './reliability-helpers.js';

class FakeTransport extends EventEmitter {
  readonly id = `t-${Math.random().toString(36).slice(2)}`;
  readonly observer = new EventEmitter();
  readonly iceParameters = {};
  readonly iceCandidates = [];
  readonly dtlsParameters = { fingerprints: [] };
  iceState: ms.IceState = 'new';
  dtlsState: ms.DtlsState = 'new';
  closed = false;
  async connect(): Promise<void> {}
  close(): void {
    this.closed = true;
    this.observer.emit('close');
  }
  set(ice: ms.IceState | null, dtls: ms.DtlsState | null): void {
    if (ice) {
      this.iceState = ice;
      this.emit('icestatechange', ice);
    }
    if (dtls) {
      this.dtlsState = dtls;
      this.emit('dtlsstatechange', dtls);
    }
  }
}

async function setUp() {
  const transport = new FakeTransport();
  const connected: string[] = [];
  const transports = new WebRtcTransports({
    router: { createWebRtcTransport: async () => transport } as unknown as ms.Router,
    settings: { listenIps: [{ ip: '127.0.0.1' }], initialAvailableOutgoingBitrate: 1_000_000 },
    userId: 'u',
    logger: createLogger('silent'),
    assertOpen: () => undefined,
    onMediaLost: () => undefined,
    onConnected: (direction) => connected.push(`${direction}:${transport.iceState}/${transport.dtlsState}`),
  });
  const info = await transports.create('recv');
  return { transport, transports, connected, info };
}

/** Whether `promise` has settled by the next macrotask. */
async function isDone(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('server: a video resume waits for the recv transport to be fully up', () => {
  it('has nothing to wait for on a transport the client has not connected', async () => {
    const { transports } = await setUp();
    assert.equal(transports.whenSettled('recv', 60_000), null);
    assert.equal(transports.whenSettled('send', 60_000), null, 'no send transport at all');
  });

  it('waits through DTLS connected for ICE completed, the worker\'s last "connected" step', async () => {
    const { transport, transports, info } = await setUp();
    await transports.connect(info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const settled = transports.whenSettled('recv', 60_000)!;
    transport.set('connected', null);
    assert.equal(await isDone(settled), false, 'ICE connected, DTLS not yet');
    transport.set(null, 'connected');
    assert.equal(await isDone(settled), false, 'DTLS connected, ICE not completed: the worker runs its step again at completed');
    transport.set('completed', null);
    assert.equal(await isDone(settled), true);
    assert.equal(transports.whenSettled('recv', 60_000), null, 'once up, nothing to wait for');
  });

  it('also resolves when ICE completes before DTLS connects, after its cap, and when the transport closes', async () => {
    const a = await setUp();
    await a.transports.connect(a.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const first = a.transports.whenSettled('recv', 60_000)!;
    a.transport.set('completed', null);
    assert.equal(await isDone(first), false);
    a.transport.set(null, 'connected');
    assert.equal(await isDone(first), true);

    const b = await setUp();
    await b.transports.connect(b.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    b.transport.set('connected', 'connected'); // a client that never nominates stays at connected
    const started = Date.now();
    await b.transports.whenSettled('recv', 50);
    assert.ok(Date.now() - started >= 45, 'resolved by the cap');

    const c = await setUp();
    await c.transports.connect(c.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const closing = c.transports.whenSettled('recv', 60_000)!;
    c.transport.close();
    assert.equal(await isDone(closing), true);
    assert.equal(c.transport.listenerCount('icestatechange'), 1, 'its listeners are removed (only the transport module\'s own is left)');
  });

  it('reports each worker "connected" step: DTLS connected, and ICE connected or completed with DTLS up', async () => {
    const { transport, connected } = await setUp();
    transport.set('connected', null); // DTLS not up: the worker does not run its step
    transport.set(null, 'connecting');
    transport.set(null, 'connected');
    transport.set('completed', null);
    transport.set('disconnected', null);
    transport.set('connected', null);
    assert.deepEqual(connected, ['recv:connected/connected', 'recv:completed/connected', 'recv:connected/connected']);
  });
});

describe('server: resumeConsumer while the recv transport comes up (real server, real worker)', () => {
  // A connected transport whose ICE never completes: no browser sends it a binding request.
  let server: ConfServer;
  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 0 });
  });
  after(async () => server?.close());

  const dtls = fakeDtls();

  async function videoConsumer(room: string) {
    const pub = await SignalingTestClient.connect(server.url);
    await pub.call('join', joinParams(room, 'pub'));
    const send = await pub.call('createTransport', { direction: 'send' });
    const { producerId } = await pub.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8RtpParameters(4321), source: 'camera' });
    const viewer = await SignalingTestClient.connect(server.url);
    const joined = await viewer.call('join', joinParams(room, 'viewer'));
    const recv = await viewer.call('createTransport', { direction: 'recv' });
    const consumer = await viewer.call('consume', { producerId, rtpCapabilities: joined.routerRtpCapabilities });
    return { pub, viewer, recv, consumer };
  }

  it('answers at once and resumes after the cap; a pause sent in between wins; later requests do not wait', async () => {
    const { pub, viewer, recv, consumer } = await videoConsumer('settle-a');
    await viewer.call('connectTransport', { transportId: recv.id, dtlsParameters: dtls });
    const started = Date.now();
    await viewer.call('resumeConsumer', { consumerId: consumer.id });
    await viewer.call('ping', {});
    assert.ok(Date.now() - started < RESUME_SETTLE_CAP_MS, 'answered before the cap, and the next request too');
    assert.equal((await scrape(server)).get('conf_kit_consumers_paused'), 1, 'not resumed while the transport comes up');
    await eventually(async () => (await scrape(server)).get('conf_kit_consumers_paused') === 0, 'resumed after the cap', 5_000);

    // Paused, then resumed and paused again before the transport could settle: stays paused.
    const second = await videoConsumer('settle-b');
    await second.viewer.call('connectTransport', { transportId: second.recv.id, dtlsParameters: dtls });
    await second.viewer.call('resumeConsumer', { consumerId: second.consumer.id });
    await second.viewer.call('setConsumerPaused', { consumerId: second.consumer.id, paused: true });
    await new Promise((resolve) => setTimeout(resolve, RESUME_SETTLE_CAP_MS + 300));
    assert.equal((await scrape(server)).get('conf_kit_consumers_paused'), 1, 'the later pause wins over the deferred resume');
    await Promise.all([pub, viewer, second.pub, second.viewer].map((c) => c.close()));
  });

  it('resumes at once when the client has not connected the transport', async () => {
    const { pub, viewer, consumer } = await videoConsumer('settle-c');
    await viewer.call('resumeConsumer', { consumerId: consumer.id });
    assert.equal((await scrape(server)).get('conf_kit_consumers_paused'), 0);
    await Promise.all([pub.close(), viewer.close()]);
  });
});
