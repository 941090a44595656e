/**
 * The reconnect attempt limit (`reconnect: { maxAttempts }` of the session options,
 * docs/reliability.md): validated when the session is created (invalid-params), default
 * MAX_RECONNECT_ATTEMPTS, and the Reconnector really makes exactly that many attempts before it
 * gives up with server-unreachable. Node: a real SessionCore and Reconnector, a scripted host.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { ConferenceError } from '../../src/errors.js';
import { ConferenceClient } from '../../src/session/ConferenceClient.js';
import type { Connection } from '../../src/session/connection.js';
import { SessionCore } from '../../src/session/core.js';
import { MAX_RECONNECT_ATTEMPTS, Reconnector, reconnectMaxAttempts } from '../../src/session/reconnect.js';
import type { ReconnectOptions } from '../../src/session/types.js';
import type { WebSocketConstructor } from '../../src/signaling/SignalingClient.js';

const WS = WebSocket as unknown as WebSocketConstructor;
const client = () => new ConferenceClient({ url: 'http://127.0.0.1:9', keepAliveMs: 0, WebSocket: WS });

/** A joined-looking connection with nothing behind it: enough for the Reconnector to retire. */
function fakeConnection(): Connection {
  const rejectNothing = { promise: Promise.resolve(), resolve: () => undefined, reject: () => undefined };
  return {
    signaling: { close: () => undefined },
    resumeToken: null,
    shutdownReconnectMs: null,
    device: null,
    sendTransport: null,
    recvTransport: null,
    recvReady: rejectNothing,
    producers: new Map(),
    consumers: new Map(),
    consumerIds: new Map(),
    closedConsumerIds: new Set(),
    infos: new Map(),
    ready: true,
    buffered: [],
    offs: [],
    retired: false,
    established: true,
    onTransportFailed: () => undefined,
  } as unknown as Connection;
}

describe('reconnect attempt limit', () => {
  test('the default is MAX_RECONNECT_ATTEMPTS (30); a valid maxAttempts is taken as given', () => {
    assert.equal(MAX_RECONNECT_ATTEMPTS, 30);
    assert.equal(reconnectMaxAttempts(undefined), 30);
    assert.equal(reconnectMaxAttempts({}), 30);
    assert.equal(reconnectMaxAttempts({ maxAttempts: 1 }), 1);
    assert.equal(reconnectMaxAttempts({ maxAttempts: 10_000 }), 10_000);
    // A session with a valid limit is created as usual.
    assert.equal(client().createCallSession('ada', { callType: 'audio', reconnect: { maxAttempts: 3 } }).userId, 'ada');
  });

  test('a bad maxAttempts makes createCallSession throw ConferenceError invalid-params naming the option', () => {
    const bad: unknown[] = [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 10_001, '5', null];
    for (const maxAttempts of bad) {
      assert.throws(
        () => client().createCallSession('ada', { callType: 'audio', reconnect: { maxAttempts } as ReconnectOptions }),
        (error: unknown) =>
          error instanceof ConferenceError && error.code === 'invalid-params' && /reconnect\.maxAttempts/.test(error.message),
        `maxAttempts ${String(maxAttempts)} is refused`,
      );
    }
    for (const reconnect of [5, 'x', null]) {
      assert.throws(
        () => client().createCallSession('ada', { callType: 'audio', reconnect: reconnect as unknown as ReconnectOptions }),
        (error: unknown) => error instanceof ConferenceError && error.code === 'invalid-params' && /reconnect/.test(error.message),
      );
    }
  });

  for (const maxAttempts of [1, 3]) {
    test(`maxAttempts ${maxAttempts}: exactly ${maxAttempts} rejoin attempt(s), then closed with server-unreachable`, { timeout: 60_000 }, async () => {
      const core = new SessionCore({ userId: 'ada', signalingUrl: 'ws://127.0.0.1:9/ws', reconnect: { maxAttempts } });
      const attempts: number[] = [];
      let gaveUp!: (error: ConferenceError) => void;
      const given = new Promise<ConferenceError>((resolve) => (gaveUp = resolve));
      const reconnector = new Reconnector(core, {
        resume: async () => false,
        connect: async () => {
          attempts.push(core.state.getSnapshot().reconnectAttempt ?? 0);
          throw new ConferenceError('timeout', 'the server does not answer (test)');
        },
        giveUp: (error) => {
          core.state.update((s) => ({ ...s, connection: 'closed' }));
          gaveUp(error);
        },
      });
      assert.equal(reconnector.maxAttempts, maxAttempts);
      const conn = fakeConnection();
      core.conn = conn;
      core.roomId = 'room-1';
      core.state.update((s) => ({ ...s, connection: 'joined', roomId: 'room-1' }));
      reconnector.start(conn);
      const error = await given;
      assert.equal(error.code, 'server-unreachable');
      assert.deepEqual(attempts, Array.from({ length: maxAttempts }, (_, i) => i + 1), 'each attempt numbered, none past the limit');
      assert.equal(conn.retired, true);
    });
  }
});
