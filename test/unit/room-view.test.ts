/**
 * <conf-room> re-renders only when what it shows changes (components/conf-room/room-view.ts):
 * stats, scores and network quality of a publisher do not re-render the room.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameRoomView } from '../../components/conf-room/room-view.js';
import { patchPublisherQuality } from '../../src/state/quality.js';
import { createInitialSnapshot } from '../../src/state/publishers.js';
import type { PublisherState, SessionSnapshot } from '../../src/state/types.js';

const publisher = (userId: string): PublisherState => ({
  userId,
  name: userId,
  callType: 'video',
  audioMuted: false,
  videoEnabled: true,
  subscribed: true,
  tracks: { audio: null, video: null },
  stream: null,
  screen: null,
});

const base: SessionSnapshot = {
  ...createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' }),
  connection: 'joined',
  roomId: 'r',
  publishers: { a: publisher('a'), b: publisher('b') },
};
const withPublisher = (s: SessionSnapshot, id: string, patch: Partial<PublisherState>): SessionSnapshot => ({
  ...s,
  publishers: { ...s.publishers, [id]: { ...s.publishers[id]!, ...patch } },
});

describe('sameRoomView', () => {
  it('ignores publisher details the tiles show themselves', () => {
    assert.equal(sameRoomView(base, patchPublisherQuality(base, 'a', { bitrate: 800, score: 7 })), true);
    assert.equal(sameRoomView(base, withPublisher(base, 'a', { network: { quality: 'poor', cause: 'their-uplink' } })), true);
    assert.equal(sameRoomView(base, withPublisher(base, 'b', { audioMuted: true, name: 'B' })), true);
    assert.equal(sameRoomView(base, { ...base, self: { ...base.self, audioMuted: true } }), true);
  });

  it('sees the connection, the error, the tile set and screen shares change', () => {
    assert.equal(sameRoomView(base, { ...base, connection: 'reconnecting' }), false);
    assert.equal(sameRoomView(base, { ...base, error: { code: 'room-full', message: 'full' } }), false);
    const { b: _b, ...onlyA } = base.publishers;
    assert.equal(sameRoomView(base, { ...base, publishers: onlyA }), false);
    assert.equal(sameRoomView(base, { ...base, publishers: { b: base.publishers.b!, a: base.publishers.a! } }), false);
    assert.equal(sameRoomView(base, withPublisher(base, 'a', { screen: { video: null, audio: null, stream: null } })), false);
    assert.equal(sameRoomView(base, { ...base, self: { ...base.self, screenSharing: true } }), false);
    assert.equal(sameRoomView(base, { ...base, self: { ...base.self, moderatorMute: { source: 'mic', by: 'mod' } } }), false);
  });
});
