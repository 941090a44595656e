/**
 * Access control against a real in-process server (secure mode: CONF_KIT_SECRET set) over real
 * WebSockets: tokens decide identity, grants are enforced, moderation needs admin, foreign
 * Origins and floods are refused. Producers use hand-written RTP parameters (no packets flow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { PROTOCOL_VERSION, type ErrorCode, type ResponseMessage, type TransportInfo } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { createToken, type CreateTokenClaims } from '../../server/auth/tokens.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devSecret } from '../../server/meetings/index.js';
import { CLOSE_CODE_REMOVED } from '../../server/room.js';
import { SignalingTestClient } from '../../server/test-client.js';

const SECRET = 'server-test-secret-0123456789-abcdefghij';

const opusRtpParameters = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 44444444 }],
  rtcp: { cname: 'auth-mic' },
};
const vp8RtpParameters = {
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 55550001 }],
  rtcp: { cname: 'auth-cam' },
};

const join = (roomId: string, extra: { token?: string; userId?: string; name?: string } = {}) => ({
  protocolVersion: PROTOCOL_VERSION,
  roomId,
  callType: 'video' as const,
  ...extra,
});

function expectError(response: ResponseMessage, code: ErrorCode, pattern?: RegExp): void {
  assert.equal(response.ok, false, `expected ${code}, got ok`);
  if (response.ok) return;
  assert.equal(response.error.code, code, response.error.message);
  if (pattern) assert.match(response.error.message, pattern);
  assert.ok(!response.error.message.includes(SECRET), 'no secret in the message');
}

describe('server: access control (secure mode)', () => {
  let server: ConfServer;
  const clients: SignalingTestClient[] = [];
  const connect = async (origin?: string) => {
    const c = await SignalingTestClient.connect(server.url, { origin });
    clients.push(c);
    return c;
  };
  const token = (claims: CreateTokenClaims, secret = SECRET) => createToken(secret, claims);
  /** Connects and joins `roomId` with a token for `claims`. */
  const joined = async (roomId: string, claims: CreateTokenClaims) => {
    const client = await connect();
    const result = await client.call('join', join(roomId, { token: await token({ room: roomId, ...claims }) }));
    return { client, result };
  };
  const produceMic = async (client: SignalingTestClient) => {
    const send: TransportInfo = await client.call('createTransport', { direction: 'send' });
    const mic = await client.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    return { send, mic };
  };

  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', secret: SECRET });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
  });

  it('refuses a join without a token, with a bad one, and for another room; the socket stays usable', async () => {
    const c = await connect();
    expectError(await c.request('join', join('r1', { userId: 'ada', name: 'Ada' })), 'unauthorized', /token is required/);
    expectError(await c.request('join', join('r1', { token: 'garbage' })), 'unauthorized', /malformed/);
    expectError(await c.request('join', join('r1', { token: await token({ sub: 'ada' }, 'another-secret-that-is-long-enough-0123456789') })), 'unauthorized', /signature/);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ sub: 'ada', iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expectError(await c.request('join', join('r1', { token: expired })), 'unauthorized', /expired/);
    expectError(await c.request('join', join('r1', { token: await token({ sub: 'ada', room: 'r2' }) })), 'forbidden', /room r1/);
    const ok = await c.call('join', join('r1', { token: await token({ sub: 'ada', room: 'r1', name: 'Ada' }), name: 'Not Ada' }));
    assert.equal(ok.userId, 'ada');
    assert.equal(ok.name, 'Ada', "the token's name wins");
    assert.deepEqual(ok.permissions, { publish: true, subscribe: true, record: false, admin: false, ingest: false });
    assert.ok(ok.tokenExpiresAt !== null && ok.tokenExpiresAt > Date.now() / 1000);
    await c.call('leave', {});
  });

  it('mallory with a valid token cannot join as ada, and ada is not replaced; ada can rejoin with her own token', async () => {
    const { client: ada } = await joined('r-mallory', { sub: 'ada' });
    const mallory = await connect();
    const malloryToken = await token({ sub: 'mallory', room: 'r-mallory' });
    expectError(await mallory.request('join', join('r-mallory', { token: malloryToken, userId: 'ada' })), 'forbidden', /another user/);
    assert.equal(ada.isOpen, true);
    assert.deepEqual(ada.received('replaced'), []);

    const observer = await joined('r-mallory', { sub: 'olga' });
    assert.deepEqual(observer.result.publishers.map((p) => p.userId), ['ada']);

    const adaAgain = await connect();
    const rejoin = await adaAgain.call('join', join('r-mallory', { token: await token({ sub: 'ada', room: 'r-mallory' }), userId: 'ada' }));
    assert.equal(rejoin.userId, 'ada');
    await ada.waitFor('replaced');
    assert.equal((await ada.closed).code, 4001);
  });

  it('a listener (publish: false) is in the room but cannot produce', async () => {
    const { client: host } = await joined('r-listen', { sub: 'host' });
    const { client: listener, result } = await joined('r-listen', { sub: 'lena', grants: { publish: false } });
    assert.equal(result.permissions.publish, false);
    const joinedNote = await host.waitFor('publisherJoined', (d) => d.publisher.userId === 'lena');
    assert.deepEqual(joinedNote.data.publisher.producers, []);
    const send: TransportInfo = await listener.call('createTransport', { direction: 'send' });
    expectError(
      await listener.request('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' }),
      'forbidden',
      /listener/,
    );
    // It still receives: it can consume the host's mic.
    const { mic } = await produceMic(host);
    await listener.call('createTransport', { direction: 'recv' });
    const consumer = await listener.call('consume', { producerId: mic.producerId, rtpCapabilities: { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] } });
    assert.equal(consumer.userId, 'host');
  });

  it('a publish list allows only those sources; subscribe: false cannot consume', async () => {
    const { client: host } = await joined('r-list', { sub: 'host' });
    const { mic } = await produceMic(host);
    const { client: attendee, result } = await joined('r-list', { sub: 'att', grants: { publish: ['mic'], subscribe: false } });
    assert.deepEqual(result.permissions.publish, ['mic']);
    const send: TransportInfo = await attendee.call('createTransport', { direction: 'send' });
    expectError(
      await attendee.request('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8RtpParameters, source: 'screen' }),
      'forbidden',
      /screen/,
    );
    await attendee.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    await attendee.call('createTransport', { direction: 'recv' });
    expectError(await attendee.request('consume', { producerId: mic.producerId, rtpCapabilities: {} }), 'forbidden', /receiving/);
  });

  it('moderation without admin is forbidden', async () => {
    const { client: bob } = await joined('r-nomod', { sub: 'bob' });
    await joined('r-nomod', { sub: 'carol' });
    expectError(await bob.request('muteParticipant', { userId: 'carol', source: 'mic' }), 'forbidden', /admin/);
    expectError(await bob.request('removeParticipant', { userId: 'carol' }), 'forbidden', /admin/);
    expectError(await bob.request('endMeetingForAll', {}), 'forbidden', /admin/);
  });

  it('an admin mutes someone: everyone sees it, the target is told and may unmute', async () => {
    const { client: admin } = await joined('r-mute', { sub: 'mod', grants: { admin: true } });
    const { client: target } = await joined('r-mute', { sub: 'tim' });
    const { mic } = await produceMic(target);
    await admin.waitFor('publisherUpdated', (d) => d.publisher.userId === 'tim' && d.publisher.producers.length === 1);
    expectError(await admin.request('muteParticipant', { userId: 'tim', source: 'camera' }), 'not-found');
    expectError(await admin.request('muteParticipant', { userId: 'nobody', source: 'mic' }), 'not-found');

    await admin.call('muteParticipant', { userId: 'tim', source: 'mic' });
    const told = await target.waitFor('mutedByModerator');
    assert.deepEqual(told.data, { source: 'mic', producerId: mic.producerId, by: 'mod' });
    await admin.waitFor('publisherUpdated', (d) => d.publisher.userId === 'tim' && d.publisher.producers[0]?.paused === true);

    await target.call('setProducerPaused', { producerId: mic.producerId, paused: false });
    await admin.waitFor('publisherUpdated', (d) => d.publisher.userId === 'tim' && d.publisher.producers[0]?.paused === false);
  });

  it('an admin removes someone: told, socket closed, gone for everyone', async () => {
    const { client: admin } = await joined('r-remove', { sub: 'mod', grants: { admin: true } });
    const { client: target } = await joined('r-remove', { sub: 'rick' });
    await admin.call('removeParticipant', { userId: 'rick' });
    assert.deepEqual((await target.waitFor('removed')).data, { by: 'mod' });
    assert.equal((await target.closed).code, CLOSE_CODE_REMOVED);
    assert.deepEqual((await admin.waitFor('publisherLeft', (d) => d.userId === 'rick')).data, { userId: 'rick', reason: 'removed' });
    const late = await joined('r-remove', { sub: 'late' });
    assert.deepEqual(late.result.publishers.map((p) => p.userId), ['mod']);
  });

  it('an admin ends the meeting for everyone (roomClosed with endedBy)', async () => {
    const { client: admin } = await joined('r-end', { sub: 'mod', grants: { admin: true } });
    const { client: other } = await joined('r-end', { sub: 'olly' });
    await admin.call('endMeetingForAll', {});
    for (const c of [admin, other]) {
      assert.deepEqual((await c.waitFor('roomClosed')).data, { reason: 'ended by a moderator', endedBy: 'mod' });
    }
    expectError(await other.request('createTransport', { direction: 'send' }), 'not-joined');
    const fresh = await joined('r-end', { sub: 'new' });
    assert.deepEqual(fresh.result.publishers, [], 'a new room, without the old participants');
  });

  it('refreshToken: same sub only; new grants apply and close what they no longer allow', async () => {
    const { client: host } = await joined('r-refresh', { sub: 'host' });
    const { client: rita } = await joined('r-refresh', { sub: 'rita' });
    await produceMic(rita);
    await host.waitFor('publisherUpdated', (d) => d.publisher.userId === 'rita' && d.publisher.producers.length === 1);

    expectError(await rita.request('refreshToken', { token: 'nope' }), 'unauthorized');
    expectError(await rita.request('refreshToken', { token: await token({ sub: 'host' }) }), 'forbidden', /same sub/);
    expectError(await rita.request('refreshToken', { token: await token({ sub: 'rita', room: 'elsewhere' }) }), 'forbidden', /room/);

    const refreshed = await rita.call('refreshToken', { token: await token({ sub: 'rita', room: 'r-refresh', grants: { publish: ['camera'], admin: true }, ttlSeconds: 7200 }) });
    assert.deepEqual(refreshed.permissions, { publish: ['camera'], subscribe: true, record: false, admin: true, ingest: false });
    assert.ok(refreshed.tokenExpiresAt > Date.now() / 1000 + 3600);
    await host.waitFor('publisherUpdated', (d) => d.publisher.userId === 'rita' && d.publisher.producers.length === 0);
    // Now an admin: moderation gets past the grant check (the host has no mic, hence not-found).
    expectError(await rita.request('muteParticipant', { userId: 'host', source: 'mic' }), 'not-found');
  });

  it('refuses an upgrade from a foreign Origin (403) and accepts its own origin and no Origin', async () => {
    await assert.rejects(connect('https://evil.example'), (e: { statusCode?: number }) => e.statusCode === 403);
    await assert.rejects(connect('http://localhost:1234'), (e: { statusCode?: number }) => e.statusCode === 403, 'no localhost default in secure mode');
    const own = await connect(server.url);
    assert.deepEqual(await own.call('ping', {}).then(() => true), true);
  });

  it('a 500-request burst on one socket is rate-limited; another socket is not affected', async () => {
    const { client: flooder } = await joined('r-flood', { sub: 'flo' });
    const { client: calm } = await joined('r-calm', { sub: 'cal' });
    const burst = Array.from({ length: 500 }, () => flooder.request('ping', {}));
    const calmResponse = await calm.request('ping', {});
    const responses = await Promise.all(burst);
    assert.equal(calmResponse.ok, true);
    const limited = responses.filter((r) => !r.ok);
    assert.ok(limited.length > 0, 'some requests were refused');
    for (const r of limited) expectError(r, 'rate-limited');
    assert.ok(limited.some((r) => !r.ok && /too many requests on this connection/.test(r.error.message)), 'the per-socket bucket refused some');
    assert.ok(responses.some((r) => r.ok), 'the burst allowance went through');
    assert.equal(flooder.isOpen, true);
    assert.equal((await calm.request('ping', {})).ok, true);
  });
});

