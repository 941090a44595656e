import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ConferenceError } from '../../src/errors.js';
import { SignalingClient, type WebSocketConstructor, type WebSocketLike } from '../../src/signaling/SignalingClient.js';
import { resolveSignalingUrl } from '../../src/signaling/url.js';

const WS = WebSocket as unknown as WebSocketConstructor;

/**
 * A scripted server on a real `ws` socket (port 0). `handle` answers each request; returning
 * undefined means "never answer".
 */
type Handler = (msg: { id: number; method: string; data: any }, socket: ServerSocket) => unknown;

let wss: WebSocketServer;
let url: string;
let handler: Handler = () => undefined;
const sockets = new Set<ServerSocket>();

before(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/ws`;
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      const reply = handler(msg, socket);
      if (reply !== undefined) socket.send(JSON.stringify(reply));
    });
  });
});

after(async () => {
  for (const socket of sockets) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

async function connected(options: { timeoutMs?: number } = {}): Promise<SignalingClient> {
  const client = new SignalingClient(url, { WebSocket: WS, keepAliveMs: 0, ...options });
  await client.connect();
  return client;
}

const rejectsWith = async (promise: Promise<unknown>, code: string, pattern?: RegExp) => {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ConferenceError, `expected a ConferenceError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
};

describe('SignalingClient requests', () => {
  test('resolves with the response data, matching responses by id (out of order)', async () => {
    const held: { id: number; socket: ServerSocket }[] = [];
    handler = (msg, socket) => {
      if (msg.method === 'ping') {
        held.push({ id: msg.id, socket });
        if (held.length === 2) {
          // Answer the second first.
          for (const h of [...held].reverse()) h.socket.send(JSON.stringify({ id: h.id, ok: true, data: { now: h.id } }));
        }
        return undefined;
      }
      return { id: msg.id, ok: true, data: { producerId: `prod-for-${msg.data.transportId}` } };
    };
    const client = await connected();
    try {
      const [p1, p2] = await Promise.all([client.request('ping', {}), client.request('ping', {})]);
      assert.notEqual(p1.now, p2.now);
      assert.deepEqual(
        await client.request('produce', { transportId: 't1', kind: 'audio', rtpParameters: {}, source: 'mic' }),
        { producerId: 'prod-for-t1' },
      );
    } finally {
      client.close();
    }
  });

  test('sends {id, method, data} with increasing ids', async () => {
    const seen: { id: number; method: string; data: unknown }[] = [];
    handler = (msg) => {
      seen.push(msg);
      return { id: msg.id, ok: true, data: {} };
    };
    const client = await connected();
    try {
      await client.request('leave', {});
      await client.request('closeConsumer', { consumerId: 'c1' });
      assert.equal(seen.length, 2);
      assert.deepEqual(seen[1], { id: seen[0].id + 1, method: 'closeConsumer', data: { consumerId: 'c1' } });
    } finally {
      client.close();
    }
  });

  test('an error response rejects with ConferenceError(code, message)', async () => {
    handler = (msg) => ({ id: msg.id, ok: false, error: { code: 'room-full', message: 'room r1 is full (2)' } });
    const client = await connected();
    try {
      await rejectsWith(
        client.request('join', { protocolVersion: 1, roomId: 'r1', userId: 'u', name: 'U', callType: 'video' }),
        'room-full',
        /is full/,
      );
      assert.ok(client.isOpen, 'an error response does not close the connection');
    } finally {
      client.close();
    }
  });

  test('no answer within the timeout rejects with ConferenceError("timeout"); a late answer is ignored', async () => {
    let late: (() => void) | undefined;
    handler = (msg, socket) => {
      late = () => socket.send(JSON.stringify({ id: msg.id, ok: true, data: { now: 1 } }));
      return undefined;
    };
    const client = await connected();
    try {
      await rejectsWith(client.request('ping', {}, { timeoutMs: 50 }), 'timeout', /ping timed out/);
      late?.();
      handler = (msg) => ({ id: msg.id, ok: true, data: { now: 2 } });
      assert.deepEqual(await client.request('ping', {}), { now: 2 });
    } finally {
      client.close();
    }
  });

  test('the default timeout comes from the options', async () => {
    handler = () => undefined;
    const client = await connected({ timeoutMs: 40 });
    try {
      await rejectsWith(client.request('ping', {}), 'timeout');
    } finally {
      client.close();
    }
  });

  test('requests before connect or after close reject with server-unreachable', async () => {
    const client = new SignalingClient(url, { WebSocket: WS, keepAliveMs: 0 });
    await rejectsWith(client.request('ping', {}), 'server-unreachable');
    await client.connect();
    client.close();
    await rejectsWith(client.request('ping', {}), 'server-unreachable');
  });

  test('close() rejects pending requests without emitting disconnected', async () => {
    handler = () => undefined;
    const client = await connected();
    let disconnected = 0;
    client.on('disconnected', () => disconnected++);
    const pending = client.request('ping', {});
    client.close();
    await rejectsWith(pending, 'server-unreachable');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(disconnected, 0);
  });
});

