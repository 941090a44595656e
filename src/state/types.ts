/**
 * The shape of ConferenceSession's reactive state. Immutable snapshots: every change yields a
 * new object (and new objects along the changed path), so `Object.is` tells what changed.
 * No Lit, no DOM imports beyond the MediaStream types.
 */
import type { CallType, ErrorCode, MediaSource, Permissions, RecordingState } from '../protocol/protocol.js';
import type { NetworkStatus } from '../network/assess.js';
import type { PublisherQuality } from './quality.js';
import type { ChatState } from './chat.js';

export type ConnectionState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

/** The local participant. */
export interface SelfState {
  readonly userId: string;
  readonly name: string;
  readonly callType: CallType;
  readonly audioMuted: boolean;
  readonly videoEnabled: boolean;
  /** The local camera+mic stream (null before it is acquired, or when there is none). */
  readonly stream: MediaStream | null;
  /** True while this session publishes its screen (see `screen`). */
  readonly screenSharing: boolean;
  /** The local screen capture while sharing, else null. */
  readonly screen: ScreenState | null;
  /**
   * What this session may do (docs/auth.md): the token's grants from the join result (and after
   * each token refresh); null before the first join. Elements hide controls it does not allow.
   */
  readonly permissions: Permissions | null;
  /**
   * Set when a moderator muted one of your sources (`mutedByModerator`); cleared when you turn
   * that source on again (you may) or join anew.
   */
  readonly moderatorMute: ModeratorMute | null;
  /** Your network quality and whose side is poor (docs/network-quality.md); absent until measured. */
  readonly network?: NetworkStatus;
}

/** A moderator paused one of your producers. */
export interface ModeratorMute {
  readonly source: MediaSource;
  /** The moderator's userId. */
  readonly by: string;
}

/** A remote participant. */
export interface PublisherState {
  readonly userId: string;
  readonly name: string;
  readonly callType: CallType;
  /** True when the mic producer is paused, or there is no mic producer. */
  readonly audioMuted: boolean;
  /** True when a camera producer exists and is not paused. */
  readonly videoEnabled: boolean;
  /** Whether this session consumes the publisher's media. */
  readonly subscribed: boolean;
  /** Received tracks (only when subscribed). */
  readonly tracks: { readonly audio: MediaStreamTrack | null; readonly video: MediaStreamTrack | null };
  /** A stream holding the received tracks, stable while the track set does not change. */
  readonly stream: MediaStream | null;
  /**
   * The publisher's screen share: non-null while they publish a 'screen' (or 'screen-audio')
   * producer; its tracks are null until consumed (and while unsubscribed).
   */
  readonly screen: ScreenState | null;
  /**
   * Receive quality of the publisher's video (docs/quality.md): requested and current stream type
   * and temporal layer, audio-only, consumer score, bitrate. Absent until the session sets any of
   * it; read it with `publisherQuality(p)`, which gives the defaults.
   */
  readonly quality?: PublisherQuality;
  /** Their network quality as you see it, and whose side is poor (docs/network-quality.md); absent until measured. */
  readonly network?: NetworkStatus;
  /**
   * Reliability (docs/reliability.md): true while their socket or media is lost and the server
   * keeps them for resume (`publisherReconnecting`); absent or false otherwise.
   */
  readonly reconnecting?: boolean;
}

/** A screen share: its video and optional audio track, and a stream holding them. */
export interface ScreenState {
  readonly video: MediaStreamTrack | null;
  readonly audio: MediaStreamTrack | null;
  /** A stream of the tracks present (null when none yet), stable while the track set does not change. */
  readonly stream: MediaStream | null;
}

/** The media device kinds the session manages. */
export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';

/** One media device, as `enumerateDevices()` lists it (a plain, serialisable copy). */
export interface DeviceSummary {
  readonly deviceId: string;
  readonly groupId: string;
  readonly kind: DeviceKind;
  /** Empty before permission is granted (see `DevicesState.labelled`). */
  readonly label: string;
}

/** The session fell back to the default device because the one in use disappeared. */
export interface DeviceFallback {
  readonly kind: DeviceKind;
  /** The device that disappeared. */
  readonly previousDeviceId: string;
  /** The device now in use ('' for the default output), or null when none could be opened. */
  readonly deviceId: string | null;
  /** Date.now() of the fallback. */
  readonly at: number;
}

/** The devices the session knows of, and the ones it uses. Updated live on `devicechange`. */
export interface DevicesState {
  readonly cameras: readonly DeviceSummary[];
  readonly audioInputs: readonly DeviceSummary[];
  readonly audioOutputs: readonly DeviceSummary[];
  /**
   * False when the lists were read before camera/microphone permission was granted: labels are
   * empty, and browsers may list one anonymous entry per kind (with an empty deviceId).
   */
  readonly labelled: boolean;
  /**
   * Devices in use. Inputs: the deviceId of the local track (or the one chosen before joining),
   * null when unknown or none. Output: the sink id applied to remote media elements, '' = the
   * system default.
   */
  readonly current: {
    readonly videoinput: string | null;
    readonly audioinput: string | null;
    readonly audiooutput: string;
  };
  /** Which way the camera faces, when the browser says ('user' = front). */
  readonly facingMode: 'user' | 'environment' | null;
  /** Whether media elements can choose an audio output here (`HTMLMediaElement.setSinkId`). */
  readonly audioOutputSupported: boolean;
  /** The last automatic fallback to a default device, or null. */
  readonly lastFallback: DeviceFallback | null;
}

export interface ErrorInfo {
  readonly code: ConferenceErrorCode;
  readonly message: string;
}

/** Error codes the session reports: the protocol's plus client-side ones. */
export type ConferenceErrorCode =
  | ErrorCode
  | 'server-unreachable'
  | 'timeout'
  | 'permission-denied'
  | 'no-device'
  | 'unsupported'
  | 'media-failed'
  /** The screen picker was refused or closed (getDisplayMedia NotAllowedError). */
  | 'screen-share-denied'
  /** A moderator removed you from the meeting (`removed`); final, no reconnect (docs/auth.md). */
  | 'removed';

export interface SessionSnapshot {
  readonly connection: ConnectionState;
  readonly roomId: string | null;
  readonly self: SelfState;
  /** Remote participants keyed by userId, in join order. */
  readonly publishers: Readonly<Record<string, PublisherState>>;
  /** The last error, or null. */
  readonly error: ErrorInfo | null;
  /** Media devices: lists, the ones in use, the audio output (see docs/devices.md). */
  readonly devices: DevicesState;
  /** The room chat: messages, unread count, whether it is on (src/state/chat.ts, docs/meetings.md). */
  readonly chat: ChatState;
  /** Whether the room is being recorded: `{active, startedAt (ms), by}` (docs/recording.md). */
  readonly recording: RecordingState;
  /**
   * Reliability (docs/reliability.md): the current reconnect attempt (1, 2, ...) while
   * `connection` is 'reconnecting', or the join retry (1, 2, ...) while a first join that timed
   * out is tried again (`connecting`); absent or 0 otherwise.
   */
  readonly reconnectAttempt?: number;
}

/** Fast-changing values kept out of the main snapshot: mic levels 0..1 keyed by userId. */
export interface LevelsSnapshot {
  readonly levels: Readonly<Record<string, number>>;
  readonly activeSpeaker: string | null;
}

/** A minimal readable store: the contract React's useSyncExternalStore, Vue and Angular use. */
export interface ReadableStore<T> {
  getSnapshot(): T;
  /** Calls `listener` after every change. Returns the unsubscribe function. */
  subscribe(listener: (snapshot: T) => void): () => void;
}
