/**
 * Pure unit tests of server/protocol-schema.ts: envelope and params validation, each error code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { LIMITS, decodeRequest, errorResponse, okResponse } from '../../server/protocol-schema.js';

const join = {
  protocolVersion: PROTOCOL_VERSION,
  roomId: 'room-1',
  userId: 'alice',
  name: 'Alice',
  callType: 'video',
};

/** What mediasoup-client 3.x sends for a VP8 simulcast camera. */
const vp8RtpParameters = {
  mid: '0',
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 96,
      clockRate: 90000,
      parameters: {},
      rtcpFeedback: [{ type: 'goog-remb', parameter: '' }, { type: 'transport-cc', parameter: '' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }],
    },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
  ],
  headerExtensions: [
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4, encrypt: false, parameters: {} },
    { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 2, encrypt: false, parameters: {} },
  ],
  encodings: [
    { active: true, scalabilityMode: 'L1T3', rid: 'r0', maxBitrate: 100000, scaleResolutionDownBy: 4, dtx: false },
    { active: true, scalabilityMode: 'L1T3', rid: 'r1', maxBitrate: 300000, scaleResolutionDownBy: 2, dtx: false },
  ],
  rtcp: { cname: 'abc', reducedSize: true },
};

const rtpCapabilities = {
  codecs: [
    { mimeType: 'audio/opus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 }, rtcpFeedback: [{ type: 'transport-cc', parameter: '' }] },
    { mimeType: 'video/VP8', kind: 'video', preferredPayloadType: 101, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack', parameter: '' }] },
  ],
  headerExtensions: [{ kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' }],
};

const dtlsParameters = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] };

function frame(id: unknown, method: unknown, data?: unknown): string {
  return JSON.stringify(data === undefined ? { id, method } : { id, method, data });
}

function expectError(raw: string | Buffer, code: string, id: number | null, binary = false): string {
  const result = decodeRequest(raw, binary);
  assert.equal(result.ok, false, `expected ${code} for ${String(raw).slice(0, 80)}`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.code, code, `${String(raw).slice(0, 80)} -> ${result.message}`);
  assert.equal(result.id, id);
  assert.ok(result.message.length > 0);
  return result.message;
}

describe('protocol-schema: valid requests', () => {
  const valid: [string, unknown][] = [
    ['join', join],
    ['leave', {}],
    ['createTransport', { direction: 'send' }],
    ['createTransport', { direction: 'recv' }],
    ['connectTransport', { transportId: 't1', dtlsParameters }],
    ['produce', { transportId: 't1', kind: 'video', rtpParameters: vp8RtpParameters, source: 'camera' }],
    ['produce', { transportId: 't1', kind: 'video', rtpParameters: vp8RtpParameters, source: 'screen', paused: true }],
    ['closeProducer', { producerId: 'p1' }],
    ['setProducerPaused', { producerId: 'p1', paused: true }],
    ['consume', { producerId: 'p1', rtpCapabilities }],
    ['resumeConsumer', { consumerId: 'c1' }],
    ['closeConsumer', { consumerId: 'c1' }],
    ['requestKeyFrame', { consumerId: 'c1' }],
    ['ping', {}],
  ];
  for (const [method, data] of valid) {
    it(`accepts ${method} ${JSON.stringify(data).slice(0, 40)}`, () => {
      const result = decodeRequest(frame(7, method, data));
      assert.equal(result.ok, true, result.ok ? '' : result.message);
      if (!result.ok) return;
      assert.equal(result.id, 7);
      assert.equal(result.method, method);
    });
  }

  it('defaults missing data to {}', () => {
    const result = decodeRequest('{"id":0,"method":"ping"}');
    assert.deepEqual(result, { ok: true, id: 0, method: 'ping', params: {} });
  });

  it('accepts a Buffer and a Buffer[] as raw input', () => {
    assert.equal(decodeRequest(Buffer.from(frame(1, 'ping', {}))).ok, true);
    assert.equal(decodeRequest([Buffer.from('{"id":1,'), Buffer.from('"method":"ping"}')]).ok, true);
  });

  it('keeps unknown keys inside mediasoup blobs (mediasoup validates those)', () => {
    const result = decodeRequest(frame(1, 'produce', { transportId: 't', kind: 'video', rtpParameters: vp8RtpParameters, source: 'camera' }));
    assert.ok(result.ok && result.method === 'produce');
    if (result.ok && result.method === 'produce') {
      const encodings = (result.params.rtpParameters as { encodings: { active?: boolean }[] }).encodings;
      assert.equal(encodings[0]?.active, true);
    }
  });

  it('refuses __proto__ keys anywhere, without polluting prototypes', () => {
    const raw = '{"id":1,"method":"consume","data":{"producerId":"p","rtpCapabilities":{"__proto__":{"polluted":true},"codecs":[]}}}';
    // A leading id is echoed even though the message is refused (Reliability: fuzzer finding).
    const message = expectError(raw, 'invalid-message', 1);
    assert.match(message, /__proto__/);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });
});

describe('protocol-schema: invalid-message', () => {
  const cases: [string, string, number | null][] = [
    ['not JSON', 'hello', null],
    ['empty string', '', null],
    ['truncated JSON', '{"id":1,"method":"pi', null],
    ['array', '[1,2]', null],
    ['number', '42', null],
    ['null', 'null', null],
    ['string', '"ping"', null],
    ['missing id', '{"method":"ping"}', null],
    ['string id', '{"id":"1","method":"ping"}', null],
    ['negative id', '{"id":-1,"method":"ping"}', null],
    ['fractional id', '{"id":1.5,"method":"ping"}', null],
    ['huge id', '{"id":1e300,"method":"ping"}', null],
    ['unsafe id', '{"id":9007199254740993,"method":"ping"}', null],
    ['missing method', '{"id":3}', 3],
    ['numeric method', '{"id":4,"method":7}', 4],
    ['empty method', '{"id":5,"method":""}', 5],
    ['overlong method', frame(6, 'x'.repeat(LIMITS.method + 1)), 6],
    ['array data', frame(8, 'ping', []), 8],
    ['string data', frame(9, 'ping', 'x'), 9],
    ['null data', frame(10, 'ping', null), 10],
  ];
  for (const [label, raw, id] of cases) {
    it(label, () => {
      expectError(raw, 'invalid-message', id);
    });
  }

  it('nesting deeper than LIMITS.depth', () => {
    const message = expectError(`{"id":1,"method":"ping","data":{"x":${'['.repeat(LIMITS.depth)}${']'.repeat(LIMITS.depth)}}}`, 'invalid-message', 1);
    assert.match(message, /nested/);
  });

  it('brackets inside strings do not count as nesting', () => {
    const name = '[{'.repeat(100) + '\\"' + '}]'.repeat(50);
    const result = decodeRequest(frame(2, 'join', { ...join, name: name.slice(0, LIMITS.name) }));
    assert.equal(result.ok, true, result.ok ? '' : result.message);
  });

  it('binary frames', () => {
    expectError(Buffer.from(frame(1, 'ping', {})), 'invalid-message', null, true);
  });
});

describe('protocol-schema: unknown-method', () => {
  for (const method of ['fly', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'JOIN', 'valueOf']) {
    it(method, () => {
      const message = expectError(frame(11, method, {}), 'unknown-method', 11);
      assert.match(message, new RegExp(method.replace(/_/g, '_')));
    });
  }
});

describe('protocol-schema: invalid-params', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['join: protocolVersion as string', 'join', { ...join, protocolVersion: '1' }, /protocolVersion/],
    ['join: empty roomId', 'join', { ...join, roomId: '' }, /roomId/],
    ['join: roomId too long', 'join', { ...join, roomId: 'r'.repeat(LIMITS.roomId + 1) }, /roomId/],
    ['join: userId too long', 'join', { ...join, userId: 'u'.repeat(LIMITS.userId + 1) }, /userId/],
    ['join: name too long', 'join', { ...join, name: 'n'.repeat(LIMITS.name + 1) }, /name/],
    ['join: bad callType', 'join', { ...join, callType: 'hologram' }, /callType/],
    ['join: missing userId', 'join', { ...join, userId: undefined }, /userId/],
    ['join: extra key', 'join', { ...join, admin: true }, /admin/],
    ['leave: extra key', 'leave', { now: 1 }, /now/],
    ['createTransport: bad direction', 'createTransport', { direction: 'sideways' }, /direction/],
    ['connectTransport: no fingerprints', 'connectTransport', { transportId: 't', dtlsParameters: { fingerprints: [] } }, /fingerprints/],
    ['connectTransport: dtlsParameters string', 'connectTransport', { transportId: 't', dtlsParameters: 'x' }, /dtlsParameters/],
    ['produce: bad kind', 'produce', { transportId: 't', kind: 'smell', rtpParameters: vp8RtpParameters, source: 'camera' }, /kind/],
    ['produce: bad source', 'produce', { transportId: 't', kind: 'video', rtpParameters: vp8RtpParameters, source: 'telepathy' }, /source/],
    ['produce: no codecs', 'produce', { transportId: 't', kind: 'video', rtpParameters: {}, source: 'camera' }, /rtpParameters\.codecs/],
    ['produce: payloadType out of range', 'produce', { transportId: 't', kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 300, clockRate: 90000 }] }, source: 'camera' }, /payloadType/],
    ['setProducerPaused: paused as string', 'setProducerPaused', { producerId: 'p', paused: 'yes' }, /paused/],
    ['closeProducer: numeric id', 'closeProducer', { producerId: 5 }, /producerId/],
    ['closeProducer: id too long', 'closeProducer', { producerId: 'p'.repeat(LIMITS.objectId + 1) }, /producerId/],
    ['consume: rtpCapabilities array', 'consume', { producerId: 'p', rtpCapabilities: [] }, /rtpCapabilities/],
    ['resumeConsumer: missing consumerId', 'resumeConsumer', {}, /consumerId/],
    ['ping: extra key', 'ping', { sneaky: 1 }, /sneaky/],
  ];
  for (const [label, method, data, field] of cases) {
    it(label, () => {
      const message = expectError(frame(12, method, data), 'invalid-params', 12);
      assert.match(message, field);
      assert.match(message, new RegExp(`^invalid params for ${method}`));
    });
  }
});

