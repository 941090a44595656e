/**
 * Runtime validation of everything a client sends, mirroring src/protocol/protocol.ts.
 *
 * Pure functions, no I/O: `decodeRequest()` turns one raw WebSocket frame into either a typed
 * request or a typed protocol error. Handlers only ever see params that passed these schemas.
 */
import { z } from 'zod';
import {
  MAX_MESSAGE_BYTES,
  type ErrorCode,
  type RequestMethod,
  type RequestParams,
  type ResponseError,
  type ResponseOk,
} from '../src/protocol/protocol.js';

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

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
  /** Reliability: a resume token (server/resume.ts makes 43 characters). */
  resumeToken: 128,
} as const;

/** An error with a stable protocol code; its message is sent to the client. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// mediasoup JSON shapes: structural, bounded, and loose (unknown keys pass through to mediasoup,
// which validates the details itself).
// ---------------------------------------------------------------------------

const str = (max: number) => z.string().max(max);
const payloadType = z.int().min(0).max(127);
const mediaKind = z.enum(['audio', 'video']);
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

export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(rtpCodecCapability).max(128).optional(),
  headerExtensions: z.array(rtpHeaderExtensionCapability).max(64).optional(),
});

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

export const rtpParametersSchema = z.looseObject({
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
});

export const dtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: str(32), value: str(512) }))
    .min(1)
    .max(16),
});

// ---------------------------------------------------------------------------
// Request params, one strict schema per method of `Requests`.
// ---------------------------------------------------------------------------

const objectId = z.string().min(1).max(LIMITS.objectId);
/** A simulcast or temporal layer index (mediasoup clamps it to what the producer has). */
const layerIndex = z.int().min(0).max(LIMITS.layerIndex);
const empty = z.strictObject({});
const mediaSource = z.enum(['mic', 'camera', 'screen', 'screen-audio']);

export const paramSchemas = {
  join: z
    .strictObject({
      protocolVersion: z.int(),
      roomId: z.string().min(1).max(LIMITS.roomId),
      // Access control (docs/auth.md): userId and name may be omitted with a token, which decides them.
      userId: z.string().min(1).max(LIMITS.userId).optional(),
      name: z.string().max(LIMITS.name).optional(),
      callType: z.enum(['video', 'audio']),
      token: z.string().min(1).max(LIMITS.token).optional(),
    })
    .refine((p) => p.userId !== undefined || p.token !== undefined, {
      message: 'userId is required without a token',
      path: ['userId'],
    }),
  leave: empty,
  createTransport: z.strictObject({ direction: z.enum(['send', 'recv']) }),
  connectTransport: z.strictObject({ transportId: objectId, dtlsParameters: dtlsParametersSchema }),
  produce: z.strictObject({
    transportId: objectId,
    kind: mediaKind,
    rtpParameters: rtpParametersSchema,
    source: mediaSource,
    paused: z.boolean().optional(),
  }),
  closeProducer: z.strictObject({ producerId: objectId }),
  setProducerPaused: z.strictObject({ producerId: objectId, paused: z.boolean() }),
  consume: z.strictObject({ producerId: objectId, rtpCapabilities: rtpCapabilitiesSchema }),
  resumeConsumer: z.strictObject({ consumerId: objectId }),
  closeConsumer: z.strictObject({ consumerId: objectId }),
  requestKeyFrame: z.strictObject({ consumerId: objectId }),
  ping: empty,
  setPreferredLayers: z.strictObject({
    items: z
      .array(
        z.strictObject({
          consumerId: objectId,
          spatialLayer: layerIndex,
          temporalLayer: layerIndex.optional(),
        }),
      )
      .min(1)
      .max(LIMITS.preferredLayersItems),
  }),
  setConsumerPaused: z.strictObject({ consumerId: objectId, paused: z.boolean() }),
  setSendBitrateCap: z.strictObject({ kbps: z.int().min(0).max(LIMITS.maxBitrateKbps).nullable() }),

  // --- Access control (docs/auth.md): refreshToken, muteParticipant, removeParticipant, endMeetingForAll ---
  refreshToken: z.strictObject({ token: z.string().min(1).max(LIMITS.token) }),
  muteParticipant: z.strictObject({ userId: z.string().min(1).max(LIMITS.userId), source: mediaSource }),
  removeParticipant: z.strictObject({ userId: z.string().min(1).max(LIMITS.userId) }),
  endMeetingForAll: empty,

  // --- Reliability (docs/reliability.md): resume, restartIce ---
  resume: z.strictObject({ resumeToken: z.string().min(1).max(LIMITS.resumeToken), lastSeq: z.int().min(0).optional() }),
  restartIce: z.strictObject({ transportId: objectId }),
} satisfies { [M in RequestMethod]: z.ZodType };

/** What a handler receives: the typed params after validation (mediasoup blobs stay loose). */
export type ValidParams<M extends RequestMethod> = z.output<(typeof paramSchemas)[M]>;

// Compile-time check that the schemas accept what the protocol types describe.
type _Assignable<M extends RequestMethod> = Omit<RequestParams<M>, 'rtpParameters' | 'rtpCapabilities' | 'dtlsParameters'> extends Omit<
  ValidParams<M>,
  'rtpParameters' | 'rtpCapabilities' | 'dtlsParameters'
>
  ? true
  : never;
