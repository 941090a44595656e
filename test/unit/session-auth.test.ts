/**
 * The client half of access control (docs/auth.md): the token travels in `join` (a provider is
 * asked on every join), `unauthorized`/`forbidden` at join are final (no reconnect loop), a
 * provider's token is refreshed before it expires, moderator notifications reach the state,
 * `removed` ends the session for good, and the moderation calls fail as ConferenceErrors.
 * Node: a scripted `ws` server for the join, fake signalling for the joined parts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ConferenceError } from '../../src/errors.js';
import { canPublish, refreshDelayMs, SessionAuth } from '../../src/session/auth.js';
import { ConferenceClient } from '../../src/session/ConferenceClient.js';
import { createConnection, type Connection } from '../../src/session/connection.js';
import { SessionCore } from '../../src/session/core.js';
import { Notifications } from '../../src/session/notifications.js';
import type { WebSocketConstructor } from '../../src/signaling/SignalingClient.js';
import { Emitter } from '../../src/util/emitter.js';
import type { Permissions } from '../../src/protocol/protocol.js';

const WS = WebSocket as unknown as WebSocketConstructor;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PERMS: Permissions = { publish: true, subscribe: true, record: false, admin: false, ingest: false };

const isCode = (code: string) => (error: unknown) => {
  assert.ok(error instanceof ConferenceError, `a ConferenceError, not ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

describe('refresh timing and grants', () => {
  test('a provider is asked 60 s before expiry, or at half a short lifetime, never at once', () => {
    const now = 1_000_000_000_000;
    assert.equal(refreshDelayMs(now / 1000 + 3600, now), 3540_000);
    assert.equal(refreshDelayMs(now / 1000 + 20, now), 10_000);
    assert.equal(refreshDelayMs(now / 1000 - 5, now), 1_000, 'already expired: soon, not in a loop');
  });

  test('canPublish follows the publish grant', () => {
    assert.equal(canPublish(null, 'screen'), true, 'unknown: the server decides');
    assert.equal(canPublish(PERMS, 'screen'), true);
    assert.equal(canPublish({ ...PERMS, publish: false }, 'mic'), false);
    assert.equal(canPublish({ ...PERMS, publish: ['mic'] }, 'mic'), true);
    assert.equal(canPublish({ ...PERMS, publish: ['mic'] }, 'screen'), false);
  });

  test('a token that is neither a string nor a function is refused', () => {
    assert.throws(() => new ConferenceClient({ url: 'http://x', token: 42 as never }), isCode('invalid-params'));
  });
});

describe('the token in join (scripted server)', () => {
  let wss: WebSocketServer;
  let url: string;
  const joins: { token?: string; userId?: string }[] = [];
  let connections = 0;
  let answer: (msg: { id: number }) => unknown = () => undefined;

  before(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(wss.address() as { port: number }).port}`;
    wss.on('connection', (socket: ServerSocket) => {
      connections++;
      socket.on('message', (raw) => {
        const msg = JSON.parse(String(raw));
        if (msg.method !== 'join') return;
        joins.push(msg.data);
        const reply = answer(msg);
        if (reply) socket.send(JSON.stringify(reply));
      });
    });
  });
  after(async () => {
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  const refuse = (code: string) => (msg: { id: number }) => ({ id: msg.id, ok: false, error: { code, message: `${code} by the test` } });

  for (const code of ['unauthorized', 'forbidden', 'room-full']) {
    test(`${code} at join is final: closed, reported, no reconnect`, async () => {
      joins.length = 0;
      connections = 0;
      answer = refuse(code);
      const client = new ConferenceClient({ url, token: 'tok-string', keepAliveMs: 0, WebSocket: WS });
      const session = client.createCallSession('ada', { callType: 'audio' });
      await assert.rejects(session.join('standup'), isCode(code));
      assert.equal(joins[0]?.token, 'tok-string', 'the token travels in join');
      assert.equal(session.state.getSnapshot().connection, 'closed');
      assert.equal(session.state.getSnapshot().error?.code, code);
      await sleep(1200);
      assert.equal(connections, 1, 'no second connection');
    });
  }

  test('a token function is asked on every join; a failing one is unauthorized', async () => {
    joins.length = 0;
    answer = refuse('unauthorized');
    let asked = 0;
    const client = new ConferenceClient({ url, keepAliveMs: 0, WebSocket: WS, token: async () => `fresh-${++asked}` });
    const session = client.createCallSession('ada', { callType: 'audio' });
    await assert.rejects(session.join('r'), isCode('unauthorized'));
    await assert.rejects(session.join('r'), isCode('unauthorized'));
    assert.deepEqual(joins.map((j) => j.token), ['fresh-1', 'fresh-2']);

    const failing = new ConferenceClient({ url, keepAliveMs: 0, WebSocket: WS, token: async () => Promise.reject(new Error('backend down')) });
    const before = joins.length;
    await assert.rejects(failing.createCallSession('ada', { callType: 'audio' }).join('r'), (error: unknown) => {
      isCode('unauthorized')(error);
      assert.match((error as Error).message, /backend down/);
      return true;
    });
    assert.equal(joins.length, before, 'no join without a token');
  });

  test('without a token the join has none (open mode)', async () => {
    joins.length = 0;
    answer = refuse('room-full');
    const session = new ConferenceClient({ url, keepAliveMs: 0, WebSocket: WS }).createCallSession('ada', { callType: 'audio' });
    await assert.rejects(session.join('r'), isCode('room-full'));
    assert.equal('token' in joins[0]!, false);
  });
});

/** Fake signalling: notifications by emit(), requests answered by `reply`. */
class FakeSignaling extends Emitter<Record<string, unknown>> {
  readonly requests: { method: string; params: unknown }[] = [];
  reply: (method: string, params: unknown) => unknown = () => ({});
  async request(method: string, params: unknown): Promise<unknown> {
    this.requests.push({ method, params });
    return this.reply(method, params);
  }
  close(): void {}
}

