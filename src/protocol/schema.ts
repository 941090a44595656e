/**
 * The conf-kit wire protocol as zod schemas: the one source of truth for the wire.
 *
 * - The server validates every request with these (server/protocol-schema.ts). The pieces live in
 *   ./objects-schema.ts (limits, enums, shared objects), ./mediasoup-schema.ts and ./calls-schema.ts.
 * - The TypeScript types of src/protocol/protocol.ts are generated from them into
 *   src/protocol/wire.gen.ts by `npm run gen:protocol` (a unit test fails when that file is stale,
 *   and a compile-time test proves it equals `z.infer` of every schema).
 * - docs/protocol.md lists the same methods and error codes (a unit test compares them).
 *
 * The browser never imports this module at run time (only `import type`), so no zod reaches it.
 */
import { z } from 'zod';
import { dtlsParameters, fromMediasoup, mediasoupShapes, rtpCapabilities, rtpParameters } from './mediasoup-schema.js';

export { mediasoupShapes };
import { callNamedSchemas, callNotificationSchemas, callRequestSchemas } from './calls-schema.js';

export * from './objects-schema.js';
import {
  LIMITS, callType, chatInfo, chatMessage, consumerInfo, empty, errorCode, ingestStats, joinParams, joinResult, layerIndex,
  mediaKind, mediaSource, objectId, permissions, plainTransportInfo, preferredLayersItem, producerInfo, publisherInfo,
  recordingState, resumeResult, transportDirection, transportInfo,
} from './objects-schema.js';

// ---------------------------------------------------------------------------
// Requests: client -> server. One strict params schema and one result schema per method.
// ---------------------------------------------------------------------------

export const networkQuality = z.enum(['excellent', 'good', 'poor', 'lost']).describe('A link quality (docs/network-quality.md).');

const request = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R, doc?: string) => ({ params, result, doc });

