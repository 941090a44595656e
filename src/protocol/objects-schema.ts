/**
 * The wire's shared pieces as zod schemas: limits, enumerations and the objects that requests,
 * results and notifications carry (./schema.ts assembles the methods from them). Server-only at
 * run time; the browser imports the types generated into ./wire.gen.ts.
 */
import { z } from 'zod';
import { fromMediasoup } from './mediasoup-schema.js';

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

export const objectId = z.string().min(1).max(LIMITS.objectId);
/** A simulcast or temporal layer index (mediasoup clamps it to what the producer has). */
export const layerIndex = z.int().min(0).max(LIMITS.layerIndex);
export const empty = z.strictObject({});

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
  activeSpeaker: z
    .string()
    .nullable()
    .optional()
    .describe('The dominant speaker now (as the last `activeSpeaker`), or null; absent from older servers.'),
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