function joinedCore(token?: string | (() => Promise<string>)) {
  const core = new SessionCore({ userId: 'me', signalingUrl: 'ws://unused/ws', token });
  const signaling = new FakeSignaling();
  const conn: Connection = createConnection(signaling as never, () => undefined);
  core.conn = conn;
  core.state.update((s) => ({ ...s, connection: 'joined', roomId: 'r' }));
  const disabled: string[] = [];
  const auth = new SessionAuth(core, token, { disableSource: (source) => disabled.push(source) });
  return { core, signaling, conn, auth, disabled };
}

describe('joined: refresh, moderator notices, moderation calls', () => {
  test('a provider token is refreshed before it expires; permissions follow', async () => {
    let n = 0;
    const { core, signaling, conn, auth } = joinedCore(async () => `t${++n}`);
    const refreshed: number[] = [];
    core.events.on('tokenrefresh', ({ expiresAt }) => refreshed.push(expiresAt));
    const next = Math.floor(Date.now() / 1000) + 600;
    signaling.reply = () => ({ permissions: { ...PERMS, admin: true }, tokenExpiresAt: next });
    auth.joined(conn, { permissions: PERMS, tokenExpiresAt: Date.now() / 1000 + 2.4 });
    assert.equal(core.state.getSnapshot().self.permissions?.admin, false);
    // The refresh is due shortly before the expiry; wait for it (a loaded machine delays timers).
    for (const deadline = Date.now() + 15_000; refreshed.length === 0 && Date.now() < deadline; ) await sleep(50);
    assert.deepEqual(signaling.requests, [{ method: 'refreshToken', params: { token: 't1' } }]);
    assert.deepEqual(refreshed, [next]);
    assert.equal(core.state.getSnapshot().self.permissions?.admin, true, 'the fresh grants');
    for (const off of conn.offs.splice(0)) off(); // the next refresh timer (retire does this)
  });

  test('a string token is never refreshed; a retired connection stops the timer', async () => {
    const plain = joinedCore('fixed');
    plain.auth.joined(plain.conn, { permissions: PERMS, tokenExpiresAt: Date.now() / 1000 + 2 });
    const rotating = joinedCore(async () => 'x');
    rotating.auth.joined(rotating.conn, { permissions: PERMS, tokenExpiresAt: Date.now() / 1000 + 2 });
    for (const off of rotating.conn.offs.splice(0)) off();
    rotating.conn.retired = true;
    await sleep(1300);
    assert.equal(plain.signaling.requests.length, 0);
    assert.equal(rotating.signaling.requests.length, 0);
  });

  test('mutedByModerator turns the source off and sets the notice; turning it on clears it', () => {
    const { core, signaling, conn, auth, disabled } = joinedCore();
    auth.joined(conn, { permissions: PERMS, tokenExpiresAt: null });
    signaling.emit('mutedByModerator', { source: 'mic', producerId: 'p1', by: 'ada' });
    assert.deepEqual(disabled, ['mic']);
    assert.deepEqual(core.state.getSnapshot().self.moderatorMute, { source: 'mic', by: 'ada' });
    auth.sourceEnabled('camera');
    assert.ok(core.state.getSnapshot().self.moderatorMute, 'another source leaves it');
    auth.sourceEnabled('mic');
    assert.equal(core.state.getSnapshot().self.moderatorMute, null);
  });

  test('moderation calls send their request; failures are reported ConferenceErrors', async () => {
    const { core, signaling, auth } = joinedCore();
    await auth.muteParticipant('bob', 'camera');
    await auth.removeParticipant('bob');
    assert.deepEqual(signaling.requests, [
      { method: 'muteParticipant', params: { userId: 'bob', source: 'camera' } },
      { method: 'removeParticipant', params: { userId: 'bob' } },
    ]);
    signaling.reply = () => Promise.reject(new ConferenceError('forbidden', 'removeParticipant needs the admin grant'));
    await assert.rejects(auth.removeParticipant('bob'), isCode('forbidden'));
    assert.equal(core.state.getSnapshot().error?.code, 'forbidden');
    await assert.rejects(auth.removeParticipant(''), isCode('invalid-params'));
    core.state.update((s) => ({ ...s, connection: 'closed' }));
    await assert.rejects(auth.endMeetingForAll(), isCode('not-joined'));
  });

  test('a listener may not turn on its mic or share a screen', () => {
    const { core, conn, auth } = joinedCore();
    auth.joined(conn, { permissions: { ...PERMS, publish: false }, tokenExpiresAt: null });
    assert.throws(() => auth.assertCanPublish('mic'), isCode('forbidden'));
    assert.equal(core.state.getSnapshot().error?.code, 'forbidden');
  });
});

