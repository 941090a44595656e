/**
 * `conf-kit/core`: the framework-agnostic core. No Lit, no elements: a ConferenceClient creates
 * ConferenceSessions whose state is exposed as immutable snapshots through subscribe/getSnapshot.
 */
export { ConferenceClient } from './session/ConferenceClient.js';
export type { ConferenceClientConfig, CallSessionOptions } from './session/ConferenceClient.js';
export { ConferenceSession } from './session/ConferenceSession.js';
export type { ConferenceSessionInit } from './session/ConferenceSession.js';
export { ConferenceError, isConferenceError, UnsupportedError } from './errors.js';
// --- calls (issue 12) ---
export { CallsClient } from './calls/CallsClient.js';
export type { ActiveCall, CallsClientOptions, CallsConnection, CallsEventMap, CallsSignaling, CallsSnapshot } from './calls/CallsClient.js';
export type { CallEndReason, CallInfo, CallPresence, CallStatus, CallsConnectParams, IncomingCall } from './protocol/calls.js';
// --- end calls ---
// --- meetings and chat (docs/meetings.md) ---
export { MeetingsClient, apiBase, tokenSubject, type MeetingsClientOptions } from './meetings/MeetingsClient.js';
export type { Attendee, DateRange, Meeting, MeetingCreate, MeetingFields, MeetingList, MeetingListQuery, MeetingPatch, MeetingsApi } from './meetings/types.js';
export { CHAT_MAX_CHARS, validateChatText } from './session/chat.js';
export { applyChatMessage, CHAT_KEPT, EMPTY_CHAT, type ChatState } from './state/chat.js';
export type { ChatInfo, ChatMessage } from './protocol/protocol.js';
// --- end meetings ---
export { applySinkId, bindAudioOutput, isAudioOutputSelectionSupported } from './session/audio-output.js';
export { fetchRoomRecording, type RoomRecordingStatus } from './session/room-recording.js';
export { mayRecord, NOT_RECORDING } from './state/recording.js';
export type { RecordingState } from './protocol/protocol.js';
export { DEFAULT_SCREEN_VIDEO_CONSTRAINTS } from './session/screen-share.js';
export { Store } from './state/store.js';
export { PROTOCOL_VERSION, SIGNALING_PATH } from './protocol/protocol.js';
export { SignalingClient } from './signaling/SignalingClient.js';
export type { SignalingClientOptions, SignalingEventMap, WebSocketConstructor, WebSocketLike } from './signaling/SignalingClient.js';
export { resolveSignalingUrl } from './signaling/url.js';
export { createLogger } from './logger.js';
export { StatsReportsManager } from './stats/StatsReportsManager.js';
export type { StatsSource, MicLevelEvent, VideoBitrateEvent, StatsReportsManagerOptions } from './stats/StatsReportsManager.js';
export { StatsPoller } from './stats/StatsPoller.js';
export { StatsHistory, diagnostics, HISTORY_MS, type HistoryPoint, type UserHistory, type EncodingSample } from './stats/history.js';
export {
  assessRemote,
  assessSelf,
  linkLevel,
  scoreLevel,
  QualityHysteresis,
  NETWORK_QUALITIES,
  type NetworkQuality,
  type NetworkCause,
  type NetworkStatus,
  type LinkStats,
} from './network/assess.js';
export { NetworkQualityMonitor, NETWORK_QUALITY_INTERVAL_MS } from './network/monitor.js';
export { KIT_VERSION } from './version.js';
export { EventStream, type EventStreamLike } from './stats/EventStream.js';
export {
  DEFAULT_PUBLISHER_QUALITY,
  publisherQuality,
  qualityPreferenceOf,
  spatialLayerOf,
  streamTypeOf,
  type PublisherQuality,
} from './state/quality.js';
export type {
  MediaConfig,
  SimulcastConfig,
  QualityApi,
  QualityPreference,
  StreamType,
  TemporalLayer,
  StatsReport,
  StatsSample,
  UserStatsSample,
  RtcStatsEntry,
} from './session/quality-types.js';

export type {
  ConnectionState,
  SelfState,
  PublisherState,
  ErrorInfo,
  ConferenceErrorCode,
  SessionSnapshot,
  LevelsSnapshot,
  ReadableStore,
  DevicesState,
  DeviceSummary,
  DeviceKind,
  DeviceFallback,
  ScreenState,
  ModeratorMute,
} from './state/types.js';
// Access control (docs/auth.md): join tokens, permissions.
export { canPublish } from './state/permissions.js';
export type { TokenSource, TokenProvider } from './session/auth.js';
export type {
  SessionLike,
  SessionEventMap,
  SessionEventName,
  ConferenceSessionOptions,
  ReconnectOptions,
  SwitchCameraOptions,
  ScreenShareOptions,
} from './session/types.js';
export type {
  CallType,
  MediaKind,
  MediaSource,
  ErrorCode,
  PublisherInfo,
  ProducerInfo,
  Permissions,
} from './protocol/protocol.js';
