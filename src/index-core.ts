/**
 * `conf-kit/core`: the framework-agnostic core. No Lit, no elements: a ConferenceClient creates
 * ConferenceSessions whose state is exposed as immutable snapshots through subscribe/getSnapshot.
 */
export { ConferenceClient } from './session/ConferenceClient.js';
export type { ConferenceClientConfig, CallSessionOptions } from './session/ConferenceClient.js';
export { ConferenceSession } from './session/ConferenceSession.js';
export type { ConferenceSessionInit } from './session/ConferenceSession.js';
export { ConferenceError, isConferenceError } from './errors.js';
export { Store } from './state/store.js';
export { PROTOCOL_VERSION, SIGNALING_PATH } from './protocol/protocol.js';
export { SignalingClient } from './signaling/SignalingClient.js';
export type { SignalingClientOptions, SignalingEventMap, WebSocketConstructor, WebSocketLike } from './signaling/SignalingClient.js';
export { resolveSignalingUrl } from './signaling/url.js';
export { createLogger } from './logger.js';

export type {
  ConnectionState,
  SelfState,
  PublisherState,
  ErrorInfo,
  ConferenceErrorCode,
  SessionSnapshot,
  LevelsSnapshot,
  ReadableStore,
} from './state/types.js';
export type {
  SessionLike,
  SessionEventMap,
  SessionEventName,
  ConferenceSessionOptions,
} from './session/types.js';
export type {
  CallType,
  MediaKind,
  MediaSource,
  ErrorCode,
  PublisherInfo,
  ProducerInfo,
} from './protocol/protocol.js';
