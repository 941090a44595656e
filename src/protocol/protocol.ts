/**
 * The conf-kit signalling protocol: one JSON protocol over one WebSocket.
 * Types only (no runtime dependency), shared by the server and the client.
 * See docs/protocol.md for the prose version.
 */

/** Bumped on every incompatible change. A `join` with another version gets `protocol-mismatch`. */
export const PROTOCOL_VERSION = 1;

/** Messages larger than this (in bytes, UTF-8) are refused with `too-large`. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Stable error codes. Clients switch on these, never on messages. */
export type ErrorCode =
  | 'invalid-message'
  | 'unknown-method'
  | 'invalid-params'
  | 'not-joined'
  | 'already-joined'
  | 'room-full'
  | 'too-large'
  | 'protocol-mismatch'
  | 'not-found'
  | 'replaced'
  | 'room-closed'
  | 'internal'
  // Access control (docs/auth.md):
  /** No token, or a bad one: malformed, badly signed, expired, not yet valid, TTL too long. */
  | 'unauthorized'
  /** A valid token that does not allow this room, this source, this identity or this action. */
  | 'forbidden'
  /** Too many requests, joins or connections; only this request is refused. */
  | 'rate-limited';

export type CallType = 'video' | 'audio';
export type MediaKind = 'audio' | 'video';
/** Which local source a producer carries. */
export type MediaSource = 'mic' | 'camera' | 'screen' | 'screen-audio';
export type TransportDirection = 'send' | 'recv';

/** A producer as others see it. */
export interface ProducerInfo {
  id: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

/** A participant in a room as the others see it. */
export interface PublisherInfo {
  userId: string;
  name: string;
  callType: CallType;
  producers: ProducerInfo[];
  /** Reliability (docs/reliability.md): present and true while their socket or media is lost (resume grace). */
  reconnecting?: boolean;
}

// ---------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------

export interface RequestMessage<M extends string = string, D = unknown> {
  id: number;
  method: M;
  data: D;
}

export interface ResponseOk<D = unknown> {
  id: number;
  ok: true;
  data: D;
}

export interface ResponseError {
  /** `null` when the request's id could not be read. */
  id: number | null;
  ok: false;
  error: { code: ErrorCode; message: string };
}

export type ResponseMessage<D = unknown> = ResponseOk<D> | ResponseError;

export interface NotificationMessage<M extends string = string, D = unknown> {
  method: M;
  data: D;
}

// ---------------------------------------------------------------------------
// Requests: client -> server. Map of method -> [params, result].
// rtpCapabilities, rtpParameters, dtlsParameters etc. are mediasoup's own JSON shapes.
// ---------------------------------------------------------------------------

export interface JoinParams {
  protocolVersion: number;
  roomId: string;
  /** Required in open mode without a token. With a token it may be omitted; if given it must equal the token's `sub`. */
  userId?: string;
  /** Display name; a token's `name` claim wins over it. Default: the userId. */
  name?: string;
  callType: CallType;
  /** The join token (docs/auth.md). Required when the server runs in secure mode. */
  token?: string;
}

export interface JoinResult {
  routerRtpCapabilities: unknown;
  /** Everyone else in the room, in join order. */
  publishers: PublisherInfo[];
  maxParticipants: number;
  /** Who you joined as (from the token in secure mode). */
  userId: string;
  name: string;
  /** What this session may do, enforced by the server (docs/auth.md). */
  permissions: Permissions;
  /** When the token expires (unix seconds), or null without a token. Refresh before it with `refreshToken`. */
  tokenExpiresAt: number | null;
  /** Reliability (docs/reliability.md): present `resume` with it on a new socket after a drop. */
  resumeToken: string;
}

export interface TransportInfo {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  userId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: unknown;
  /** Whether the producer is paused (muted) right now. The consumer itself starts paused. */
  producerPaused: boolean;
}

export interface Requests {
  join: [JoinParams, JoinResult];
  leave: [Record<string, never>, Record<string, never>];
  createTransport: [{ direction: TransportDirection }, TransportInfo];
  connectTransport: [{ transportId: string; dtlsParameters: unknown }, Record<string, never>];
  produce: [
    { transportId: string; kind: MediaKind; rtpParameters: unknown; source: MediaSource; paused?: boolean },
    { producerId: string },
  ];
  closeProducer: [{ producerId: string }, Record<string, never>];
  setProducerPaused: [{ producerId: string; paused: boolean }, Record<string, never>];
  /** Creates a paused consumer for one producer of another participant. */
  consume: [{ producerId: string; rtpCapabilities: unknown }, ConsumerInfo];
  /** Resumes a consumer (the client is ready to render it) and requests a keyframe for video. */
  resumeConsumer: [{ consumerId: string }, Record<string, never>];
  closeConsumer: [{ consumerId: string }, Record<string, never>];
  requestKeyFrame: [{ consumerId: string }, Record<string, never>];
  ping: [Record<string, never>, { now: number }];
  /**
   * Preferred simulcast (spatial) and temporal layers of video consumers, many in one request
   * (docs/quality.md). Spatial 2 = high, 1 = medium, 0 = low; temporal 0..2 (2 = full frame rate).
   */
  setPreferredLayers: [{ items: PreferredLayersItem[] }, Record<string, never>];
  /**
   * Pauses or resumes one of your consumers ("audio-only" viewing of someone's video). Independent
   * of the producer's own pause (mute). Resuming a video consumer requests a keyframe.
   */
  setConsumerPaused: [{ consumerId: string; paused: boolean }, Record<string, never>];
  /**
   * Caps what this participant sends, in kbps (the send transport's maximum incoming bitrate);
   * `null` or 0 removes the cap. Kept for a send transport created later.
   */
  setSendBitrateCap: [{ kbps: number | null }, Record<string, never>];

