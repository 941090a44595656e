/**
 * The public contract of a conference session, as elements and apps see it.
 * `ConferenceSession` (src/session/ConferenceSession.ts) implements it against the real SFU;
 * `FakeSession` (src/testing/) implements it for component tests and stories.
 * Elements depend on this interface only, never on mediasoup-client.
 */
import type { CallType, ChatMessage, MediaKind, MediaSource, RecordingState } from '../protocol/protocol.js';
import type { ConferenceError } from '../errors.js';
import type {
  DeviceFallback,
  DevicesState,
  DeviceSummary,
  LevelsSnapshot,
  ReadableStore,
  SessionSnapshot,
} from '../state/types.js';
import type { MediaConfig, QualityApi, StreamType, TemporalLayer } from './quality-types.js';
import type { TokenSource } from './auth.js';

import type { NetworkQuality } from '../network/assess.js';

export interface SessionEventMap {
  /** The local camera/mic stream is ready (or replaced). */
  localstream: { stream: MediaStream };
  /**
   * A remote track arrived. `source` tells camera/mic from screen/screen-audio; for screen sources
   * `stream` is the publisher's screen stream (`PublisherState.screen.stream`).
   */
  remotetrack: { userId: string; kind: MediaKind; track: MediaStreamTrack; stream: MediaStream; source?: MediaSource };
  /** The device lists or the devices in use changed (`state.devices`). */
  devicechange: { devices: DevicesState };
  /** A device in use disappeared and the session fell back to the default (also `state.devices.lastFallback`). */
  devicefallback: DeviceFallback;
  /** Local screen sharing started or stopped. `reason` says why it stopped. */
  screensharing: { active: boolean; withAudio: boolean; reason?: 'stopped' | 'ended' | 'left' | 'failed' };
  /** The set of publishers changed (joined / updated). Carries the current list of user ids. */
  publishers: { userIds: string[] };
  /** A publisher left the room. */
  publisherleft: { userId: string };
  /** This session now consumes that publisher. */
  subscribed: { userId: string };
  error: { error: ConferenceError };
  /** The session ended: left, replaced, room closed, or gave up reconnecting. */
  closed: { reason: string };
  /** The server now forwards another simulcast stream of `userId`'s camera (docs/quality.md). */
  substreamchange: { userId: string; streamType: StreamType };
  /** The server now forwards another temporal layer (frame rate) of `userId`'s camera. */
  layerchange: { userId: string; layer: TemporalLayer };
  /** A chat message arrived (`own`: sent by this session). Also in `state.chat.messages`. */
  chatmessage: { message: ChatMessage; own: boolean };
  /** The server accepted a fresh token from the token provider (docs/auth.md); `expiresAt` in unix seconds. */
  tokenrefresh: { expiresAt: number };
  /** A participant reported their own uplink quality (docs/network-quality.md). */
  uplinkquality: { userId: string; quality: NetworkQuality };
}

export type SessionEventName = keyof SessionEventMap;

export interface ConferenceSessionOptions {
  callType?: CallType;
  name?: string;
  /** Consume every publisher automatically (default true). */
  autoSubscribe?: boolean;
  /** Stats loop period for `session.statsReports`, in ms; 0 (default) disables it (docs/quality.md). */
  statsReportsInterval?: number;
  /** Camera minimums, simulcast bitrates and an initial send cap, for new local streams. */
  mediaConfig?: MediaConfig;
  /**
   * The join token (docs/auth.md), or a function returning one: asked before every join and
   * reconnect, and again before the token expires (`refreshToken`). Default: ConferenceClient's.
   */
  token?: TokenSource;
  /** Reconnecting after a lost connection (docs/reliability.md). */
  reconnect?: ReconnectOptions;
}

export interface ReconnectOptions {
  /**
   * Attempts before the session gives up and closes with `server-unreachable` (default 30, about a
   * minute). An integer from 1 to 10000; anything else makes the session constructor throw
   * ConferenceError('invalid-params').
   */
  maxAttempts?: number;
}

