/**
 * Errors are reported one way: a failing device switch, screen share or quality change on a real
 * ConferenceSession rejects with a ConferenceError that is also in `state.error` and in exactly
 * one `error` event. And the kit's one getUserMedia helper maps browser failures to codes. Node,
 * no browser: `navigator.mediaDevices` is a scripted fake.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConferenceError, UnsupportedError } from '../../src/errors.js';
import { ConferenceSession } from '../../src/session/ConferenceSession.js';
import { getUserMedia, openTrack } from '../../src/session/media.js';
import type { Store } from '../../src/state/store.js';
import type { SessionSnapshot } from '../../src/state/types.js';

const domError = (name: string, message = name) => Object.assign(new Error(message), { name });

/** A navigator.mediaDevices whose getUserMedia / getDisplayMedia fail as told. */
function fakeMediaDevices(options: { userMedia?: Error; displayMedia?: Error | null } = {}) {
  return {
    enumerateDevices: async () => [] as MediaDeviceInfo[],
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    getUserMedia: async () => {
      throw options.userMedia ?? domError('NotFoundError');
    },
    ...(options.displayMedia === null
      ? {}
      : {
          getDisplayMedia: async () => {
            throw options.displayMedia ?? domError('NotAllowedError', 'Permission denied by user');
          },
        }),
  };
}

function installNavigator(mediaDevices: unknown): void {
  Object.defineProperty(globalThis, 'navigator', { value: { mediaDevices }, configurable: true, writable: true });
}

const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

function newSession() {
  const session = new ConferenceSession({ userId: 'me', signalingUrl: 'ws://127.0.0.1:1/ws' });
  const events: ConferenceError[] = [];
  session.on('error', ({ error }) => events.push(error));
  return { session, events };
}

/** Awaits the rejection and checks it is the one reported error: state.error plus one event. */
async function assertReported(
  run: () => Promise<unknown>,
  session: ConferenceSession,
  events: ConferenceError[],
  code: ConferenceError['code'],
): Promise<ConferenceError> {
  const before = events.length;
  const error = await run().then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ConferenceError, `a ConferenceError, not ${String(error)}`);
  assert.equal(error.code, code);
  assert.deepEqual(session.state.getSnapshot().error, { code, message: error.message });
  assert.equal(events.length, before + 1, 'exactly one error event');
  assert.equal(events.at(-1), error, 'the event carries the rejected error');
  return error;
}

describe('ConferenceSession reports every failure one way', () => {
  beforeEach(() => installNavigator(fakeMediaDevices()));
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'navigator', original);
    else delete (globalThis as { navigator?: unknown }).navigator;
  });

  test('device switches: replaceMediaStream, setTorchEnabled, selectAudioOutput', async () => {
    const { session, events } = newSession();
    const empty = { getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;
    await assertReported(() => session.replaceMediaStream(empty), session, events, 'no-device');
    await assertReported(() => session.setTorchEnabled(true), session, events, 'no-device');
    // Node has no HTMLMediaElement.setSinkId: a typed UnsupportedError, reported like the rest.
    const error = await assertReported(() => session.selectAudioOutput('speaker-2'), session, events, 'unsupported');
    assert.ok(error instanceof UnsupportedError);
    assert.equal(error.feature, 'audio-output');
  });

  test('screen sharing: no getDisplayMedia, not joined, and a refused picker', async () => {
    installNavigator(fakeMediaDevices({ displayMedia: null }));
    const first = newSession();
    const unsupported = await assertReported(() => first.session.enableScreenSharing(true), first.session, first.events, 'unsupported');
    assert.ok(unsupported instanceof UnsupportedError);

    installNavigator(fakeMediaDevices());
    const { session, events } = newSession();
    await assertReported(() => session.enableScreenSharing(true), session, events, 'not-joined');
    // Pretend to be joined (no server here) so the picker is asked, and refused.
    (session.state as Store<SessionSnapshot>).update((s) => ({ ...s, connection: 'joined' }));
    const denied = await assertReported(() => session.enableScreenSharing(true), session, events, 'screen-share-denied');
    assert.match(denied.message, /Permission denied by user/);
    assert.equal(session.state.getSnapshot().self.screenSharing, false, 'nothing is shared');
    // Back to closed, as a real leave does: the session's stats watchers stop.
    (session.state as Store<SessionSnapshot>).update((s) => ({ ...s, connection: 'closed' }));
  });

  test('quality changes: bad stream type, layer, quality and bandwidth', async () => {
    const { session, events } = newSession();
    await assertReported(() => session.requestPreferredStreamForOpponent('ada', 'huge' as never), session, events, 'invalid-params');
    await assertReported(() => session.requestPreferredLayersForOpponentsStreams({ ada: 7 as never }), session, events, 'invalid-params');
    await assertReported(() => session.setOpponentQuality('ada', 'ultra' as never), session, events, 'invalid-params');
    await assertReported(() => session.setMaxBandwidth(-5), session, events, 'invalid-params');
    assert.equal(events.length, 4);
  });

  test('a successful change reports nothing', async () => {
    const { session, events } = newSession();
    await session.setOpponentQuality('ada', 'low');
    await session.switchMicrophone('m2'); // Before joining: a preference.
    assert.equal(events.length, 0);
    assert.equal(session.state.getSnapshot().error, null);
  });
});

describe('the one getUserMedia helper', () => {
  test('maps browser failures to ConferenceError codes and keeps the cause', async () => {
    const cases: [string, ConferenceError['code']][] = [
      ['NotAllowedError', 'permission-denied'],
      ['NotFoundError', 'no-device'],
      ['OverconstrainedError', 'no-device'],
      ['NotReadableError', 'media-failed'],
    ];
    for (const [name, code] of cases) {
      const cause = domError(name);
      const error = await getUserMedia({ audio: true }, 'microphone', { getUserMedia: async () => Promise.reject(cause) }).catch((e) => e);
      assert.ok(error instanceof ConferenceError);
      assert.equal(error.code, code, name);
      assert.equal(error.cause, cause);
      assert.match(error.message, /^microphone: /);
    }
  });

  test('without getUserMedia: an UnsupportedError; a stream without the track: no-device', async () => {
    const missing = await openTrack('video', {}, null).catch((e) => e);
    assert.ok(missing instanceof UnsupportedError);
    assert.equal(missing.feature, 'getUserMedia');
    const empty = { getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;
    const none = await openTrack('video', {}, { getUserMedia: async () => empty }).catch((e) => e);
    assert.ok(none instanceof ConferenceError);
    assert.equal(none.code, 'no-device');
  });

  test('openTrack returns the one track of the kind asked for', async () => {
    const track = { kind: 'audio' } as MediaStreamTrack;
    const asked: MediaStreamConstraints[] = [];
    const stream = { getAudioTracks: () => [track], getVideoTracks: () => [] } as unknown as MediaStream;
    const got = await openTrack('audio', { deviceId: { exact: 'm1' } }, { getUserMedia: async (c) => (asked.push(c!), stream) });
    assert.equal(got, track);
    assert.deepEqual(asked, [{ audio: { deviceId: { exact: 'm1' } } }]);
  });
});