  // --- Access control (docs/auth.md) ---
  /**
   * Presents a fresh token mid-call (same `sub`, a room claim that still allows this room). Its
   * grants replace the current ones; producers of sources no longer allowed are closed.
   */
  refreshToken: [{ token: string }, { permissions: Permissions; tokenExpiresAt: number }];
  /** Admin only: pauses one producer of another participant. The target may resume it. */
  muteParticipant: [{ userId: string; source: MediaSource }, Record<string, never>];
  /** Admin only: removes a participant (it gets `removed`, then its socket closes). */
  removeParticipant: [{ userId: string }, Record<string, never>];
  /** Admin only: closes the room for everyone (`roomClosed` with `endedBy`). */
  endMeetingForAll: [Record<string, never>, Record<string, never>];

  // --- Reliability (docs/reliability.md): resume, restartIce ---
  /**
   * On a new socket (instead of `join`): re-attaches to the participant kept since the old socket
   * dropped (within RESUME_GRACE_S). `lastSeq` is accepted and ignored: missed notifications are
   * not replayed, the result is the fresh state. `not-found` when the grace expired or the token is unknown.
   */
  resume: [{ resumeToken: string; lastSeq?: number }, ResumeResult];
  /** ICE restart of one of your transports (mediasoup `transport.restartIce()`). */
  restartIce: [{ transportId: string }, { iceParameters: unknown }];
}

/** Reliability: the `resume` result, the join result plus the media you still have on the server. */
export interface ResumeResult extends JoinResult {
  transports: { id: string; direction: TransportDirection; iceState: string; dtlsState: string }[];
  /** Your own producers, still forwarding. */
  producers: ProducerInfo[];
  /** Your consumers; `paused` is the consumer's own pause (resumeConsumer / setConsumerPaused). */
  consumers: (ConsumerInfo & { paused: boolean })[];
}

/**
 * What a session may do: the token's `grants` with defaults applied (no token: the defaults).
 * `publish`: true = every source, false = listener (receive-only), a list = only those sources.
 */
export interface Permissions {
  publish: boolean | MediaSource[];
  subscribe: boolean;
  record: boolean;
  admin: boolean;
  ingest: boolean;
}

/** One consumer's preferred layers in `setPreferredLayers`. */
export interface PreferredLayersItem {
  consumerId: string;
  spatialLayer: number;
  /** Default: the highest temporal layer. */
  temporalLayer?: number;
}

export type RequestMethod = keyof Requests;
export type RequestParams<M extends RequestMethod> = Requests[M][0];
export type RequestResult<M extends RequestMethod> = Requests[M][1];

// ---------------------------------------------------------------------------
// Notifications: server -> client.
// ---------------------------------------------------------------------------

export interface Notifications {
  /** Someone joined the room (or rejoined and replaced their old connection). */
  publisherJoined: { publisher: PublisherInfo };
  /** Someone's producers or mute flags changed. Carries their whole new info. */
  publisherUpdated: { publisher: PublisherInfo };
  publisherLeft: { userId: string; reason: 'left' | 'disconnected' | 'replaced' | 'removed' };
  /** A consumer was closed by the server (its producer closed, or transport closed). */
  consumerClosed: { consumerId: string };
  /** This connection was replaced by a newer join of the same userId. The socket closes next. */
  replaced: Record<string, never>;
  /** The room was closed by the server (for example its media worker died). */
  roomClosed: {
    reason: string;
    /** The moderator's userId when a moderator ended the meeting (`endMeetingForAll`). */
    endedBy?: string;
    /** Reliability: true when the client should join again at once (reason `worker-died`: the room is recreated on a live worker). */
    rejoin?: boolean;
  };
  /**
   * Audio levels from the room's AudioLevelObserver, about 4 times a second while anyone speaks.
   * `level` is 0..1 (mapped from dBov -80..0). Users not listed are silent.
   */
  audioLevels: { levels: { userId: string; level: number }[] };
  /** The dominant speaker from the room's ActiveSpeakerObserver. */
  activeSpeaker: { userId: string | null };
  /**
   * The layers the server now forwards on one of your video consumers (mediasoup's
   * `layerschange`): after a `setPreferredLayers`, or because the sender or the bandwidth changed.
   * Both null when nothing is forwarded (paused, or the producer sends no layer).
   */
  consumerLayersChanged: { consumerId: string; spatialLayer: number | null; temporalLayer: number | null };
  /** One of your consumers' score (0..10, mediasoup's `score`): its own and its producer's. */
  consumerScore: { consumerId: string; score: number; producerScore: number };

  // --- Access control (docs/auth.md) ---
  /** A moderator paused one of your producers (everyone gets `publisherUpdated`). You may resume it. */
  mutedByModerator: { source: MediaSource; producerId: string; by: string };
  /** A moderator removed you. Your session is over and the socket closes next (code 4003); do not reconnect. */
  removed: { by: string };

  // --- Reliability (docs/reliability.md) ---
  /** Someone's socket or media was lost (true: kept for the grace period) or is back (false). */
  publisherReconnecting: { userId: string; reconnecting: boolean };
  /** The server is shutting down; reconnect (resume, else join) after `reconnectInMs`. The socket closes next. */
  serverShutdown: { reconnectInMs: number };
}

export type NotificationMethod = keyof Notifications;

/** The WebSocket path the server listens on. */
export const SIGNALING_PATH = '/ws';
