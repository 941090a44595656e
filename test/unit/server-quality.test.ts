/**
 * Server side of docs/quality.md against a real in-process server and real mediasoup workers
 * (producers from hand-written RTP parameters; no packets flow): setPreferredLayers,
 * setConsumerPaused, setSendBitrateCap and their refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type ConsumerInfo, type TransportInfo } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';

const join = (roomId: string, userId: string) => ({ protocolVersion: PROTOCOL_VERSION, roomId, userId, name: userId, callType: 'video' as const });

const opusRtpParameters = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 44440001 }],
  rtcp: { cname: 'q-mic' },
};

const vp8Simulcast = {
  codecs: [
    { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }] },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
  ],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
  encodings: [
    { ssrc: 55550001, rtx: { ssrc: 55550002 }, scalabilityMode: 'L1T3', maxBitrate: 96000 },
    { ssrc: 55550003, rtx: { ssrc: 55550004 }, scalabilityMode: 'L1T3', maxBitrate: 512000 },
    { ssrc: 55550005, rtx: { ssrc: 55550006 }, scalabilityMode: 'L1T3', maxBitrate: 1024000 },
  ],
  rtcp: { cname: 'q-cam' },
};

const code = async (client: SignalingTestClient, method: string, data: unknown) => {
  const response = await client.request(method, data);
  return response.ok ? 'ok' : response.error.code;
};

describe('server: simulcast layers, consumer pause and bitrate cap', () => {
  let server: ConfServer;
  let alice: SignalingTestClient;
  let bob: SignalingTestClient;
  let video: ConsumerInfo;
  let audio: ConsumerInfo;

  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent' });
    alice = await SignalingTestClient.connect(server.url);
    bob = await SignalingTestClient.connect(server.url);
    const { routerRtpCapabilities } = await alice.call('join', join('q-room', 'alice'));
    await bob.call('join', join('q-room', 'bob'));
    // A cap set before the send transport exists is kept for it.
    await alice.call('setSendBitrateCap', { kbps: 300 });
    const send: TransportInfo = await alice.call('createTransport', { direction: 'send' });
    const mic = await alice.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    const cam = await alice.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8Simulcast, source: 'camera' });
    await bob.call('createTransport', { direction: 'recv' });
    video = await bob.call('consume', { producerId: cam.producerId, rtpCapabilities: routerRtpCapabilities });
    audio = await bob.call('consume', { producerId: mic.producerId, rtpCapabilities: routerRtpCapabilities });
    await bob.call('resumeConsumer', { consumerId: video.id });
  });

  after(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await server?.close();
  });

  it('setPreferredLayers accepts a batch of video consumers, with or without a temporal layer', async () => {
    assert.deepEqual(await bob.call('setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 0, temporalLayer: 0 }] }), {});
    assert.deepEqual(await bob.call('setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 2 }] }), {});
    // Out-of-range layers within the schema's bound are clamped by mediasoup.
    assert.equal(await code(bob, 'setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 9, temporalLayer: 9 }] }), 'ok');
  });

  it('setPreferredLayers refuses audio consumers, repeated ids and unknown ids, changing nothing', async () => {
    assert.equal(await code(bob, 'setPreferredLayers', { items: [{ consumerId: audio.id, spatialLayer: 1 }] }), 'invalid-params');
    assert.equal(
      await code(bob, 'setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 1 }, { consumerId: video.id, spatialLayer: 0 }] }),
      'invalid-params',
    );
    assert.equal(
      await code(bob, 'setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 1 }, { consumerId: 'nope', spatialLayer: 0 }] }),
      'not-found',
    );
    // Someone else's consumer id is not yours.
    assert.equal(await code(alice, 'setPreferredLayers', { items: [{ consumerId: video.id, spatialLayer: 1 }] }), 'not-found');
  });

  it('setConsumerPaused pauses and resumes one consumer, independent of the producer', async () => {
    assert.deepEqual(await bob.call('setConsumerPaused', { consumerId: video.id, paused: true }), {});
    assert.deepEqual(await bob.call('setConsumerPaused', { consumerId: video.id, paused: true }), {});
    assert.deepEqual(await bob.call('setConsumerPaused', { consumerId: video.id, paused: false }), {});
    assert.deepEqual(await bob.call('setConsumerPaused', { consumerId: audio.id, paused: false }), {});
    assert.equal(await code(bob, 'setConsumerPaused', { consumerId: 'nope', paused: true }), 'not-found');
  });

  it('setSendBitrateCap sets, changes and removes the cap', async () => {
    assert.deepEqual(await alice.call('setSendBitrateCap', { kbps: 200 }), {});
    assert.deepEqual(await alice.call('setSendBitrateCap', { kbps: 0 }), {});
    assert.deepEqual(await alice.call('setSendBitrateCap', { kbps: null }), {});
    assert.deepEqual(await bob.call('setSendBitrateCap', { kbps: 500 }), {}, 'works without a send transport');
  });
});
