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
  // --- recording (server/recording) ---
  | 'forbidden'
  | 'internal';

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
  userId: string;
  name: string;
  callType: CallType;
}

export interface JoinResult {
  routerRtpCapabilities: unknown;
  /** Everyone else in the room, in join order. */
  publishers: PublisherInfo[];
  maxParticipants: number;
  // --- recording (server/recording) ---
  /** Whether the room is being recorded right now. */
  recording?: RecordingState;
}

// --- recording (server/recording, docs/recording.md) ---
/** The room's recording, as everyone in it sees it. */
export interface RecordingState {
  active: boolean;
  /** ms since epoch; null when not recording. */
  startedAt: number | null;
  /** Who started it (a userId, or `rest`/`meeting`); null when not recording. */
  by: string | null;
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
  // --- recording (server/recording) ---
  /** Starts recording the room (idempotent). `forbidden` without the right. */
  startRecording: [Record<string, never>, { recording: RecordingState }];
  stopRecording: [Record<string, never>, { recording: RecordingState }];
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
  publisherLeft: { userId: string; reason: 'left' | 'disconnected' | 'replaced' };
  /** A consumer was closed by the server (its producer closed, or transport closed). */
  consumerClosed: { consumerId: string };
  /** This connection was replaced by a newer join of the same userId. The socket closes next. */
  replaced: Record<string, never>;
  /** The room was closed by the server (for example its media worker died). */
  roomClosed: { reason: string };
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
  // --- recording (server/recording) ---
  /** The room's recording started or stopped (sent to everyone in the room). */
  recordingChanged: RecordingState;
}

export type NotificationMethod = keyof Notifications;

/** The WebSocket path the server listens on. */
export const SIGNALING_PATH = '/ws';
