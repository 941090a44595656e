import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublisherInfo, ProducerInfo } from '../../src/protocol/protocol.js';
import {
  applyJoinResult,
  applyPublisherJoined,
  applyPublisherLeft,
  applyPublisherUpdated,
  clearAllSubscriptions,
  createInitialSnapshot,
  EMPTY_TRACKS,
  publisherFlags,
  publisherFromInfo,
  removePublisherTrack,
  setConnection,
  setError,
  setPublisherSubscribed,
  setPublisherTrack,
  updateSelf,
  type StreamFactory,
} from '../../src/state/publishers.js';
import { applyActiveSpeaker, applyAudioLevels, EMPTY_LEVELS, removeLevel } from '../../src/state/levels.js';

// Node has no MediaStream: tracks and streams are plain tagged objects here.
const track = (id: string) => ({ id }) as unknown as MediaStreamTrack;
const makeStream: StreamFactory = (tracks) => ({ tracks }) as unknown as MediaStream;
const streamTracks = (stream: MediaStream | null) => (stream as unknown as { tracks: MediaStreamTrack[] } | null)?.tracks;

const mic = (paused = false, id = 'p-mic'): ProducerInfo => ({ id, kind: 'audio', source: 'mic', paused });
const camera = (paused = false, id = 'p-cam'): ProducerInfo => ({ id, kind: 'video', source: 'camera', paused });
const info = (userId: string, producers: ProducerInfo[] = [mic(), camera()], name = userId.toUpperCase()): PublisherInfo => ({
  userId,
  name,
  callType: 'video',
  producers,
});

const base = () => createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });

