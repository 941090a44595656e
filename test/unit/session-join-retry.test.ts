/**
 * A first join under overload (docs/reliability.md, "Overload"): a `join` that times out is sent
 * again on the same socket; a socket lost while joining means a new socket (`connecting`,
 * `reconnectAttempt` counting); only a final error (room-full, unauthorized, forbidden...) ends
 * the session `closed`; leave() stops the tries. Node: a scripted `ws` server, a real session.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ConferenceError } from '../../src/errors.js';
import { ConferenceClient } from '../../src/session/ConferenceClient.js';
import type { WebSocketConstructor } from '../../src/signaling/SignalingClient.js';

const WS = WebSocket as unknown as WebSocketConstructor;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isCode = (code: string) => (error: unknown) => {
  assert.ok(error instanceof ConferenceError, `a ConferenceError, not ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

describe('join retries (scripted server)', () => {
  let wss: WebSocketServer;
  let url: string;
  /** Joins received: [connection number, request id]. */
  const joins: [number, number][] = [];
  let connections = 0;
  /** What the server does with join number n (1-based, over all sockets). */
  let onJoin: (n: number, socket: ServerSocket, id: number) => void = () => undefined;

  before(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(wss.address() as { port: number }).port}`;
    wss.on('connection', (socket: ServerSocket) => {
      const connection = ++connections;
      socket.on('message', (raw) => {
        const msg = JSON.parse(String(raw));
        if (msg.method !== 'join') return;
        joins.push([connection, msg.id]);
        onJoin(joins.length, socket, msg.id);
      });
    });
  });
  after(async () => {
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  beforeEach(() => {
    joins.length = 0;
    connections = 0;
  });

  const refuse = (socket: ServerSocket, id: number, code: string) =>
    socket.send(JSON.stringify({ id, ok: false, error: { code, message: `${code} by the test` } }));
  const session = () =>
    new ConferenceClient({ url, keepAliveMs: 0, socketTimeoutMs: 1500, WebSocket: WS }).createCallSession('ada', { callType: 'audio' });

  test('a join that times out is sent again on the same socket; a final error then closes', async () => {
    onJoin = (n, socket, id) => {
      if (n >= 3) refuse(socket, id, 'room-full'); // the first two get no answer in time
    };
    const s = session();
    const seen: string[] = [];
    s.state.subscribe((snap) => seen.push(snap.connection));
    await assert.rejects(s.join('r'), isCode('room-full'));
    assert.equal(joins.length, 3);
    assert.deepEqual(new Set(joins.map(([c]) => c)), new Set([1]), 'one socket');
    assert.notEqual(joins[0]![1], joins[1]![1], 'each try is its own request');
    assert.equal(s.state.getSnapshot().connection, 'closed');
    assert.equal(s.state.getSnapshot().error?.code, 'room-full');
    const closedAt = seen.indexOf('closed');
    assert.ok(closedAt > 0 && seen.slice(0, closedAt).every((c) => c === 'connecting'), `connecting throughout the tries: ${seen.join(',')}`);
  });

  test('a socket lost while joining: a new socket, connecting with reconnectAttempt; unauthorized is final', async () => {
    onJoin = (n, socket, id) => {
      if (n === 1) socket.terminate();
      else refuse(socket, id, 'unauthorized');
    };
    const s = session();
    const attempts: [string, number][] = [];
    s.state.subscribe((snap) => attempts.push([snap.connection, snap.reconnectAttempt ?? 0]));
    await assert.rejects(s.join('r'), isCode('unauthorized'));
    assert.equal(connections, 2);
    assert.ok(attempts.some(([c, n]) => c === 'connecting' && n === 1), `connecting, attempt 1: ${JSON.stringify(attempts)}`);
    assert.equal(s.state.getSnapshot().connection, 'closed');
    assert.equal(s.state.getSnapshot().reconnectAttempt, 0);
    await sleep(1500);
    assert.equal(connections, 2, 'nothing after a final error');
  });

  test('internal errors are retried too', async () => {
    onJoin = (n, socket, id) => refuse(socket, id, n === 1 ? 'internal' : 'forbidden');
    await assert.rejects(session().join('r'), isCode('forbidden'));
    assert.equal(joins.length, 2);
  });

  test('leave() during the tries ends them: not-joined, closed, no further join', async () => {
    onJoin = () => undefined; // never answers
    const s = session();
    const joining = s.join('r');
    joining.catch(() => undefined);
    while (joins.length < 2) await sleep(20);
    await s.leave();
    await assert.rejects(joining, isCode('not-joined'));
    const count = joins.length;
    await sleep(1500);
    assert.equal(joins.length, count);
    assert.equal(s.state.getSnapshot().connection, 'closed');
  });

  test('a server that cannot be reached at all fails at once (server-unreachable)', async () => {
    const closed = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => closed.once('listening', () => resolve()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const s = new ConferenceClient({ url: `http://127.0.0.1:${port}`, keepAliveMs: 0, WebSocket: WS }).createCallSession('ada', { callType: 'audio' });
    await assert.rejects(s.join('r'), isCode('server-unreachable'));
    assert.equal(s.state.getSnapshot().connection, 'closed');
  });
});