export const requestSchemas = {
  join: request(joinParams, joinResult),
  leave: request(empty, empty),
  createTransport: request(z.strictObject({ direction: transportDirection }), transportInfo),
  connectTransport: request(z.strictObject({ transportId: objectId, dtlsParameters }), empty),
  produce: request(
    z.strictObject({
      transportId: objectId,
      kind: mediaKind,
      rtpParameters,
      source: mediaSource,
      paused: z.boolean().optional(),
    }),
    z.object({ producerId: z.string() }),
  ),
  closeProducer: request(z.strictObject({ producerId: objectId }), empty),
  setProducerPaused: request(z.strictObject({ producerId: objectId, paused: z.boolean() }), empty),
  consume: request(
    z.strictObject({ producerId: objectId, rtpCapabilities }),
    consumerInfo,
    'Creates a paused consumer for one producer of another participant.',
  ),
  resumeConsumer: request(
    z.strictObject({ consumerId: objectId }),
    empty,
    'Resumes a consumer (the client is ready to render it) and requests a keyframe for video.',
  ),
  closeConsumer: request(z.strictObject({ consumerId: objectId }), empty),
  requestKeyFrame: request(z.strictObject({ consumerId: objectId }), empty),
  ping: request(empty, z.object({ now: z.number() })),
  setPreferredLayers: request(
    z.strictObject({ items: z.array(preferredLayersItem).min(1).max(LIMITS.preferredLayersItems) }),
    empty,
    'Preferred simulcast (spatial) and temporal layers of video consumers, many in one request\n' +
      '(docs/quality.md). Spatial 2 = high, 1 = medium, 0 = low; temporal 0..2 (2 = full frame rate).',
  ),
  setConsumerPaused: request(
    z.strictObject({ consumerId: objectId, paused: z.boolean() }),
    empty,
    'Pauses or resumes one of your consumers ("audio-only" viewing of someone\'s video). Independent\n' +
      "of the producer's own pause (mute). Resuming a video consumer requests a keyframe.",
  ),
  reportUplinkQuality: request(
    z.strictObject({ quality: networkQuality }),
    empty,
    "This participant's own uplink quality, as its client measures it (docs/network-quality.md).\n" +
      'Sent when it changes; the others get `uplinkQuality`, so their viewers can blame the right side.',
  ),
  setSendBitrateCap: request(
    z.strictObject({ kbps: z.int().min(0).max(LIMITS.maxBitrateKbps).nullable() }),
    empty,
    "Caps what this participant sends, in kbps (the send transport's maximum incoming bitrate);\n" +
      '`null` or 0 removes the cap. Kept for a send transport created later.',
  ),

  // --- Access control (docs/auth.md) ---
  refreshToken: request(
    z.strictObject({ token: z.string().min(1).max(LIMITS.token) }),
    z.object({ permissions, tokenExpiresAt: z.number() }),
    'Presents a fresh token mid-call (same `sub`, a room claim that still allows this room). Its\n' +
      'grants replace the current ones; producers of sources no longer allowed are closed.',
  ),
  muteParticipant: request(
    z.strictObject({ userId: z.string().min(1).max(LIMITS.userId), source: mediaSource }),
    empty,
    'Admin only: pauses one producer of another participant. The target may resume it.',
  ),
  removeParticipant: request(
    z.strictObject({ userId: z.string().min(1).max(LIMITS.userId) }),
    empty,
    'Admin only: removes a participant (it gets `removed`, then its socket closes).',
  ),
  endMeetingForAll: request(empty, empty, 'Admin only: closes the room for everyone (`roomClosed` with `endedBy`).'),

  // --- Ingest (docs/bots.md): bots and other server-side senders; only with the `ingest` grant ---
  createPlainTransport: request(
    empty,
    plainTransportInfo,
    'Creates a plain RTP transport (comedia, RTP and RTCP on one port); `produce` accepts its id.',
  ),
  getIngestStats: request(empty, ingestStats, 'What mediasoup receives on your plain-transport producers (packets and bytes per SSRC).'),

  // --- Recording (docs/recording.md) ---
  startRecording: request(
    empty,
    z.object({ recording: recordingState }),
    'Starts recording the room (idempotent). `forbidden` without the `record` or `admin` grant.',
  ),
  stopRecording: request(empty, z.object({ recording: recordingState }), 'Stops recording the room.'),

  // --- Chat (docs/meetings.md) ---
  sendChatMessage: request(
    z.strictObject({ text: z.string().max(LIMITS.chatText) }),
    z.object({ message: chatMessage }),
    'Posts a chat message to your room (1..4000 characters after trim, rate-limited per sender).\n' +
      'Everyone else gets `chatMessage`; `forbidden` in a meeting without chat.',
  ),

  // --- Reliability (docs/reliability.md) ---
  resume: request(
    z.strictObject({ resumeToken: z.string().min(1).max(LIMITS.resumeToken), lastSeq: z.int().min(0).optional() }),
    resumeResult,
    'On a new socket (instead of `join`): re-attaches to the participant kept since the old socket\n' +
      'dropped (within RESUME_GRACE_S). `lastSeq` is accepted and ignored: missed notifications are\n' +
      'not replayed, the result is the fresh state. `not-found` when the grace expired or the token is unknown.',
  ),
  restartIce: request(
    z.strictObject({ transportId: objectId }),
    z.object({ iceParameters: fromMediasoup('IceParameters') }),
    'ICE restart of one of your transports (mediasoup `transport.restartIce()`).',
  ),

  // --- Calls (docs/calls.md, ./calls-schema.ts) ---
  ...callRequestSchemas,
};

// ---------------------------------------------------------------------------
// Notifications: server -> client.
// ---------------------------------------------------------------------------

const notification = <D extends z.ZodType>(data: D, doc?: string) => ({ data, doc });