/** Deep-freezes a snapshot so any mutation by a reducer throws. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

describe('createInitialSnapshot', () => {
  test('idle, no publishers, video on for video calls, off for audio calls', () => {
    const s = base();
    assert.equal(s.connection, 'idle');
    assert.equal(s.roomId, null);
    assert.deepEqual(s.publishers, {});
    assert.equal(s.error, null);
    assert.deepEqual(s.self, {
      userId: 'me',
      name: 'Me',
      callType: 'video',
      audioMuted: false,
      videoEnabled: true,
      stream: null,
      screenSharing: false,
      screen: null,
      permissions: null,
      moderatorMute: null,
    });
    assert.equal(createInitialSnapshot({ userId: 'x', name: 'X', callType: 'audio' }).self.videoEnabled, false);
  });
});

describe('publisherFlags / publisherFromInfo', () => {
  test('audioMuted = no mic producer or it is paused; videoEnabled = camera present and not paused', () => {
    assert.deepEqual(publisherFlags(info('a')), { audioMuted: false, videoEnabled: true });
    assert.deepEqual(publisherFlags(info('a', [])), { audioMuted: true, videoEnabled: false });
    assert.deepEqual(publisherFlags(info('a', [mic(true), camera(true)])), { audioMuted: true, videoEnabled: false });
    assert.deepEqual(publisherFlags(info('a', [mic()])), { audioMuted: false, videoEnabled: false });
    // A screen share is not a camera.
    assert.deepEqual(publisherFlags(info('a', [{ id: 's', kind: 'video', source: 'screen', paused: false }])), {
      audioMuted: true,
      videoEnabled: false,
    });
  });

  test('a new publisher is unsubscribed without tracks', () => {
    const p = publisherFromInfo(info('a'));
    assert.equal(p.subscribed, false);
    assert.equal(p.tracks, EMPTY_TRACKS);
    assert.equal(p.stream, null);
    assert.equal(p.name, 'A');
  });

  test('keeps subscription and tracks of prev; returns prev itself when nothing changed', () => {
    const prev = { ...publisherFromInfo(info('a')), subscribed: true, tracks: { audio: track('t1'), video: null } };
    assert.equal(publisherFromInfo(info('a'), prev), prev);
    const muted = publisherFromInfo(info('a', [mic(true), camera()]), prev);
    assert.notEqual(muted, prev);
    assert.equal(muted.audioMuted, true);
    assert.equal(muted.subscribed, true);
    assert.equal(muted.tracks, prev.tracks);
  });
});

describe('publisher reducers', () => {
  test('applyJoinResult keeps join order and skips self', () => {
    const s = freeze(base());
    const next = applyJoinResult(s, [info('b'), info('me'), info('a')]);
    assert.deepEqual(Object.keys(next.publishers), ['b', 'a']);
    assert.notEqual(next, s);
    assert.deepEqual(s.publishers, {}, 'old snapshot untouched');
  });

  test('applyPublisherJoined adds at the end; a rejoin resets the old subscription in place', () => {
    let s = freeze(applyJoinResult(base(), [info('a'), info('b')]));
    s = freeze(setPublisherSubscribed(s, 'a', true));
    s = freeze(setPublisherTrack(s, 'a', 'video', track('v'), makeStream));
    const joined = applyPublisherJoined(s, info('c'));
    assert.deepEqual(Object.keys(joined.publishers), ['a', 'b', 'c']);
    assert.equal(joined.publishers.a, s.publishers.a, 'others untouched');

    const rejoined = applyPublisherJoined(s, info('a'));
    assert.deepEqual(Object.keys(rejoined.publishers), ['a', 'b']);
    assert.equal(rejoined.publishers.a.subscribed, false);
    assert.equal(rejoined.publishers.a.tracks.video, null);
    assert.equal(rejoined.publishers.a.stream, null);
    assert.equal(applyPublisherJoined(s, info('me')), s, 'self is ignored');
  });

  test('applyPublisherUpdated updates flags, keeps tracks, and is a no-op when nothing changed', () => {
    let s = freeze(applyJoinResult(base(), [info('a'), info('b')]));
    s = freeze(setPublisherSubscribed(s, 'a', true));
    s = freeze(setPublisherTrack(s, 'a', 'audio', track('x'), makeStream));
    assert.equal(applyPublisherUpdated(s, info('a')), s);
    const next = applyPublisherUpdated(s, info('a', [mic(true), camera()]));
    assert.equal(next.publishers.a.audioMuted, true);
    assert.equal(next.publishers.a.subscribed, true);
    assert.equal(next.publishers.a.tracks, s.publishers.a.tracks);
    assert.equal(next.publishers.b, s.publishers.b);
    const renamed = applyPublisherUpdated(s, info('b', [mic(), camera()], 'Bee'));
    assert.equal(renamed.publishers.b.name, 'Bee');
    const unknown = applyPublisherUpdated(s, info('z'));
    assert.deepEqual(Object.keys(unknown.publishers), ['a', 'b', 'z']);
  });

  test('applyPublisherLeft removes the publisher, no-op for unknown ids', () => {
    const s = freeze(applyJoinResult(base(), [info('a'), info('b')]));
    const next = applyPublisherLeft(s, 'a');
    assert.deepEqual(Object.keys(next.publishers), ['b']);
    assert.equal(next.publishers.b, s.publishers.b);
    assert.equal(applyPublisherLeft(s, 'nobody'), s);
  });

  test('setPublisherTrack builds a new stream whenever the track set changes', () => {
    let s = freeze(applyJoinResult(base(), [info('a')]));
    const audio = track('audio');
    const video = track('video');
    const s1 = freeze(setPublisherTrack(s, 'a', 'audio', audio, makeStream));
    assert.deepEqual(streamTracks(s1.publishers.a.stream), [audio]);
    const s2 = freeze(setPublisherTrack(s1, 'a', 'video', video, makeStream));
    assert.notEqual(s2.publishers.a.stream, s1.publishers.a.stream);
    assert.deepEqual(streamTracks(s2.publishers.a.stream), [audio, video]);
    assert.equal(setPublisherTrack(s2, 'a', 'video', video, makeStream), s2, 'same track: no-op');
    assert.equal(setPublisherTrack(s2, 'zz', 'video', video, makeStream), s2, 'unknown user: no-op');

    const s3 = removePublisherTrack(s2, 'a', 'video', track('other'), makeStream);
    assert.equal(s3, s2, 'removing a track that is not current is a no-op');
    const s4 = freeze(removePublisherTrack(s2, 'a', 'video', video, makeStream));
    assert.equal(s4.publishers.a.tracks.video, null);
    assert.deepEqual(streamTracks(s4.publishers.a.stream), [audio]);
    const s5 = removePublisherTrack(s4, 'a', 'audio', audio, makeStream);
    assert.equal(s5.publishers.a.stream, null);
    s = s5;
    assert.equal(s.publishers.a.tracks.audio, null);
  });

  test('setPublisherSubscribed(false) drops tracks and stream; repeated calls are no-ops', () => {
    let s = freeze(applyJoinResult(base(), [info('a')]));
    assert.equal(setPublisherSubscribed(s, 'a', false), s);
    s = freeze(setPublisherSubscribed(s, 'a', true));
    assert.equal(s.publishers.a.subscribed, true);
    assert.equal(setPublisherSubscribed(s, 'a', true), s);
    s = freeze(setPublisherTrack(s, 'a', 'video', track('v'), makeStream));
    const off = setPublisherSubscribed(s, 'a', false);
    assert.equal(off.publishers.a.subscribed, false);
    assert.equal(off.publishers.a.tracks.video, null);
    assert.equal(off.publishers.a.stream, null);
    assert.equal(setPublisherSubscribed(s, 'nobody', true), s);
  });

  test('clearAllSubscriptions unsubscribes everyone', () => {
    let s = applyJoinResult(base(), [info('a'), info('b')]);
    s = freeze(setPublisherSubscribed(setPublisherSubscribed(s, 'a', true), 'b', true));
    const next = clearAllSubscriptions(s);
    assert.ok(Object.values(next.publishers).every((p) => !p.subscribed));
    const cleared = freeze(next);
    assert.equal(clearAllSubscriptions(cleared), cleared);
  });

  test('setConnection, setError and updateSelf return the same object when nothing changes', () => {
    const s = freeze(base());
    assert.equal(setConnection(s, 'idle'), s);
    assert.equal(setConnection(s, 'joined').connection, 'joined');
    assert.equal(setError(s, null), s);
    const withError = freeze(setError(s, { code: 'room-full', message: 'full' }));
    assert.equal(withError.error?.code, 'room-full');
    assert.equal(setError(withError, { code: 'room-full', message: 'full' }), withError);
    assert.equal(updateSelf(s, { audioMuted: false }), s);
    const muted = updateSelf(s, { audioMuted: true });
    assert.equal(muted.self.audioMuted, true);
    assert.equal(muted.publishers, s.publishers);
  });
});

describe('levels reducers', () => {
  test('listed users get their level, known users not listed get 0', () => {
    const l1 = applyAudioLevels(EMPTY_LEVELS, [{ userId: 'a', level: 0.5 }], ['me', 'a', 'b']);
    assert.deepEqual(l1.levels, { me: 0, a: 0.5, b: 0 });
    const l2 = applyAudioLevels(l1, [{ userId: 'b', level: 2 }], ['me', 'a', 'b']);
    assert.deepEqual(l2.levels, { me: 0, a: 0, b: 1 }, 'clamped to 0..1');
    assert.equal(applyAudioLevels(l2, [{ userId: 'b', level: 1 }], ['me', 'a', 'b']), l2, 'no change: same object');
    assert.deepEqual(EMPTY_LEVELS.levels, {}, 'EMPTY_LEVELS untouched');
  });

  test('activeSpeaker and removeLevel', () => {
    const l1 = applyActiveSpeaker(EMPTY_LEVELS, 'a');
    assert.equal(l1.activeSpeaker, 'a');
    assert.equal(applyActiveSpeaker(l1, 'a'), l1);
    const l2 = applyAudioLevels(l1, [{ userId: 'a', level: 0.3 }], ['a', 'b']);
    const l3 = removeLevel(l2, 'a');
    assert.deepEqual(l3.levels, { b: 0 });
    assert.equal(l3.activeSpeaker, null);
    assert.equal(removeLevel(l3, 'zz'), l3);
  });
});
