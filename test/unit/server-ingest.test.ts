/**
 * The ingest path (docs/bots.md) against a real in-process server and real mediasoup, and the
 * load bots (bots/) sending real RTP from ffmpeg into it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type PlainTransportInfo, type PublisherInfo } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createToken } from '../../server/auth/tokens.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { audioRtpParameters, videoRtpParameters } from '../../bots/bot.js';
import { ensureBotMedia, startBots, TokensUnavailableError } from '../../bots/index.js';
import { loadCreateToken } from '../../bots/tokens.js';

const join = (roomId: string, userId: string) => ({ protocolVersion: PROTOCOL_VERSION, roomId, userId, name: userId, callType: 'video' as const });

const code = async (client: SignalingTestClient, method: string, data: unknown) => {
  const response = await client.request(method, data);
  return response.ok ? 'ok' : response.error.code;
};

let server: ConfServer;
const clients: SignalingTestClient[] = [];
const connect = async () => {
  const c = await SignalingTestClient.connect(server.url);
  clients.push(c);
  return c;
};

before(async () => {
  server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent' });
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
});

describe('ingest path', () => {
  it('needs a joined session', async () => {
    const c = await connect();
    assert.equal(await code(c, 'createPlainTransport', {}), 'not-joined');
    assert.equal(await code(c, 'getIngestStats', {}), 'not-joined');
  });

  it('refuses unknown params', async () => {
    const c = await connect();
    await c.call('join', join('ingest-params', 'p'));
    assert.equal(await code(c, 'createPlainTransport', { rtcpMux: false }), 'invalid-params');
  });

  it('gives forbidden without the ingest grant in secure mode, before anything is created', async () => {
    const secret = 'ingest-test-secret-0123456789abcdefghij';
    const secure = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', secret, dataDir: mkdtempSync(path.join(tmpdir(), 'ingest-')) });
    try {
      const browser = await SignalingTestClient.connect(secure.url);
      const bot = await SignalingTestClient.connect(secure.url);
      try {
        const room = 'ingest-forbidden';
        await browser.call('join', { protocolVersion: PROTOCOL_VERSION, roomId: room, callType: 'video', token: await createToken(secret, { sub: 'browser', room }) });
        const response = await browser.request('createPlainTransport', {});
        assert.equal(response.ok, false);
        assert.equal(!response.ok && response.error.code, 'forbidden');
        assert.match(!response.ok ? response.error.message : '', /ingest grant/);
        assert.equal(await code(browser, 'getIngestStats', {}), 'forbidden');
        await bot.call('join', {
          protocolVersion: PROTOCOL_VERSION,
          roomId: room,
          callType: 'video',
          token: await createToken(secret, { sub: 'bot', room, grants: { ingest: true } }),
        });
        assert.equal(await code(bot, 'createPlainTransport', {}), 'ok');
      } finally {
        browser.close();
        bot.close();
      }
    } finally {
      await secure.close();
    }
  });

  it('allows ingest to a tokenless join in open mode', async () => {
    const c = await connect();
    await c.call('join', join('ingest-open', 'anyone'));
    assert.equal(await code(c, 'createPlainTransport', {}), 'ok');
  });

  it('creates plain transports on loopback (at most two) that produce() accepts; others see a normal publisher', async () => {
    const bot = await connect();
    const viewer = await connect();
    const { routerRtpCapabilities } = await viewer.call('join', join('ingest-produce', 'viewer'));
    await bot.call('join', join('ingest-produce', 'bot-1'));
    const t: PlainTransportInfo = await bot.call('createPlainTransport', {});
    assert.equal(t.ip, '127.0.0.1');
    assert.ok(Number.isInteger(t.port) && t.port > 0, `port ${t.port}`);
    await bot.call('createPlainTransport', {});
    assert.equal(await code(bot, 'createPlainTransport', {}), 'invalid-params');

    const cam = await bot.call('produce', { transportId: t.transportId, kind: 'video', source: 'camera', rtpParameters: videoRtpParameters(1, 'c') });
    const mic = await bot.call('produce', { transportId: t.transportId, kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters(1, 'c') });
    const update = await viewer.waitFor('publisherUpdated', (d) => d.publisher.producers.length === 2);
    const publisher: PublisherInfo = update.data.publisher;
    assert.deepEqual(publisher, {
      userId: 'bot-1',
      name: 'bot-1',
      callType: 'video',
      producers: [
        { id: cam.producerId, kind: 'video', source: 'camera', paused: false },
        { id: mic.producerId, kind: 'audio', source: 'mic', paused: false },
      ],
    });

    // Someone else's plain transport is not yours.
    assert.equal(
      await code(viewer, 'produce', { transportId: t.transportId, kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters(2, 'v') }),
      'not-found',
    );
    // A browser consumes the bot's camera as a 3-layer simulcast stream.
    await viewer.call('createTransport', { direction: 'recv' });
    const consumer = await viewer.call('consume', { producerId: cam.producerId, rtpCapabilities: routerRtpCapabilities });
    const encodings = (consumer.rtpParameters as { encodings: { scalabilityMode?: string }[] }).encodings;
    assert.match(encodings[0]?.scalabilityMode ?? '', /^S3T1/);

    // No packets have been sent: mediasoup reports no streams yet.
    const stats = await bot.call('getIngestStats', {});
    assert.deepEqual(stats.producers.map((p) => [p.producerId, p.streams.length]), [[cam.producerId, 0], [mic.producerId, 0]]);
  });

  it('refuses bad RTP parameters over a plain transport with invalid-params', async () => {
    const bot = await connect();
    await bot.call('join', join('ingest-bad', 'bot-x'));
    const t = await bot.call('createPlainTransport', {});
    const h264 = { codecs: [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000 }], encodings: [{ ssrc: 5 }, { ssrc: 6 }] };
    assert.equal(await code(bot, 'produce', { transportId: t.transportId, kind: 'video', source: 'camera', rtpParameters: h264 }), 'invalid-params');
  });
});

describe('load bots', () => {
  it('validates its options', async () => {
    await assert.rejects(startBots({ url: server.url, room: 'r', count: 0 }), TypeError);
    await assert.rejects(startBots({ url: 'ftp://x', room: 'r', count: 1 }), TypeError);
  });

  it('a missing tokens module is a clear error', async () => {
    await assert.rejects(loadCreateToken('./no-such-module.js'), TokensUnavailableError);
  });

  it("each bot's cached file differs", async () => {
    const [a, b] = await Promise.all([ensureBotMedia(1, 'bot-1'), ensureBotMedia(2, 'bot-2')]);
    assert.notEqual(a, b);
    assert.equal(await ensureBotMedia(1, 'bot-1'), a, 'cached');
    assert.notDeepEqual(await readFile(a), await readFile(b));
  });

  it('publish real RTP: mediasoup receives all three layers and audio; stop() makes them leave and ends ffmpeg', async () => {
    const viewer = await connect();
    await viewer.call('join', join('bots-room', 'viewer'));
    const bots = await startBots({ url: server.url, room: 'bots-room', count: 2 });
    const pids = bots.ffmpegPids();
    assert.equal(pids.length, 2);
    try {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const all = [...(await bots.stats()).values()];
        const ok = all.every((s) => {
          const video = s.producers.find((p) => p.kind === 'video');
          const audio = s.producers.find((p) => p.kind === 'audio');
          return video?.streams.length === 3 && video.streams.every((x) => x.packetCount > 0) && (audio?.streams[0]?.packetCount ?? 0) > 0;
        });
        if (ok && all.length === 2) break;
        if (Date.now() > deadline) assert.fail(`mediasoup does not receive every layer: ${JSON.stringify(all)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const joined = viewer.received('publisherJoined').map((d) => d.publisher.userId);
      assert.deepEqual(joined, ['bot-1', 'bot-2']);
    } finally {
      await bots.stop();
    }
    await viewer.waitFor('publisherLeft', (d) => d.userId === 'bot-2');
    await viewer.waitFor('publisherLeft', (d) => d.userId === 'bot-1');
    const left = viewer.received('publisherLeft').map((d) => `${d.userId}:${d.reason}`).sort();
    assert.deepEqual(left, ['bot-1:left', 'bot-2:left']);
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `ffmpeg ${pid} still running`);
  });
});
