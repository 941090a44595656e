/**
 * Pure reducers for the session snapshot. Each returns a new snapshot (new objects along the
 * changed path) or the very same object when nothing changed, so `Object.is` tells what changed.
 * No DOM: MediaStream objects are made by an injected factory.
 */
import type { CallType, PublisherInfo } from '../protocol/protocol.js';
import type {
  ConnectionState,
  ErrorInfo,
  PublisherState,
  SelfState,
  SessionSnapshot,
} from './types.js';
import { EMPTY_DEVICES, EMPTY_SCREEN } from './empty.js';
import { EMPTY_CHAT } from './chat.js';
import { NOT_RECORDING } from './recording.js';

export type TrackKind = 'audio' | 'video';
/** Builds the MediaStream for a publisher's received tracks (`tracks => new MediaStream(tracks)` in a browser). */
export type StreamFactory = (tracks: MediaStreamTrack[]) => MediaStream;

export const EMPTY_TRACKS: PublisherState['tracks'] = Object.freeze({ audio: null, video: null });

export function createInitialSnapshot(self: {
  userId: string;
  name: string;
  callType: CallType;
}): SessionSnapshot {
  return {
    connection: 'idle',
    roomId: null,
    self: {
      userId: self.userId,
      name: self.name,
      callType: self.callType,
      audioMuted: false,
      videoEnabled: self.callType === 'video',
      stream: null,
      screenSharing: false,
      screen: null,
      permissions: null,
      moderatorMute: null,
    },
    publishers: {},
    error: null,
    devices: EMPTY_DEVICES,
    chat: EMPTY_CHAT,
    recording: NOT_RECORDING,
  };
}

/** Mute flags as others see them: muted = no mic producer or it is paused; video = camera producer not paused. */
export function publisherFlags(info: PublisherInfo): { audioMuted: boolean; videoEnabled: boolean } {
  const mic = info.producers.find((p) => p.source === 'mic');
  const camera = info.producers.find((p) => p.source === 'camera');
  return {
    audioMuted: !mic || mic.paused,
    videoEnabled: !!camera && !camera.paused,
  };
}

/**
 * The PublisherState for `info`. Keeps the subscription, tracks and stream of `prev`; returns
 * `prev` itself when nothing visible changed.
 */
export function publisherFromInfo(info: PublisherInfo, prev?: PublisherState): PublisherState {
  const { audioMuted, videoEnabled } = publisherFlags(info);
  const sharing = info.producers.some((p) => p.source === 'screen' || p.source === 'screen-audio');
  if (
    prev &&
    prev.userId === info.userId &&
    prev.name === info.name &&
    prev.callType === info.callType &&
    prev.audioMuted === audioMuted &&
    prev.videoEnabled === videoEnabled &&
    !!prev.screen === sharing &&
    !!prev.reconnecting === !!info.reconnecting
  ) {
    return prev;
  }
  return {
    userId: info.userId,
    name: info.name,
    callType: info.callType,
    audioMuted,
    videoEnabled,
    subscribed: prev?.subscribed ?? false,
    tracks: prev?.tracks ?? EMPTY_TRACKS,
    stream: prev?.stream ?? null,
    screen: sharing ? (prev?.screen ?? EMPTY_SCREEN) : null,
    ...(prev?.quality ? { quality: prev.quality } : {}),
    ...(prev?.network ? { network: prev.network } : {}),
    ...(info.reconnecting ? { reconnecting: true } : {}),
  };
}

/** Reliability: someone's socket or media was lost (kept by the server for resume) or is back. */
export function setPublisherReconnecting(snapshot: SessionSnapshot, userId: string, reconnecting: boolean): SessionSnapshot {
  const prev = snapshot.publishers[userId];
  if (!prev || !!prev.reconnecting === reconnecting) return snapshot;
  const { reconnecting: _old, ...rest } = prev;
  return withPublisher(snapshot, reconnecting ? { ...rest, reconnecting: true } : rest);
}

function withPublishers(
  snapshot: SessionSnapshot,
  publishers: Record<string, PublisherState>,
): SessionSnapshot {
  return { ...snapshot, publishers };
}

function withPublisher(snapshot: SessionSnapshot, next: PublisherState): SessionSnapshot {
  if (snapshot.publishers[next.userId] === next) return snapshot;
  return withPublishers(snapshot, { ...snapshot.publishers, [next.userId]: next });
}