export interface SessionLike {
  readonly userId: string;
  /** Main state: connection, roomId, self, publishers, error. */
  readonly state: ReadableStore<SessionSnapshot>;
  /** Fast-changing mic levels and the active speaker, kept apart from `state`. */
  readonly levels: ReadableStore<LevelsSnapshot>;

  join(roomId: string): Promise<void>;
  leave(): Promise<void>;
  subscribeToPublisher(userId: string): Promise<void>;
  unsubscribeFromPublisher(userId: string): Promise<void>;
  setMicrophoneMute(muted: boolean): Promise<void>;
  setVideoEnabled(enabled: boolean): Promise<void>;

  on<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): () => void;
  off<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): void;

  // Simulcast, temporal layers, bandwidth and stats (docs/quality.md). Optional like the device
  // methods; ConferenceSession and FakeSession implement them. Elements feature-check.
  requestPreferredStreamForOpponent?: QualityApi['requestPreferredStreamForOpponent'];
  requestPreferredStreamsForOpponents?: QualityApi['requestPreferredStreamsForOpponents'];
  requestPreferredLayerForOpponentStream?: QualityApi['requestPreferredLayerForOpponentStream'];
  requestPreferredLayersForOpponentsStreams?: QualityApi['requestPreferredLayersForOpponentsStreams'];
  setOpponentQuality?: QualityApi['setOpponentQuality'];
  requestAdaptiveStreamForOpponent?: QualityApi['requestAdaptiveStreamForOpponent'];
  setOpponentVideoVisible?: QualityApi['setOpponentVideoVisible'];
  setMaxBandwidth?: QualityApi['setMaxBandwidth'];
  watchStats?: QualityApi['watchStats'];
  readonly statsReports?: QualityApi['statsReports'];

  // Devices and screen sharing (docs/devices.md). Optional so that minimal sessions stay valid;
  // ConferenceSession and FakeSession implement them all. Elements feature-check before calling.
  getCameras?(): Promise<DeviceSummary[]>;
  getAudioInputs?(): Promise<DeviceSummary[]>;
  getAudioOutputs?(): Promise<DeviceSummary[]>;
  switchCamera?(options?: SwitchCameraOptions | string): Promise<boolean>;
  switchMicrophone?(deviceId: string): Promise<void>;
  selectAudioOutput?(deviceId: string): Promise<void>;
  replaceMediaStream?(stream: MediaStream): Promise<void>;
  setTorchEnabled?(enabled: boolean): Promise<void>;
  enableScreenSharing?(enabled: boolean, options?: ScreenShareOptions): Promise<void>;

  // Chat (docs/meetings.md). Optional; ConferenceSession and FakeSession implement them.
  /** Posts `text` (1..4000 characters after trim) to the room chat; resolves with the stored message. */
  sendChatMessage?(text: string): Promise<ChatMessage>;
  /** Sets `state.chat.unread` to 0 (the chat panel is visible). */
  markChatRead?(): void;

  // Recording (docs/recording.md). Optional; elements feature-check. Reject with `forbidden`
  // without the `record`/`admin` grant.
  startRecording?(): Promise<RecordingState>;
  stopRecording?(): Promise<RecordingState>;

  // Moderation (docs/auth.md): needs the `admin` grant (`state.self.permissions.admin`), else the
  // call rejects with `forbidden`. Optional; ConferenceSession and FakeSession implement them.
  muteParticipant?(userId: string, source: MediaSource): Promise<void>;
  removeParticipant?(userId: string): Promise<void>;
  endMeetingForAll?(): Promise<void>;
}

export interface SwitchCameraOptions {
  /** The camera to use. Without it, flips between the front and back camera (facingMode). */
  deviceId?: string;
}

export interface ScreenShareOptions {
  /** Also capture and publish the shared tab's or system's audio, when the browser grants it. */
  withAudio?: boolean;
  /** getDisplayMedia video constraints (default: ideal 1280x720, up to 1920x1080, 5-30 fps). */
  video?: MediaTrackConstraints;
}
