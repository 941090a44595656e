/**
 * Runtime validation of everything a client sends, against the shared schemas of
 * src/protocol/schema.ts (the one source of truth for the wire; the protocol types are generated
 * from the same schemas).
 *
 * Pure functions, no I/O: `decodeRequest()` turns one raw WebSocket frame into either a typed
 * request or a typed protocol error. Handlers only ever see params that passed these schemas.
 */
import { z } from 'zod';
import {
  MAX_MESSAGE_BYTES,
  type ErrorCode,
  type RequestMethod,
  type ResponseError,
  type ResponseOk,
} from '../src/protocol/protocol.js';
import { LIMITS, requestSchemas } from '../src/protocol/schema.js';

export { LIMITS };

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

/** One strict params schema per request method (from the shared schemas). */
export const paramSchemas = Object.fromEntries(
  Object.entries(requestSchemas).map(([method, { params }]) => [method, params]),
) as { [M in RequestMethod]: (typeof requestSchemas)[M]['params'] };

/** What a handler receives: the typed params after validation (mediasoup blobs stay `unknown`). */
export type ValidParams<M extends RequestMethod> = z.output<(typeof requestSchemas)[M]['params']>;

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
