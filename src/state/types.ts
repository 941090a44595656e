/**
 * The shape of ConferenceSession's reactive state. Immutable snapshots: every change yields a
 * new object (and new objects along the changed path), so `Object.is` tells what changed.
 * No Lit, no DOM imports beyond the MediaStream types.
 */
import type { CallType, ErrorCode } from '../protocol/protocol.js';

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
  | 'media-failed';

export interface SessionSnapshot {
  readonly connection: ConnectionState;
  readonly roomId: string | null;
  readonly self: SelfState;
  /** Remote participants keyed by userId, in join order. */
  readonly publishers: Readonly<Record<string, PublisherState>>;
  /** The last error, or null. */
  readonly error: ErrorInfo | null;
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
