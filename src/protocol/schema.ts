/**
 * The conf-kit wire protocol as zod schemas: the one source of truth for the wire.
 *
 * - The server validates every request with these (server/protocol-schema.ts).
 * - The TypeScript types of src/protocol/protocol.ts are generated from them into
 *   src/protocol/wire.gen.ts by `npm run gen:protocol` (a unit test fails when that file is stale,
 *   and a compile-time test proves it equals `z.infer` of every schema).
 * - docs/protocol.md lists the same methods and error codes (a unit test compares them).
 *
 * The browser never imports this module at run time (only `import type`), so no zod reaches it.
 */
import { z } from 'zod';
import { callNamedSchemas, callNotificationSchemas, callRequestSchemas } from './calls-schema.js';

/** Bounds of what a client may send. */
export const LIMITS = {
  roomId: 128,
  userId: 128,
  name: 256,
  /** mediasoup ids are UUIDs (36 chars); leave room for other id schemes. */
  objectId: 64,
  method: 64,
  /** Nesting of arrays/objects in one message; mediasoup's own JSON needs fewer than 10. */
  depth: 32,
  /** Items in one `setPreferredLayers` (one per consumer at most). */
  preferredLayersItems: 64,
  layerIndex: 15,
  /** `setSendBitrateCap` upper bound (100 Mbps). */
  maxBitrateKbps: 100_000,
  /** A join token (JWT); real ones are a few hundred bytes. */
  token: 4096,
  /** Chat text in UTF-16 units on the wire; the server then checks 1..4000 characters after trim. */
  chatText: 8000,
  /** Reliability: a resume token (server/resume.ts makes 43 characters). */
  resumeToken: 128,
} as const;

/**
 * mediasoup's own JSON shapes (RTP parameters, capabilities, DTLS parameters). The server checks
 * them structurally and mediasoup checks the details; on the wire they are typed `unknown`, so each
 * side uses its own mediasoup library's types. The type generator prints these as `unknown`.
 */
export const mediasoupShapes = z.registry<{ mediasoup: string }>();

function mediasoupJson(name: string, schema: z.ZodType): z.ZodType<unknown> {
  mediasoupShapes.add(schema, { mediasoup: name });
  return schema;
}

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

/** Stable error codes. Clients switch on these, never on messages. */
export const errorCode = z
  .enum([
    'invalid-message',
    'unknown-method',
    'invalid-params',
    'not-joined',
    'already-joined',
    'room-full',
    'too-large',
    'protocol-mismatch',
    'not-found',
    'replaced',
    'room-closed',
    'internal',
    // Access control (docs/auth.md): no/bad token; a valid token that does not allow this; too many requests.
    'unauthorized',
    'forbidden',
    'rate-limited',
  ])
  .describe('Stable error codes. Clients switch on these, never on messages.');

export const callType = z.enum(['video', 'audio']);
export const mediaKind = z.enum(['audio', 'video']);
export const mediaSource = z.enum(['mic', 'camera', 'screen', 'screen-audio']).describe('Which local source a producer carries.');
export const transportDirection = z.enum(['send', 'recv']);

// ---------------------------------------------------------------------------
// mediasoup JSON shapes: structural, bounded, and loose (unknown keys pass through to mediasoup,
// which validates the details itself).
// ---------------------------------------------------------------------------

const str = (max: number) => z.string().max(max);
const payloadType = z.int().min(0).max(127);
const codecParameters = z.record(z.string().max(128), z.unknown());

const rtcpFeedback = z.looseObject({
  type: str(64),
  parameter: str(64).optional(),
});