describe('notifications that end the session', () => {
  function wired() {
    const { core, signaling, conn } = joinedCore();
    const ends: { code: string | null; reason: string }[] = [];
    const reconnects: unknown[] = [];
    const notifications = new Notifications(core, {} as never, {} as never, {
      closeWith: (_c, error, reason) => ends.push({ code: error?.code ?? null, reason }),
      reconnect: (c) => reconnects.push(c),
      rejoin: (c) => reconnects.push(c),
    });
    notifications.wire(conn);
    return { signaling, ends, reconnects };
  }

  test('removed ends it with `removed`, and so does close code 4003; neither reconnects', () => {
    const a = wired();
    a.signaling.emit('removed', { by: 'ada' });
    assert.deepEqual(a.ends, [{ code: 'removed', reason: 'removed' }]);
    const b = wired();
    b.signaling.emit('disconnected', { code: 4003, reason: 'removed' });
    assert.deepEqual(b.ends, [{ code: 'removed', reason: 'removed' }]);
    assert.equal(a.reconnects.length + b.reconnects.length, 0);
  });

  test('roomClosed by a moderator says who; by yourself it is no error', () => {
    const a = wired();
    a.signaling.emit('roomClosed', { reason: 'ended by a moderator', endedBy: 'ada' });
    a.signaling.emit('roomClosed', { reason: 'ended by a moderator', endedBy: 'me' });
    assert.deepEqual(a.ends, [
      { code: 'room-closed', reason: 'room-closed' },
      { code: null, reason: 'ended' },
    ]);
  });
});
