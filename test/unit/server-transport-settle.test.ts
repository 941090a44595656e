/**
 * server/webrtc-transports.ts `settled()` and `onConnected`, and why they exist: mediasoup 3.8.4's
 * worker runs its "transport connected" step at DTLS connected and again at ICE completed, and a
 * simulcast consumer then drops packets until a keyframe (server/participant.ts onRecvConnected).
 * A fake transport stands in for mediasoup's, whose ICE and DTLS states a test cannot drive.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { types as ms } from 'mediasoup';
import { createLogger } from '../../server/logger.js';
import { WebRtcTransports } from '../../server/webrtc-transports.js';

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
  it('resolves at once for a transport the client has not connected (nothing is coming up)', async () => {
    const { transports } = await setUp();
    assert.equal(await isDone(transports.settled('recv', 60_000)), true);
    assert.equal(await isDone(transports.settled('send', 60_000)), true, 'no send transport at all');
  });

  it('waits through DTLS connected for ICE completed, the worker\'s last "connected" step', async () => {
    const { transport, transports, info } = await setUp();
    await transports.connect(info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const settled = transports.settled('recv', 60_000);
    transport.set('connected', null);
    assert.equal(await isDone(settled), false, 'ICE connected, DTLS not yet');
    transport.set(null, 'connected');
    assert.equal(await isDone(settled), false, 'DTLS connected, ICE not completed: the worker runs its step again at completed');
    transport.set('completed', null);
    assert.equal(await isDone(settled), true);
    assert.equal(await isDone(transports.settled('recv', 60_000)), true, 'once up, at once');
  });

  it('also resolves when ICE completes before DTLS connects, after its cap, and when the transport closes', async () => {
    const a = await setUp();
    await a.transports.connect(a.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const first = a.transports.settled('recv', 60_000);
    a.transport.set('completed', null);
    assert.equal(await isDone(first), false);
    a.transport.set(null, 'connected');
    assert.equal(await isDone(first), true);

    const b = await setUp();
    await b.transports.connect(b.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    b.transport.set('connected', 'connected'); // a client that never nominates stays at connected
    const started = Date.now();
    await b.transports.settled('recv', 50);
    assert.ok(Date.now() - started >= 45, 'resolved by the cap');

    const c = await setUp();
    await c.transports.connect(c.info.id, { fingerprints: [] } as unknown as ms.DtlsParameters);
    const closing = c.transports.settled('recv', 60_000);
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