describe('server: access control (open mode, low limits)', () => {
  let server: ConfServer;
  const clients: SignalingTestClient[] = [];
  const connect = async (origin?: string) => {
    const c = await SignalingTestClient.connect(server.url, { origin });
    clients.push(c);
    return c;
  };

  const dataDir = mkdtempSync(path.join(tmpdir(), 'auth-open-'));
  before(async () => {
    server = await startConfServer({
      port: 0,
      numWorkers: 1,
      logLevel: 'silent',
      dataDir,
      joinsPerMinute: 4,
      connectionsPerMinute: 6,
      allowedOrigins: ['https://app.example'],
    });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
  });

  it('tokens are optional; a dev-secret token decides identity; a tokenless join cannot replace it', async () => {
    const a = await connect();
    const plain = await a.call('join', join('open', { userId: 'zed', name: 'Zed' }));
    assert.equal(plain.tokenExpiresAt, null);
    assert.equal(plain.permissions.admin, false);
    const b = await connect();
    const viaToken = await b.call('join', join('open', { token: await createToken(devSecret(dataDir), { sub: 'ada', grants: { admin: true } }) }));
    assert.equal(viaToken.userId, 'ada');
    assert.equal(viaToken.permissions.admin, true);
    const c = await connect();
    expectError(await c.request('join', join('open', { userId: 'ada', name: 'fake' })), 'forbidden', /joined with a token/);
    expectError(await c.request('join', join('open', { token: await createToken(SECRET, { sub: 'x' }) })), 'unauthorized');
  });

  it('joins per IP are limited (the 4 allowed were used above, plus one)', async () => {
    const d = await connect();
    expectError(await d.request('join', join('open', { userId: 'late' })), 'rate-limited', /per minute/);
  });

  it('ALLOWED_ORIGINS replaces the defaults; connections per IP are limited (429)', async () => {
    await assert.rejects(connect('http://localhost:5173'), (e: { statusCode?: number }) => e.statusCode === 403);
    await connect('https://app.example');
    // 5 connections so far (4 above + this one); the limit is 6 per minute.
    await connect();
    await assert.rejects(connect(), (e: { statusCode?: number }) => e.statusCode === 429);
  });
});