describe('SignalingClient notifications and connection', () => {
  test('emits typed notifications by method and as "notification"', async () => {
    const client = await connected();
    try {
      const got = new Promise<{ userId: string; reason: string }>((resolve) => client.on('publisherLeft', resolve));
      const all: string[] = [];
      client.on('notification', ({ method }) => all.push(method));
      for (const socket of sockets) {
        socket.send('not json');
        socket.send(JSON.stringify({ method: 'somethingNew', data: {} }));
        socket.send(JSON.stringify({ method: 'publisherLeft', data: { userId: 'a', reason: 'left' } }));
      }
      assert.deepEqual(await got, { userId: 'a', reason: 'left' });
      assert.deepEqual(all, ['somethingNew', 'publisherLeft']);
    } finally {
      client.close();
    }
  });

  test('an unexpected close emits disconnected and rejects pending requests', async () => {
    handler = () => undefined;
    const client = await connected();
    const disconnected = new Promise<{ code: number }>((resolve) => client.on('disconnected', resolve));
    const pending = client.request('ping', {});
    for (const socket of sockets) socket.close(4001, 'bye');
    const info = await disconnected;
    assert.equal(info.code, 4001);
    await rejectsWith(pending, 'server-unreachable');
    assert.equal(client.isOpen, false);
  });

  test('connect() to a closed port rejects with server-unreachable', async () => {
    const probe = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new SignalingClient(`ws://127.0.0.1:${port}/ws`, { WebSocket: WS, keepAliveMs: 0 });
    await rejectsWith(client.connect(), 'server-unreachable');
  });

  test('connect() that never opens times out as server-unreachable', async () => {
    class NeverOpens implements WebSocketLike {
      readyState = 0;
      onopen = null;
      onclose = null;
      onerror = null;
      onmessage = null;
      closed = false;
      constructor(readonly url: string) {}
      send(): void {}
      close(): void {
        this.closed = true;
      }
    }
    const client = new SignalingClient('ws://example.invalid/ws', { WebSocket: NeverOpens, timeoutMs: 30, keepAliveMs: 0 });
    await rejectsWith(client.connect(), 'server-unreachable', /timed out/);
  });

  test('a keep-alive ping that times out drops the connection', async () => {
    handler = () => undefined;
    const client = new SignalingClient(url, { WebSocket: WS, keepAliveMs: 30, timeoutMs: 30 });
    await client.connect();
    const info = await new Promise<{ code: number; reason: string }>((resolve) => client.on('disconnected', resolve));
    assert.equal(info.reason, 'keep-alive timeout');
    assert.equal(client.isOpen, false);
  });
});

describe('resolveSignalingUrl', () => {
  test('maps http(s) to ws(s) and appends /ws when there is no path', () => {
    assert.equal(resolveSignalingUrl('http://127.0.0.1:3000'), 'ws://127.0.0.1:3000/ws');
    assert.equal(resolveSignalingUrl('https://meet.example.com/'), 'wss://meet.example.com/ws');
    assert.equal(resolveSignalingUrl('wss://meet.example.com'), 'wss://meet.example.com/ws');
    assert.equal(resolveSignalingUrl('ws://h:1/custom/path'), 'ws://h:1/custom/path');
    assert.equal(resolveSignalingUrl('https://h/sfu?token=x'), 'wss://h/sfu?token=x');
  });

  test('resolves relative URLs against a base, rejects other schemes', () => {
    assert.equal(resolveSignalingUrl('/', 'https://app.example.com/room/1'), 'wss://app.example.com/ws');
    assert.throws(() => resolveSignalingUrl('ftp://h'), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    assert.throws(() => resolveSignalingUrl('not a url'), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
  });
});
