/**
 * Dynacast on the server (server/dynacast.ts, docs/layouts.md): `layersWanted` tells a publisher
 * which spatial layers of its simulcast camera anyone consumes. Real in-process server and
 * mediasoup; producers from hand-written RTP parameters (no packets needed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type ConsumerInfo, type TransportInfo } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { loadConfig } from '../../server/config.js';

const join = (roomId: string, userId: string) => ({ protocolVersion: PROTOCOL_VERSION, roomId, userId, name: userId, callType: 'video' as const });

const vp8 = (base: number, layers: number) => ({
  codecs: [
    { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] },
  ],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
  encodings: Array.from({ length: layers }, (_, i) => ({ ssrc: base + i, scalabilityMode: 'L1T3' })),
  rtcp: { cname: `dc-${base}` },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server: dynacast layersWanted', () => {
  let server: ConfServer;
  let alice: SignalingTestClient;
  let bob: SignalingTestClient;
  let carol: SignalingTestClient;
  let camId: string;
  let caps: unknown;

  const latest = () => alice.received('layersWanted').filter((n) => n.producerId === camId).at(-1)?.spatialLayers;
  /** The last layersWanted alice got for her camera, once it is `expected` (or after 20 s: a loaded machine is slow). */
  const lastWanted = async (expected: number[]) => {
    for (let waited = 0; waited < 20_000 && JSON.stringify(latest()) !== JSON.stringify(expected); waited += 25) await sleep(25);
    return latest();
  };
  const consume = async (client: SignalingTestClient): Promise<ConsumerInfo> =>
    client.call('consume', { producerId: camId, rtpCapabilities: caps as never });

  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent' });
    alice = await SignalingTestClient.connect(server.url);
    bob = await SignalingTestClient.connect(server.url);
    carol = await SignalingTestClient.connect(server.url);
    ({ routerRtpCapabilities: caps } = await alice.call('join', join('dc-room', 'alice')));
    await bob.call('join', join('dc-room', 'bob'));
    await carol.call('join', join('dc-room', 'carol'));
    const send: TransportInfo = await alice.call('createTransport', { direction: 'send' });
    ({ producerId: camId } = await alice.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8(66660001, 3), source: 'camera' }));
    await bob.call('createTransport', { direction: 'recv' });
    await carol.call('createTransport', { direction: 'recv' });
  });

  after(async () => {
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    await server.close();
  });

  it('with nobody watching, only layer 0 is wanted (sent at once)', async () => {
    const first = await alice.waitFor('layersWanted', (d) => d.producerId === camId);
    assert.deepEqual(first.data.spatialLayers, [0]);
    assert.equal(bob.received('layersWanted').length, 0, 'only the producer owner hears it');
  });

  it('a paused (new) consumer wants nothing; resumed, it wants up to its preferred layer', async () => {
    const bobCam = await consume(bob);
    await sleep(700);
    assert.deepEqual(latest(), [0], 'a consumer is created paused');
    await bob.call('setPreferredLayers', { items: [{ consumerId: bobCam.id, spatialLayer: 1 }] });
    await bob.call('resumeConsumer', { consumerId: bobCam.id });
    assert.deepEqual(await lastWanted([0, 1]), [0, 1]);
    // Default preference (no setPreferredLayers) is the top layer.
    const carolCam = await consume(carol);
    await carol.call('resumeConsumer', { consumerId: carolCam.id });
    assert.deepEqual(await lastWanted([0, 1, 2]), [0, 1, 2]);
    // Everyone on low: medium and high are no longer wanted (after the drop hold).
    await carol.call('setPreferredLayers', { items: [{ consumerId: carolCam.id, spatialLayer: 0 }] });
    await bob.call('setPreferredLayers', { items: [{ consumerId: bobCam.id, spatialLayer: 0 }] });
    assert.deepEqual(await lastWanted([0]), [0]);
    // Asking for high raises it again quickly.
    const before = alice.received('layersWanted').length;
    await bob.call('setPreferredLayers', { items: [{ consumerId: bobCam.id, spatialLayer: 2 }] });
    assert.deepEqual(await lastWanted([0, 1, 2]), [0, 1, 2]);
    assert.equal(alice.received('layersWanted').length, before + 1);
    // Pausing that consumer (hidden tile) drops it; closing it too.
    await bob.call('setConsumerPaused', { consumerId: bobCam.id, paused: true });
    assert.deepEqual(await lastWanted([0]), [0]);
    await bob.call('setConsumerPaused', { consumerId: bobCam.id, paused: false });
    assert.deepEqual(await lastWanted([0, 1, 2]), [0, 1, 2]);
    await bob.call('closeConsumer', { consumerId: bobCam.id });
    assert.deepEqual(await lastWanted([0]), [0]);
    await carol.call('closeConsumer', { consumerId: carolCam.id });
  });

  it('only sends changes, and none for audio or single-encoding video', async () => {
    const count = alice.received('layersWanted').length;
    await sleep(700);
    assert.equal(alice.received('layersWanted').length, count, 'no repeated sets');
    const sendT: TransportInfo = await carol.call('createTransport', { direction: 'send' });
    await carol.call('produce', { transportId: sendT.id, kind: 'video', rtpParameters: { ...vp8(77770001, 1), encodings: [{ ssrc: 77770001 }] }, source: 'screen' });
    await sleep(200);
    assert.equal(carol.received('layersWanted').length, 0, 'a single-encoding producer is not tracked');
  });
});