/** Replaces all publishers with the `join` result's list (in join order), all unsubscribed. */
export function applyJoinResult(snapshot: SessionSnapshot, publishers: PublisherInfo[]): SessionSnapshot {
  const next: Record<string, PublisherState> = {};
  for (const info of publishers) {
    if (info.userId === snapshot.self.userId) continue;
    next[info.userId] = publisherFromInfo(info);
  }
  return withPublishers(snapshot, next);
}

/**
 * Someone joined. A userId already present rejoined (its old connection was replaced): its old
 * tracks are dead, so it starts over unsubscribed, in the same position.
 */
export function applyPublisherJoined(snapshot: SessionSnapshot, info: PublisherInfo): SessionSnapshot {
  if (info.userId === snapshot.self.userId) return snapshot;
  return withPublisher(snapshot, publisherFromInfo(info));
}

/** Someone's producers or flags changed. Keeps the subscription; adds an unknown publisher. */
export function applyPublisherUpdated(snapshot: SessionSnapshot, info: PublisherInfo): SessionSnapshot {
  if (info.userId === snapshot.self.userId) return snapshot;
  return withPublisher(snapshot, publisherFromInfo(info, snapshot.publishers[info.userId]));
}

export function applyPublisherLeft(snapshot: SessionSnapshot, userId: string): SessionSnapshot {
  if (!(userId in snapshot.publishers)) return snapshot;
  const { [userId]: _removed, ...rest } = snapshot.publishers;
  return withPublishers(snapshot, rest);
}

/** Marks a publisher (un)subscribed. Unsubscribing also drops its tracks and stream. */
export function setPublisherSubscribed(
  snapshot: SessionSnapshot,
  userId: string,
  subscribed: boolean,
): SessionSnapshot {
  const prev = snapshot.publishers[userId];
  if (!prev) return snapshot;
  if (subscribed) {
    if (prev.subscribed) return snapshot;
    return withPublisher(snapshot, { ...prev, subscribed: true });
  }
  const screen = prev.screen ? EMPTY_SCREEN : null;
  if (!prev.subscribed && prev.tracks === EMPTY_TRACKS && prev.stream === null && prev.screen === screen) return snapshot;
  return withPublisher(snapshot, { ...prev, subscribed: false, tracks: EMPTY_TRACKS, stream: null, screen });
}

/**
 * Sets (or clears, with `track` null) a publisher's received track of one kind. A new stream
 * object is made whenever the track set changes; null when no track is left.
 */
export function setPublisherTrack(
  snapshot: SessionSnapshot,
  userId: string,
  kind: TrackKind,
  track: MediaStreamTrack | null,
  createStream: StreamFactory,
): SessionSnapshot {
  const prev = snapshot.publishers[userId];
  if (!prev || prev.tracks[kind] === track) return snapshot;
  const tracks = { ...prev.tracks, [kind]: track };
  const list = [tracks.audio, tracks.video].filter((t): t is MediaStreamTrack => t !== null);
  return withPublisher(snapshot, {
    ...prev,
    tracks,
    stream: list.length > 0 ? createStream(list) : null,
  });
}

/** Clears `track` from the publisher if it is still the current one of its kind (a consumer closed). */
export function removePublisherTrack(
  snapshot: SessionSnapshot,
  userId: string,
  kind: TrackKind,
  track: MediaStreamTrack,
  createStream: StreamFactory,
): SessionSnapshot {
  const prev = snapshot.publishers[userId];
  if (!prev || prev.tracks[kind] !== track) return snapshot;
  return setPublisherTrack(snapshot, userId, kind, null, createStream);
}

/** Every publisher unsubscribed, without tracks (the media connection was lost). */
export function clearAllSubscriptions(snapshot: SessionSnapshot): SessionSnapshot {
  let next = snapshot;
  for (const userId of Object.keys(snapshot.publishers)) {
    next = setPublisherSubscribed(next, userId, false);
  }
  return next;
}

export function setConnection(snapshot: SessionSnapshot, connection: ConnectionState): SessionSnapshot {
  return snapshot.connection === connection ? snapshot : { ...snapshot, connection };
}

export function setError(snapshot: SessionSnapshot, error: ErrorInfo | null): SessionSnapshot {
  if (snapshot.error === error) return snapshot;
  if (error && snapshot.error && snapshot.error.code === error.code && snapshot.error.message === error.message) {
    return snapshot;
  }
  return { ...snapshot, error };
}

export function updateSelf(snapshot: SessionSnapshot, patch: Partial<SelfState>): SessionSnapshot {
  const self = snapshot.self;
  const changed = (Object.keys(patch) as (keyof SelfState)[]).some((key) => !Object.is(self[key], patch[key]));
  return changed ? { ...snapshot, self: { ...self, ...patch } } : snapshot;
}