describe('protocol-schema: too-large', () => {
  it('refuses messages over MAX_MESSAGE_BYTES by byte length, before parsing', () => {
    const raw = frame(13, 'join', { ...join, name: 'x'.repeat(MAX_MESSAGE_BYTES) });
    const message = expectError(raw, 'too-large', 13);
    assert.match(message, new RegExp(String(MAX_MESSAGE_BYTES)));
  });

  it('counts bytes, not characters', () => {
    // 22000 three-byte characters: under the limit in characters, over it in bytes.
    const raw = frame(14, 'ping', { s: '€'.repeat(22_000) });
    assert.ok(raw.length < MAX_MESSAGE_BYTES);
    expectError(raw, 'too-large', 14);
  });

  it('gives a null id when none can be read', () => {
    expectError('x'.repeat(MAX_MESSAGE_BYTES + 1), 'too-large', null);
  });

  it('accepts a message exactly at the limit (then judges it on content)', () => {
    const base = frame(15, 'ping', {});
    const raw = base + ' '.repeat(MAX_MESSAGE_BYTES - base.length);
    assert.equal(Buffer.byteLength(raw), MAX_MESSAGE_BYTES);
    assert.equal(decodeRequest(raw).ok, true);
  });
});

describe('protocol-schema: responses', () => {
  it('builds ok and error envelopes', () => {
    assert.deepEqual(okResponse(1, { now: 2 }), { id: 1, ok: true, data: { now: 2 } });
    assert.deepEqual(errorResponse(null, 'internal', 'boom'), { id: null, ok: false, error: { code: 'internal', message: 'boom' } });
  });
});
