/**
 * The public contract of a conference session, as elements and apps see it.
 * `ConferenceSession` (src/session/ConferenceSession.ts) implements it against the real SFU;
 * `FakeSession` (src/testing/) implements it for component tests and stories.
 * Elements depend on this interface only, never on mediasoup-client.
 */
import type { CallType, MediaKind } from '../protocol/protocol.js';
import type { ConferenceError } from '../errors.js';
import type { LevelsSnapshot, ReadableStore, SessionSnapshot } from '../state/types.js';

export interface SessionEventMap {
  /** The local camera/mic stream is ready (or replaced). */
  localstream: { stream: MediaStream };
  /** A remote track arrived. */
  remotetrack: { userId: string; kind: MediaKind; track: MediaStreamTrack; stream: MediaStream };
  /** The set of publishers changed (joined / updated). Carries the current list of user ids. */
  publishers: { userIds: string[] };
  /** A publisher left the room. */
  publisherleft: { userId: string };
  /** This session now consumes that publisher. */
  subscribed: { userId: string };
  error: { error: ConferenceError };
  /** The session ended: left, replaced, room closed, or gave up reconnecting. */
  closed: { reason: string };
}

export type SessionEventName = keyof SessionEventMap;

export interface ConferenceSessionOptions {
  callType?: CallType;
  name?: string;
  /** Consume every publisher automatically (default true). */
  autoSubscribe?: boolean;
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
}
