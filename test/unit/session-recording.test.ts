/**
 * Recording in the session core (docs/recording.md): startRecording/stopRecording ask the server
 * and follow its answer, `forbidden` is reported one way, `recordingChanged` reaches the state
 * (buffered until the join result is applied), and the reducers keep snapshots stable. Node, no
 * browser: the signalling client is a scripted fake.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConferenceError } from '../../src/errors.js';
import type { RecordingState } from '../../src/protocol/protocol.js';
import { createConnection, type Connection } from '../../src/session/connection.js';
import { SessionCore } from '../../src/session/core.js';
import { Notifications } from '../../src/session/notifications.js';
import { RecordingControls } from '../../src/session/recording.js';
import type { SignalingClient } from '../../src/signaling/SignalingClient.js';
import { applyPermissions, applyRecording, mayRecord, NOT_RECORDING } from '../../src/state/recording.js';
import { createInitialSnapshot, setConnection } from '../../src/state/publishers.js';
import { FakeSession } from '../../src/testing/fake-session.js';

type Handler = (data: unknown) => void;

/** A SignalingClient stand-in: `answer` decides each request; `emit` fires a notification. */
function fakeSignaling(answer: (method: string) => unknown) {
  const handlers = new Map<string, Set<Handler>>();
  const requests: string[] = [];
  const signaling = {
    requests,
    request: async (method: string) => {
      requests.push(method);
      return answer(method);
    },
    on: (method: string, handler: Handler) => {
      const set = handlers.get(method) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(method, set);
      return () => set.delete(handler);
    },
    emit: (method: string, data: unknown) => handlers.get(method)?.forEach((h) => h(data)),
  };
  return signaling;
}

function joinedCore(answer: (method: string) => unknown) {
  const core = new SessionCore({ userId: 'me', signalingUrl: 'ws://127.0.0.1:1/ws' });
  const signaling = fakeSignaling(answer);
  const conn: Connection = createConnection(signaling as unknown as SignalingClient, () => undefined);
  core.conn = conn;
  core.state.update((s) => setConnection({ ...s, roomId: 'r1' }, 'joined'));
  const errors: ConferenceError[] = [];
  core.events.on('error', ({ error }) => errors.push(error));
  return { core, conn, signaling, errors };
}

const ACTIVE: RecordingState = { active: true, startedAt: 1_700_000_000_000, by: 'alice' };

describe('session recording controls', () => {
  test('startRecording and stopRecording send the request and put the answer in state.recording', async () => {
    let current: RecordingState = NOT_RECORDING;
    const { core, signaling } = joinedCore((method) => {
      current = method === 'startRecording' ? { active: true, startedAt: 42, by: 'me' } : NOT_RECORDING;
      return { recording: current };
    });
    const controls = new RecordingControls(core);
    assert.deepEqual(await controls.start(), { active: true, startedAt: 42, by: 'me' });
    assert.deepEqual(core.state.getSnapshot().recording, { active: true, startedAt: 42, by: 'me' });
    assert.deepEqual(await controls.stop(), NOT_RECORDING);
    assert.equal(core.state.getSnapshot().recording.active, false);
    assert.deepEqual(signaling.requests, ['startRecording', 'stopRecording']);
  });

  test('a forbidden answer rejects with ConferenceError forbidden, reported once in state.error', async () => {
    const { core, errors } = joinedCore(() => {
      throw new ConferenceError('forbidden', 'you may not start or stop recordings in this room');
    });
    const error = await new RecordingControls(core).start().then(
      () => assert.fail('expected forbidden'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConferenceError);
    assert.equal(error.code, 'forbidden');
    assert.equal(core.state.getSnapshot().error?.code, 'forbidden');
    assert.equal(errors.length, 1);
    assert.equal(core.state.getSnapshot().recording.active, false, 'state unchanged');
  });

  test('outside a room: not-joined, and nothing is sent', async () => {
    const { core, signaling } = joinedCore(() => ({ recording: ACTIVE }));
    core.state.update((s) => setConnection(s, 'closed'));
    await assert.rejects(new RecordingControls(core).start(), (e: unknown) => e instanceof ConferenceError && e.code === 'not-joined');
    assert.deepEqual(signaling.requests, []);
  });

  test('recordingChanged reaches state.recording; before the join result it waits and is replayed', () => {
    const { core, conn, signaling } = joinedCore(() => ({}));
    const noop = {} as never;
    const notifications = new Notifications(core, noop, noop, { closeWith: () => undefined, reconnect: () => undefined, rejoin: () => undefined });
    notifications.wire(conn);
    signaling.emit('recordingChanged', ACTIVE);
    assert.equal(core.state.getSnapshot().recording.active, false, 'buffered until the join result');
    notifications.applyJoinResult(conn, []);
    assert.deepEqual(core.state.getSnapshot().recording, ACTIVE);
    signaling.emit('recordingChanged', NOT_RECORDING);
    assert.deepEqual(core.state.getSnapshot().recording, NOT_RECORDING);
  });
});

describe('recording state reducers', () => {
  const base = createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });

  test('the initial snapshot is not recording and has no permissions yet', () => {
    assert.deepEqual(base.recording, NOT_RECORDING);
    assert.equal(base.self.permissions, null);
  });

  test('applyRecording returns the same snapshot when nothing changed, a new one otherwise', () => {
    const on = applyRecording(base, ACTIVE);
    assert.notEqual(on, base);
    assert.deepEqual(on.recording, ACTIVE);
    assert.equal(applyRecording(on, { ...ACTIVE }), on);
    // An inactive state is normalised: no startedAt/by left over.
    assert.deepEqual(applyRecording(on, { active: false, startedAt: 5, by: 'x' }).recording, NOT_RECORDING);
  });

  test('applyPermissions and mayRecord: record or admin', () => {
    const perms = { publish: true, subscribe: true, record: false, admin: false, ingest: false } as const;
    assert.equal(mayRecord(applyPermissions(base, perms).self.permissions), false);
    assert.equal(mayRecord(applyPermissions(base, { ...perms, record: true }).self.permissions), true);
    assert.equal(mayRecord({ record: false, admin: true }), true);
    assert.equal(mayRecord(undefined), false);
  });
});

describe('FakeSession recording', () => {
  test('without the grant: forbidden, in state.error; with it: starts (idempotent) and stops', async () => {
    const denied = new FakeSession();
    await denied.join('r');
    await assert.rejects(denied.startRecording(), (e: unknown) => e instanceof ConferenceError && e.code === 'forbidden');
    assert.equal(denied.snapshot.error?.code, 'forbidden');

    const allowed = new FakeSession({ userId: 'host', permissions: { record: true } });
    await assert.rejects(allowed.startRecording(), (e: unknown) => e instanceof ConferenceError && e.code === 'not-joined');
    await allowed.join('r');
    const first = await allowed.startRecording();
    assert.equal(first.active, true);
    assert.equal(first.by, 'host');
    assert.deepEqual(await allowed.startRecording(), first, 'starting twice keeps the first');
    assert.deepEqual(await allowed.stopRecording(), NOT_RECORDING);
  });

  test('setRecording scripts someone else starting', () => {
    const session = new FakeSession();
    session.setRecording(ACTIVE);
    assert.deepEqual(session.snapshot.recording, ACTIVE);
  });
});
