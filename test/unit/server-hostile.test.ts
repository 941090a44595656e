/**
 * A real server in-process, fed malformed and hostile messages. Every one must get a typed error
 * response, the socket must stay open, another room must not notice, and the server must still
 * accept a fresh join afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION, type ErrorCode, type ResponseMessage } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';

const joinParams = (roomId: string, userId: string) => ({
  protocolVersion: PROTOCOL_VERSION,
  roomId,
  userId,
  name: userId,
  callType: 'video' as const,
});

const dtlsParameters = {
  role: 'client',
  fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99' }],
};

const opusRtpParameters = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'hostile' },
};

type Case = {
  label: string;
  /** Raw frame, or a method + data turned into a request with a fresh id. */
  raw?: string | Buffer;
  binary?: boolean;
  method?: string;
  data?: unknown;
  code: ErrorCode;
  /** For raw frames: the id the response must carry (null when unreadable). */
  id?: number | null;
};

describe('server: hostile input', () => {
  let server: ConfServer;
  let attacker: SignalingTestClient;
  let bystander: SignalingTestClient;
  let bystanderNotificationCount = 0;
  let nextRawId = 10_000;
  let checked = 0;
  const seenLabels = new Set<string>();

  async function expectCase(client: SignalingTestClient, c: Case): Promise<ResponseMessage> {
    assert.ok(!seenLabels.has(c.label), `duplicate case ${c.label}`);
    seenLabels.add(c.label);
    let response: ResponseMessage;
    if (c.method !== undefined) {
      response = await client.request(c.method, c.data);
    } else {
      assert.ok(c.raw !== undefined);
      response = await client.sendRaw(c.raw, c.id ?? null, c.binary ?? false);
      assert.equal(response.id, c.id ?? null, `${c.label}: id`);
    }
    assert.equal(response.ok, false, `${c.label}: expected an error, got ${JSON.stringify(response)}`);
    if (!response.ok) {
      assert.equal(response.error.code, c.code, `${c.label}: ${response.error.message}`);
      assert.equal(typeof response.error.message, 'string');
    }
    assert.ok(client.isOpen, `${c.label}: socket must stay open`);
    checked++;
    return response;
  }

  async function runAll(client: SignalingTestClient, cases: Case[]): Promise<void> {
    for (const c of cases) await expectCase(client, c);
    // The socket still answers.
    const pong = await client.call('ping', {});
    assert.equal(typeof pong.now, 'number');
  }

  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', maxParticipants: 4 });
    bystander = await SignalingTestClient.connect(server.url);
    await bystander.call('join', joinParams('quiet-room', 'bystander'));
    bystanderNotificationCount = bystander.notifications.length;
    attacker = await SignalingTestClient.connect(server.url);
  });

  after(async () => {
    await Promise.all([attacker?.close(), bystander?.close()]);
    await server?.close();
  });

  it('answers malformed envelopes with invalid-message', async () => {
    const id = () => nextRawId++;
    const cases: Case[] = [
      { label: 'not JSON', raw: 'hello there', code: 'invalid-message', id: null },
      { label: 'empty frame', raw: '', code: 'invalid-message', id: null },
      { label: 'truncated JSON', raw: '{"id":1,"method":"pi', code: 'invalid-message', id: null },
      { label: 'array', raw: '[]', code: 'invalid-message', id: null },
      { label: 'array of requests', raw: '[{"id":1,"method":"ping"}]', code: 'invalid-message', id: null },
      { label: 'number', raw: '42', code: 'invalid-message', id: null },
      { label: 'null', raw: 'null', code: 'invalid-message', id: null },
      { label: 'true', raw: 'true', code: 'invalid-message', id: null },
      { label: 'string', raw: '"ping"', code: 'invalid-message', id: null },
      { label: 'empty object', raw: '{}', code: 'invalid-message', id: null },
      { label: 'missing id', raw: '{"method":"ping","data":{}}', code: 'invalid-message', id: null },
      { label: 'string id', raw: '{"id":"7","method":"ping"}', code: 'invalid-message', id: null },
      { label: 'negative id', raw: '{"id":-7,"method":"ping"}', code: 'invalid-message', id: null },
      { label: 'fractional id', raw: '{"id":7.25,"method":"ping"}', code: 'invalid-message', id: null },
      { label: 'huge id', raw: '{"id":1e308,"method":"ping"}', code: 'invalid-message', id: null },
      { label: 'object id', raw: '{"id":{"$gt":0},"method":"ping"}', code: 'invalid-message', id: null },
      { label: 'null id', raw: '{"id":null,"method":"ping"}', code: 'invalid-message', id: null },
      ...(() => {
        const a = id(), b = id(), c = id(), d = id(), e = id(), f = id();
        return [
          { label: 'missing method', raw: `{"id":${a}}`, code: 'invalid-message', id: a },
          { label: 'numeric method', raw: `{"id":${b},"method":1}`, code: 'invalid-message', id: b },
          { label: 'empty method', raw: `{"id":${c},"method":""}`, code: 'invalid-message', id: c },
          { label: 'array data', raw: `{"id":${d},"method":"ping","data":[1]}`, code: 'invalid-message', id: d },
          { label: 'string data', raw: `{"id":${e},"method":"ping","data":"x"}`, code: 'invalid-message', id: e },
          { label: 'overlong method', raw: JSON.stringify({ id: f, method: 'm'.repeat(5000) }), code: 'invalid-message', id: f },
        ] satisfies Case[];
      })(),
      { label: 'deeply nested array', raw: '['.repeat(30_000) + ']'.repeat(30_000), code: 'invalid-message', id: null },
      { label: 'deeply nested data', raw: `{"id":1,"method":"ping","data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, code: 'invalid-message', id: 1 },
      { label: 'binary frame (garbage)', raw: Buffer.from([0, 1, 2, 3, 255]), binary: true, code: 'invalid-message', id: null },
      { label: 'binary frame (valid JSON inside)', raw: Buffer.from('{"id":1,"method":"ping"}'), binary: true, code: 'invalid-message', id: null },
    ];
    await runAll(attacker, cases);
  });

  it('refuses unknown and prototype methods with unknown-method', async () => {
    const cases: Case[] = ['fly', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'Join', 'join ', 'handlers'].map(
      (method) => ({ label: `method ${JSON.stringify(method)}`, method, data: {}, code: 'unknown-method' as const }),
    );
    await runAll(attacker, cases);
  });

  it('refuses too-large messages without closing the socket', async () => {
    const big = nextRawId++;
    await runAll(attacker, [
      {
        label: 'over 64 KiB with a readable id',
        raw: JSON.stringify({ id: big, method: 'join', data: { ...joinParams('r', 'u'), name: 'x'.repeat(MAX_MESSAGE_BYTES) } }),
        code: 'too-large',
        id: big,
      },
      { label: 'over 64 KiB of garbage', raw: 'z'.repeat(MAX_MESSAGE_BYTES + 10), code: 'too-large', id: null },
      { label: '200 KiB frame', raw: ' '.repeat(200 * 1024), code: 'too-large', id: null },
    ]);
  });

  it('refuses everything but join/ping before join with not-joined', async () => {
    await runAll(attacker, [
      { label: 'createTransport before join', method: 'createTransport', data: { direction: 'send' }, code: 'not-joined' },
      { label: 'connectTransport before join', method: 'connectTransport', data: { transportId: 't', dtlsParameters }, code: 'not-joined' },
      { label: 'produce before join', method: 'produce', data: { transportId: 't', kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' }, code: 'not-joined' },
      { label: 'consume before join', method: 'consume', data: { producerId: 'p', rtpCapabilities: { codecs: [] } }, code: 'not-joined' },
      { label: 'resumeConsumer before join', method: 'resumeConsumer', data: { consumerId: 'c' }, code: 'not-joined' },
      { label: 'leave before join', method: 'leave', data: {}, code: 'not-joined' },
      { label: 'closeProducer before join', method: 'closeProducer', data: { producerId: 'p' }, code: 'not-joined' },
      { label: 'setPreferredLayers before join', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: 0 }] }, code: 'not-joined' },
      { label: 'setConsumerPaused before join', method: 'setConsumerPaused', data: { consumerId: 'c', paused: true }, code: 'not-joined' },
      { label: 'setSendBitrateCap before join', method: 'setSendBitrateCap', data: { kbps: 200 }, code: 'not-joined' },
    ]);
  });

  it('validates join params', async () => {
    const base = joinParams('hostile-room', 'mallory');
    await runAll(attacker, [
      { label: 'join wrong protocol version', method: 'join', data: { ...base, protocolVersion: PROTOCOL_VERSION + 41 }, code: 'protocol-mismatch' },
      { label: 'join protocol version 0', method: 'join', data: { ...base, protocolVersion: 0 }, code: 'protocol-mismatch' },
      { label: 'join protocol version as string', method: 'join', data: { ...base, protocolVersion: '1' }, code: 'invalid-params' },
      { label: 'join empty roomId', method: 'join', data: { ...base, roomId: '' }, code: 'invalid-params' },
      { label: 'join roomId 129 chars', method: 'join', data: { ...base, roomId: 'r'.repeat(129) }, code: 'invalid-params' },
      { label: 'join numeric roomId', method: 'join', data: { ...base, roomId: 5 }, code: 'invalid-params' },
      { label: 'join userId 10k chars', method: 'join', data: { ...base, userId: 'u'.repeat(10_000) }, code: 'invalid-params' },
      { label: 'join name 300 chars', method: 'join', data: { ...base, name: 'n'.repeat(300) }, code: 'invalid-params' },
      { label: 'join bad callType', method: 'join', data: { ...base, callType: 'hologram' }, code: 'invalid-params' },
      { label: 'join missing userId', method: 'join', data: { ...base, userId: undefined }, code: 'invalid-params' },
      { label: 'join extra key', method: 'join', data: { ...base, isAdmin: true }, code: 'invalid-params' },
      { label: 'join no data', raw: `{"id":${nextRawId},"method":"join"}`, id: nextRawId++, code: 'invalid-params' },
      { label: 'join with __proto__ key', raw: `{"id":${nextRawId},"method":"join","data":{"__proto__":{"admin":true},"protocolVersion":1,"roomId":"r","userId":"u","name":"n","callType":"video"}}`, id: nextRawId, code: 'invalid-message' },
      { label: 'join with constructor.prototype key', method: 'join', data: { ...base, constructor: { prototype: { admin: true } } }, code: 'invalid-params' },
      { label: 'ping with params', method: 'ping', data: { a: 1 }, code: 'invalid-params' },
    ]);
    assert.equal(({} as { admin?: boolean }).admin, undefined);
    // None of that created a room.
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number };
    assert.equal(health.rooms, 1);
  });

  it('refuses bad media requests after join', async () => {
    const joined = await attacker.call('join', joinParams('hostile-room', 'mallory'));
    assert.ok(joined.routerRtpCapabilities);
    const send = await attacker.call('createTransport', { direction: 'send' });
    const recv = await attacker.call('createTransport', { direction: 'recv' });
    const caps = joined.routerRtpCapabilities;

    await runAll(attacker, [
      // The same join again is a retry (answered with the same session, server-idempotency.test.ts); another user is not.
      { label: 'join as another user on the same socket', method: 'join', data: joinParams('hostile-room', 'mallory2'), code: 'already-joined' },
      { label: 'join another room on the same socket', method: 'join', data: joinParams('other-room', 'mallory2'), code: 'already-joined' },
      { label: 'createTransport bad direction', method: 'createTransport', data: { direction: 'sideways' }, code: 'invalid-params' },
      { label: 'createTransport no direction', method: 'createTransport', data: {}, code: 'invalid-params' },
      { label: 'connectTransport bogus id', method: 'connectTransport', data: { transportId: 'nope', dtlsParameters }, code: 'not-found' },
      { label: 'connectTransport dtls string', method: 'connectTransport', data: { transportId: send.id, dtlsParameters: 'x' }, code: 'invalid-params' },
      { label: 'connectTransport no fingerprints', method: 'connectTransport', data: { transportId: send.id, dtlsParameters: { fingerprints: [] } }, code: 'invalid-params' },
      { label: 'connectTransport bad role', method: 'connectTransport', data: { transportId: send.id, dtlsParameters: { ...dtlsParameters, role: 'king' } }, code: 'invalid-params' },
      { label: 'produce bogus transport', method: 'produce', data: { transportId: 'bogus', kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' }, code: 'not-found' },
      { label: 'produce on recv transport', method: 'produce', data: { transportId: recv.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' }, code: 'invalid-params' },
      { label: 'produce bad kind', method: 'produce', data: { transportId: send.id, kind: 'smell', rtpParameters: opusRtpParameters, source: 'mic' }, code: 'invalid-params' },
      { label: 'produce bad source', method: 'produce', data: { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'telepathy' }, code: 'invalid-params' },
      { label: 'produce kind/source mismatch', method: 'produce', data: { transportId: send.id, kind: 'video', rtpParameters: opusRtpParameters, source: 'mic' }, code: 'invalid-params' },
      { label: 'produce empty rtpParameters', method: 'produce', data: { transportId: send.id, kind: 'audio', rtpParameters: {}, source: 'mic' }, code: 'invalid-params' },
      { label: 'produce unsupported codec', method: 'produce', data: { transportId: send.id, kind: 'audio', rtpParameters: { ...opusRtpParameters, codecs: [{ mimeType: 'audio/nonsense', payloadType: 100, clockRate: 8000 }] }, source: 'mic' }, code: 'invalid-params' },
      { label: 'produce rtpParameters as array', method: 'produce', data: { transportId: send.id, kind: 'audio', rtpParameters: [], source: 'mic' }, code: 'invalid-params' },
      { label: 'consume bogus producer', method: 'consume', data: { producerId: 'bogus', rtpCapabilities: caps }, code: 'not-found' },
      { label: 'consume caps string', method: 'consume', data: { producerId: 'bogus', rtpCapabilities: 'x' }, code: 'invalid-params' },
      { label: 'resumeConsumer unknown', method: 'resumeConsumer', data: { consumerId: 'nope' }, code: 'not-found' },
      { label: 'closeConsumer unknown', method: 'closeConsumer', data: { consumerId: 'nope' }, code: 'not-found' },
      { label: 'requestKeyFrame unknown', method: 'requestKeyFrame', data: { consumerId: 'nope' }, code: 'not-found' },
      { label: 'closeProducer unknown', method: 'closeProducer', data: { producerId: 'nope' }, code: 'not-found' },
      { label: 'setProducerPaused unknown', method: 'setProducerPaused', data: { producerId: 'nope', paused: true }, code: 'not-found' },
      { label: 'setProducerPaused paused string', method: 'setProducerPaused', data: { producerId: 'nope', paused: 'yes' }, code: 'invalid-params' },
      { label: 'closeProducer id 1000 chars', method: 'closeProducer', data: { producerId: 'p'.repeat(1000) }, code: 'invalid-params' },
      { label: 'closeProducer numeric id', method: 'closeProducer', data: { producerId: 12 }, code: 'invalid-params' },
      // docs/quality.md
      { label: 'setPreferredLayers unknown consumer', method: 'setPreferredLayers', data: { items: [{ consumerId: 'nope', spatialLayer: 1 }] }, code: 'not-found' },
      { label: 'setPreferredLayers empty items', method: 'setPreferredLayers', data: { items: [] }, code: 'invalid-params' },
      { label: 'setPreferredLayers no items', method: 'setPreferredLayers', data: {}, code: 'invalid-params' },
      { label: 'setPreferredLayers items object', method: 'setPreferredLayers', data: { items: { consumerId: 'c', spatialLayer: 1 } }, code: 'invalid-params' },
      { label: 'setPreferredLayers 65 items', method: 'setPreferredLayers', data: { items: Array.from({ length: 65 }, (_, i) => ({ consumerId: `c${i}`, spatialLayer: 0 })) }, code: 'invalid-params' },
      { label: 'setPreferredLayers negative layer', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: -1 }] }, code: 'invalid-params' },
      { label: 'setPreferredLayers huge layer', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: 1e9 }] }, code: 'invalid-params' },
      { label: 'setPreferredLayers fractional layer', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: 1.5 }] }, code: 'invalid-params' },
      { label: 'setPreferredLayers string temporal layer', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: 1, temporalLayer: '2' }] }, code: 'invalid-params' },
      { label: 'setPreferredLayers extra item key', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c', spatialLayer: 1, priority: 9 }] }, code: 'invalid-params' },
      { label: 'setPreferredLayers consumer id 1000 chars', method: 'setPreferredLayers', data: { items: [{ consumerId: 'c'.repeat(1000), spatialLayer: 1 }] }, code: 'invalid-params' },
      { label: 'setConsumerPaused unknown', method: 'setConsumerPaused', data: { consumerId: 'nope', paused: true }, code: 'not-found' },
      { label: 'setConsumerPaused paused number', method: 'setConsumerPaused', data: { consumerId: 'nope', paused: 1 }, code: 'invalid-params' },
      { label: 'setConsumerPaused missing paused', method: 'setConsumerPaused', data: { consumerId: 'nope' }, code: 'invalid-params' },
      { label: 'setSendBitrateCap negative', method: 'setSendBitrateCap', data: { kbps: -5 }, code: 'invalid-params' },
      { label: 'setSendBitrateCap string', method: 'setSendBitrateCap', data: { kbps: '200' }, code: 'invalid-params' },
      { label: 'setSendBitrateCap fractional', method: 'setSendBitrateCap', data: { kbps: 200.5 }, code: 'invalid-params' },
      { label: 'setSendBitrateCap above 100 Mbps', method: 'setSendBitrateCap', data: { kbps: 1e12 }, code: 'invalid-params' },
      { label: 'setSendBitrateCap missing kbps', method: 'setSendBitrateCap', data: {}, code: 'invalid-params' },
    ]);

    // A real producer, then hostile uses of it.
    await attacker.call('connectTransport', { transportId: send.id, dtlsParameters });
    const { producerId } = await attacker.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    await runAll(attacker, [
      // The same parameters again are a retry (server-idempotency.test.ts); other ones are refused.
      {
        label: 'connectTransport again with other DTLS parameters',
        method: 'connectTransport',
        data: { transportId: send.id, dtlsParameters: { ...dtlsParameters, fingerprints: [{ algorithm: 'sha-256', value: dtlsParameters.fingerprints[0]!.value.replace('AA', 'AB') }] } },
        code: 'invalid-params',
      },
      { label: 'consume own producer', method: 'consume', data: { producerId, rtpCapabilities: caps }, code: 'invalid-params' },
    ]);
  });

  it('ran at least 50 distinct hostile cases', () => {
    assert.ok(checked >= 50, `only ${checked} cases`);
  });

  it('left the other room alone', async () => {
    assert.ok(bystander.isOpen);
    assert.equal(bystander.notifications.length, bystanderNotificationCount, JSON.stringify(bystander.notifications));
    const pong = await bystander.call('ping', {});
    assert.equal(typeof pong.now, 'number');
    assert.ok(attacker.isOpen);
  });

  it('still lets a fresh client join', async () => {
    const fresh = await SignalingTestClient.connect(server.url);
    try {
      const result = await fresh.call('join', joinParams('fresh-room', 'fresh'));
      assert.ok(Array.isArray((result.routerRtpCapabilities as { codecs: unknown[] }).codecs));
      assert.deepEqual(result.publishers, []);
    } finally {
      await fresh.close();
    }
  });
});
