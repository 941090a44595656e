/**
 * FakeSession's reconnect scripting (docs/reliability.md), apart to keep fake-session.ts small.
 * The same state changes, in the same order, as the real Reconnector and Lifecycle make.
 */
import type { ConferenceErrorCode } from '../state/types.js';
import type { FakeSession } from './fake-session.js';

/** The connection is lost: `reconnecting`, at reconnect attempt `attempt` (0 before the first). */
export function fakeReconnecting(fake: FakeSession, attempt: number): void {
  fake.state.update((s) => ({ ...s, connection: 'reconnecting', reconnectAttempt: attempt }));
}

/** The connection is back (resumed or rejoined): `joined`, attempt 0. */
export function fakeReconnected(fake: FakeSession): void {
  fake.state.update((s) => ({ ...s, connection: 'joined', reconnectAttempt: 0 }));
}

/**
 * Reconnecting gave up (the attempts ran out: `server-unreachable`, or a final error): `closed`
 * with the room emptied, then the error reported, then the `closed` event, like the real teardown.
 */
export function fakeGaveUp(fake: FakeSession, code: ConferenceErrorCode, message: string): void {
  fake.state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {}, reconnectAttempt: 0 }));
  fake.setError(code, message);
  fake.emit('closed', { reason: code });
}