describe('server: dynacast across a resume', () => {
  it('a set decided while the socket was gone comes again after the resume result', async () => {
    const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 30 });
    const erin = await SignalingTestClient.connect(server.url);
    const finn = await SignalingTestClient.connect(server.url);
    let resumed: SignalingTestClient | null = null;
    try {
      const { routerRtpCapabilities, resumeToken } = await erin.call('join', join('dc-resume', 'erin'));
      await finn.call('join', join('dc-resume', 'finn'));
      const send: TransportInfo = await erin.call('createTransport', { direction: 'send' });
      const { producerId } = await erin.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8(99990001, 3), source: 'camera' });
      await finn.call('createTransport', { direction: 'recv' });
      const cam: ConsumerInfo = await finn.call('consume', { producerId, rtpCapabilities: routerRtpCapabilities as never });
      await finn.call('resumeConsumer', { consumerId: cam.id });
      await erin.waitFor('layersWanted', (d) => d.producerId === producerId && d.spatialLayers.length === 3);

      erin.ws.terminate();
      await finn.waitFor('publisherReconnecting', (d) => d.userId === 'erin' && d.reconnecting);
      // Finn goes to low while erin's socket is gone: that [0] is sent to nobody.
      await finn.call('setPreferredLayers', { items: [{ consumerId: cam.id, spatialLayer: 0 }] });
      await sleep(900); // past the drop hold

      resumed = await SignalingTestClient.connect(server.url);
      const frames: string[] = [];
      resumed.ws.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { method?: string; ok?: boolean };
        frames.push(message.method ?? (message.ok ? 'result' : 'error'));
      });
      await resumed.call('resume', { resumeToken });
      const again = await resumed.waitFor('layersWanted', (d) => d.producerId === producerId);
      assert.deepEqual(again.data.spatialLayers, [0]);
      // After the result: a client listens on its new socket only once it has it (src/session/resume.ts).
      assert.ok(frames.indexOf('result') < frames.indexOf('layersWanted'), `frames in order: ${frames.join(', ')}`);
    } finally {
      await Promise.all([erin.close(), finn.close(), resumed?.close()]);
      await server.close();
    }
  });
});

describe('server: DYNACAST=off', () => {
  it('sends no layersWanted, so the publisher keeps every encoding on; bad values are refused', async () => {
    assert.equal(loadConfig({}, { DYNACAST: 'off' }).dynacast, 'off');
    assert.equal(loadConfig({}, {}).dynacast, 'on');
    assert.throws(() => loadConfig({}, { DYNACAST: 'maybe' }), /DYNACAST/);
    const server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', dynacast: 'off' });
    const dave = await SignalingTestClient.connect(server.url);
    try {
      await dave.call('join', join('dc-off', 'dave'));
      const send: TransportInfo = await dave.call('createTransport', { direction: 'send' });
      await dave.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8(88880001, 3), source: 'camera' });
      await sleep(700);
      assert.equal(dave.received('layersWanted').length, 0);
    } finally {
      await dave.close();
      await server.close();
    }
  });
});