export const notificationSchemas = {
  publisherJoined: notification(
    z.object({ publisher: publisherInfo }),
    'Someone joined the room (or rejoined and replaced their old connection).',
  ),
  publisherUpdated: notification(
    z.object({ publisher: publisherInfo }),
    "Someone's producers or mute flags changed. Carries their whole new info.",
  ),
  publisherLeft: notification(
    z.object({ userId: z.string(), reason: z.enum(['left', 'disconnected', 'replaced', 'removed']) }),
  ),
  consumerClosed: notification(
    z.object({ consumerId: z.string() }),
    'A consumer was closed by the server (its producer closed, or transport closed).',
  ),
  replaced: notification(
    empty,
    'This connection was replaced by a newer join of the same userId. The socket closes next.',
  ),
  roomClosed: notification(
    z.object({
      reason: z.string(),
      endedBy: z.string().optional().describe('The moderator\'s userId when a moderator ended the meeting (`endMeetingForAll`).'),
      rejoin: z
        .boolean()
        .optional()
        .describe('Reliability: true when the client should join again at once (reason `worker-died`: the room is recreated on a live worker).'),
    }),
    'The room was closed by the server (for example its media worker died).',
  ),
  audioLevels: notification(
    z.object({ levels: z.array(z.object({ userId: z.string(), level: z.number() })) }),
    "Audio levels from the room's AudioLevelObserver, about 4 times a second while anyone speaks.\n" +
      '`level` is 0..1 (mapped from dBov -80..0). Users not listed are silent.',
  ),
  activeSpeaker: notification(
    z.object({ userId: z.string().nullable() }),
    "The dominant speaker from the room's ActiveSpeakerObserver.",
  ),
  consumerLayersChanged: notification(
    z.object({ consumerId: z.string(), spatialLayer: z.number().nullable(), temporalLayer: z.number().nullable() }),
    "The layers the server now forwards on one of your video consumers (mediasoup's\n" +
      '`layerschange`): after a `setPreferredLayers`, or because the sender or the bandwidth changed.\n' +
      'Both null when nothing is forwarded (paused, or the producer sends no layer).',
  ),
  uplinkQuality: notification(
    z.object({ userId: z.string(), quality: networkQuality }),
    "A participant's own uplink quality changed (their `reportUplinkQuality`).",
  ),
  consumerScore: notification(
    z.object({ consumerId: z.string(), score: z.number(), producerScore: z.number() }),
    "One of your consumers' score (0..10, mediasoup's `score`): its own and its producer's.",
  ),

  layersWanted: notification(
    z.object({ producerId: z.string(), spatialLayers: z.array(z.number().int().min(0)) }),
    'Dynacast (docs/layouts.md): the spatial layers of your simulcast video producer that someone\n' +
      'consumes (each unpaused consumer wants its preferred layer and those below), ascending, always\n' +
      'with layer 0. Turn the other encodings off (`active: false`). Sent when the set changes.',
  ),

  // --- Access control (docs/auth.md) ---
  mutedByModerator: notification(
    z.object({ source: mediaSource, producerId: z.string(), by: z.string() }),
    'A moderator paused one of your producers (everyone gets `publisherUpdated`). You may resume it.',
  ),
  removed: notification(
    z.object({ by: z.string() }),
    'A moderator removed you. Your session is over and the socket closes next (code 4003); do not reconnect.',
  ),

  // --- Recording (docs/recording.md) ---
  recordingChanged: notification(recordingState, "The room's recording started or stopped (sent to everyone in the room)."),

  // --- Chat (docs/meetings.md) ---
  chatMessage: notification(z.object({ message: chatMessage }), 'Someone else in the room posted a chat message.'),

  // --- Reliability (docs/reliability.md) ---
  publisherReconnecting: notification(
    z.object({ userId: z.string(), reconnecting: z.boolean() }),
    "Someone's socket or media was lost (true: kept for the grace period) or is back (false).",
  ),
  serverShutdown: notification(
    z.object({ reconnectInMs: z.number() }),
    'The server is shutting down; reconnect (resume, else join) after `reconnectInMs`. The socket closes next.',
  ),

  // --- Calls (docs/calls.md, ./calls-schema.ts) ---
  ...callNotificationSchemas,
};

/** Schemas printed as named types in wire.gen.ts (and referred to by name inside other types). */
export const namedSchemas = {
  ErrorCode: errorCode,
  CallType: callType,
  MediaKind: mediaKind,
  MediaSource: mediaSource,
  TransportDirection: transportDirection,
  ProducerInfo: producerInfo,
  PublisherInfo: publisherInfo,
  Permissions: permissions,
  JoinParams: joinParams,
  JoinResult: joinResult,
  TransportInfo: transportInfo,
  ConsumerInfo: consumerInfo,
  PreferredLayersItem: preferredLayersItem,
  PlainTransportInfo: plainTransportInfo,
  IngestStats: ingestStats,
  RecordingState: recordingState,
  ChatMessage: chatMessage,
  ChatInfo: chatInfo,
  ResumeResult: resumeResult,
  ...callNamedSchemas,
};

export type RequestSchemas = typeof requestSchemas;
export type NotificationSchemas = typeof notificationSchemas;