const _check: { [M in RequestMethod]: _Assignable<M> } = {
  join: true,
  leave: true,
  createTransport: true,
  connectTransport: true,
  produce: true,
  closeProducer: true,
  setProducerPaused: true,
  consume: true,
  resumeConsumer: true,
  closeConsumer: true,
  requestKeyFrame: true,
  ping: true,
  setPreferredLayers: true,
  setConsumerPaused: true,
  setSendBitrateCap: true,
  refreshToken: true,
  muteParticipant: true,
  removeParticipant: true,
  endMeetingForAll: true,
  resume: true,
  restartIce: true,
};
void _check;

export function isRequestMethod(method: string): method is RequestMethod {
  return Object.prototype.hasOwnProperty.call(paramSchemas, method);
}

// ---------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------

const requestId = z.int().min(0);

const envelopeSchema = z.looseObject({
  id: requestId,
  method: z.string().min(1).max(LIMITS.method),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type DecodedRequest = {
  [M in RequestMethod]: { ok: true; id: number; method: M; params: ValidParams<M> };
}[RequestMethod];

export type DecodeFailure = { ok: false; id: number | null; code: ErrorCode; message: string };

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function fail(id: number | null, code: ErrorCode, message: string): DecodeFailure {
  return { ok: false, id, code, message };
}

/** Best-effort id from a message too large to parse: a leading `{"id": N`. */
function sniffId(text: string): number | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(text);
  return match ? Number(match[1]) : null;
}

class ForbiddenKeyError extends Error {}

/** Whether JSON text nests arrays/objects deeper than `max` (strings are skipped). O(n), no parsing. */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON.parse reviver refusing `__proto__` keys. JSON.parse makes them plain own properties, and
 * zod drops them, but anything that later copies objects key by key could be tricked; such a
 * message has no legitimate use, so it is refused outright.
 */
function rejectProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new ForbiddenKeyError('"__proto__" keys are not allowed');
  return value;
}

/** Byte length of a ws message payload. */
export function rawByteLength(raw: Buffer | ArrayBuffer | Buffer[] | string): number {
  if (typeof raw === 'string') return Buffer.byteLength(raw, 'utf8');
  if (Array.isArray(raw)) return raw.reduce((n, b) => n + b.length, 0);
  return raw.byteLength;
}

function rawHead(raw: Buffer | ArrayBuffer | Buffer[] | string, n: number): string {
  if (typeof raw === 'string') return raw.slice(0, n);
  const first = Array.isArray(raw) ? (raw[0] ?? Buffer.alloc(0)) : raw instanceof ArrayBuffer ? Buffer.from(raw) : raw;
  return first.subarray(0, n).toString('utf8');
}

function rawToString(raw: Buffer | ArrayBuffer | Buffer[] | string): string {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}

/**
 * Validates the params of a known method. Throws nothing; returns the typed params or a failure.
 */
export function decodeParams<M extends RequestMethod>(
  id: number,
  method: M,
  data: unknown,
): { ok: true; params: ValidParams<M> } | DecodeFailure {
  const result = paramSchemas[method].safeParse(data ?? {});
  if (!result.success) {
    return fail(id, 'invalid-params', `invalid params for ${method}: ${formatIssues(result.error)}`);
  }
  return { ok: true, params: result.data as ValidParams<M> };
}

/**
 * Decodes one WebSocket frame into a request, or into the error to answer with.
 * Size is checked on the raw bytes before anything is parsed.
 */
export function decodeRequest(
  raw: Buffer | ArrayBuffer | Buffer[] | string,
  isBinary = false,
): DecodedRequest | DecodeFailure {
  if (isBinary) return fail(null, 'invalid-message', 'binary frames are not supported; send JSON text');

  const size = rawByteLength(raw);
  if (size > MAX_MESSAGE_BYTES) {
    return fail(sniffId(rawHead(raw, 64)), 'too-large', `message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`);
  }

  const text = rawToString(raw);
  // Reliability (fuzzer finding): a leading id is echoed on these refusals too, so the client can match them.
  if (exceedsDepth(text, LIMITS.depth)) {
    return fail(sniffId(text.slice(0, 64)), 'invalid-message', `message is nested more than ${LIMITS.depth} levels deep`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text, rejectProtoKeys);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) return fail(sniffId(text.slice(0, 64)), 'invalid-message', error.message);
    if (error instanceof RangeError) return fail(sniffId(text.slice(0, 64)), 'invalid-message', 'message is nested too deeply');
    return fail(null, 'invalid-message', 'message is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(null, 'invalid-message', 'message must be a JSON object {id, method, data}');
  }

  const obj = value as Record<string, unknown>;
  const idResult = requestId.safeParse(obj.id);
  const id = idResult.success ? idResult.data : null;

  const envelope = envelopeSchema.safeParse(obj);
  if (!envelope.success) {
    return fail(id, 'invalid-message', `invalid request envelope: ${formatIssues(envelope.error)}`);
  }
  const { method, data } = envelope.data;
  if (!isRequestMethod(method)) {
    return fail(envelope.data.id, 'unknown-method', `unknown method ${JSON.stringify(method)}`);
  }

  const params = decodeParams(envelope.data.id, method, data);
  if (!params.ok) return params;
  return { ok: true, id: envelope.data.id, method, params: params.params } as DecodedRequest;
}

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

export function okResponse<D>(id: number, data: D): ResponseOk<D> {
  return { id, ok: true, data };
}

export function errorResponse(id: number | null, code: ErrorCode, message: string): ResponseError {
  return { id, ok: false, error: { code, message } };
}