const rtpCodecCapability = z.looseObject({
  kind: mediaKind,
  mimeType: str(64),
  clockRate: z.int().positive(),
  preferredPayloadType: payloadType.optional(),
  channels: z.int().min(1).max(16).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const rtpHeaderExtensionCapability = z.looseObject({
  kind: str(16),
  uri: str(256),
  preferredId: z.int().min(0).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: str(16).optional(),
});

export const rtpCapabilities = mediasoupJson(
  'RtpCapabilities',
  z.looseObject({
    codecs: z.array(rtpCodecCapability).max(128).optional(),
    headerExtensions: z.array(rtpHeaderExtensionCapability).max(64).optional(),
  }),
);

const rtpCodecParameters = z.looseObject({
  mimeType: str(64),
  payloadType,
  clockRate: z.int().positive(),
  channels: z.int().min(1).max(16).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const rtpEncoding = z.looseObject({
  ssrc: z.int().min(0).max(0xffffffff).optional(),
  rid: str(32).optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.looseObject({ ssrc: z.int().min(0).max(0xffffffff) }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: str(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().nonnegative().optional(),
});

export const rtpParameters = mediasoupJson(
  'RtpParameters',
  z.looseObject({
    mid: str(32).optional(),
    codecs: z.array(rtpCodecParameters).min(1).max(32),
    headerExtensions: z
      .array(
        z.looseObject({
          uri: str(256),
          id: z.int().min(0).max(255),
          encrypt: z.boolean().optional(),
          parameters: codecParameters.optional(),
        }),
      )
      .max(32)
      .optional(),
    encodings: z.array(rtpEncoding).max(16).optional(),
    rtcp: z
      .looseObject({
        cname: str(256).optional(),
        reducedSize: z.boolean().optional(),
        mux: z.boolean().optional(),
      })
      .optional(),
  }),
);

export const dtlsParameters = mediasoupJson(
  'DtlsParameters',
  z.looseObject({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.looseObject({ algorithm: str(32), value: str(512) }))
      .min(1)
      .max(16),
  }),
);

/** What the server sends of mediasoup's own objects (not validated; the client hands them to mediasoup-client). */
const fromMediasoup = (name: string) => mediasoupJson(name, z.unknown());

// ---------------------------------------------------------------------------
// Shared objects
// ---------------------------------------------------------------------------

export const producerInfo = z
  .object({ id: z.string(), kind: mediaKind, source: mediaSource, paused: z.boolean() })
  .describe('A producer as others see it.');

export const publisherInfo = z
  .object({
    userId: z.string(),
    name: z.string(),
    callType,
    producers: z.array(producerInfo),
    reconnecting: z
      .boolean()
      .optional()
      .describe('Reliability (docs/reliability.md): present and true while their socket or media is lost (resume grace).'),
  })
  .describe('A participant in a room as the others see it.');

const objectId = z.string().min(1).max(LIMITS.objectId);
/** A simulcast or temporal layer index (mediasoup clamps it to what the producer has). */
const layerIndex = z.int().min(0).max(LIMITS.layerIndex);
const empty = z.strictObject({});

export const permissions = z
  .object({
    publish: z.union([z.boolean(), z.array(mediaSource)]),
    subscribe: z.boolean(),
    record: z.boolean(),
    admin: z.boolean(),
    ingest: z.boolean(),
  })
  .describe(
    "What a session may do: the token's `grants` with defaults applied (no token: the defaults).\n" +
      '`publish`: true = every source, false = listener (receive-only), a list = only those sources.',
  );

export const recordingState = z
  .object({
    active: z.boolean(),
    startedAt: z.number().nullable().describe('ms since epoch; null when not recording.'),
    by: z.string().nullable().describe('Who started it (a userId, or `rest`/`meeting`); null when not recording.'),
  })
  .describe("The room's recording, as everyone in it sees it (docs/recording.md).");

// --- Chat (docs/meetings.md) ---
export const chatMessage = z
  .object({
    id: z.string(),
    roomId: z.string(),
    userId: z.string(),
    name: z.string(),
    text: z.string().describe('Plain text: clients must render it as text, never as HTML.'),
    sentAt: z.number().describe('ms since epoch (server clock).'),
  })
  .describe('One chat message of a room.');

export const chatInfo = z
  .object({
    enabled: z.boolean().describe('False in a meeting created without `withChat`.'),
    history: z.array(chatMessage).describe('The last 100 messages, oldest first.'),
  })
  .describe("The room's chat, in the join result.");

export const joinParams = z
  .strictObject({
    protocolVersion: z.int(),
    roomId: z.string().min(1).max(LIMITS.roomId),
    // Access control (docs/auth.md): userId and name may be omitted with a token, which decides them.
    userId: z.string().min(1).max(LIMITS.userId).optional(),
    name: z.string().max(LIMITS.name).optional(),
    callType,
    token: z.string().min(1).max(LIMITS.token).optional().describe('The join token (docs/auth.md). Required in secure mode.'),
  })
  .refine((p) => p.userId !== undefined || p.token !== undefined, {
    message: 'userId is required without a token',
    path: ['userId'],
  });

export const joinResult = z.object({
  routerRtpCapabilities: fromMediasoup('RtpCapabilities'),
  publishers: z.array(publisherInfo).describe('Everyone else in the room, in join order.'),
  maxParticipants: z.number(),
  userId: z.string().describe('Who you joined as (from the token in secure mode).'),
  name: z.string(),
  permissions,
  tokenExpiresAt: z.number().nullable().describe('When the token expires (unix seconds), or null without a token.'),
  recording: recordingState.describe('Whether the room is being recorded right now.'),
  chat: chatInfo.optional().describe('The room chat (docs/meetings.md); absent from servers without chat.'),
  resumeToken: z.string().describe('Reliability (docs/reliability.md): present `resume` with it on a new socket after a drop.'),
});

export const transportInfo = z.object({
  id: z.string(),
  iceParameters: fromMediasoup('IceParameters'),
  iceCandidates: z.array(fromMediasoup('IceCandidate')),
  dtlsParameters: fromMediasoup('DtlsParameters'),
});

export const consumerInfo = z.object({
  id: z.string(),
  producerId: z.string(),
  userId: z.string(),
  kind: mediaKind,
  source: mediaSource,
  rtpParameters: fromMediasoup('RtpParameters'),
  producerPaused: z
    .boolean()
    .describe('Whether the producer is paused (muted) right now. The consumer itself starts paused.'),
});

// --- Reliability (docs/reliability.md) ---
export const resumeResult = joinResult
  .extend({
    transports: z.array(
      z.object({ id: z.string(), direction: transportDirection, iceState: z.string(), dtlsState: z.string() }),
    ),
    producers: z.array(producerInfo).describe('Your own producers, still forwarding.'),
    consumers: z
      .array(consumerInfo.extend({ paused: z.boolean() }))
      .describe("Your consumers; `paused` is the consumer's own pause (resumeConsumer / setConsumerPaused)."),
  })
  .describe('Reliability: the `resume` result, the join result plus the media you still have on the server.');

export const preferredLayersItem = z
  .strictObject({
    consumerId: objectId,
    spatialLayer: layerIndex,
    temporalLayer: layerIndex.optional().describe('Default: the highest temporal layer.'),
  })
  .describe("One consumer's preferred layers in `setPreferredLayers`.");

export const plainTransportInfo = z
  .object({ transportId: z.string(), ip: z.string(), port: z.number() })
  .describe('Where to send RTP: UDP `ip:port`, RTP and RTCP alike. The first packet fixes the sender\'s address.');

export const ingestStats = z.object({
  producers: z.array(
    z.object({
      producerId: z.string(),
      kind: mediaKind,
      score: z.array(z.object({ ssrc: z.number(), score: z.number() })).describe("mediasoup's score (0..10) per received stream."),
      streams: z.array(z.object({ ssrc: z.number(), packetCount: z.number(), byteCount: z.number(), bitrate: z.number() })),
    }),
  ),
});

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
