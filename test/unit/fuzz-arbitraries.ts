/**
 * fast-check arbitraries for the protocol fuzzer (test/unit/server-fuzz.test.ts), generated from
 * the zod schemas in src/protocol/schema.ts, every request method of `requestSchemas` (via their JSON Schema): valid shapes with
 * boundary values, then hostile variants of them. Not a test file.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { PROTOCOL_VERSION, type ErrorCode, type ResponseMessage } from '../../src/protocol/protocol.js';
import type { SignalingTestClient } from '../../server/test-client.js';
import { requestSchemas } from '../../src/protocol/schema.js';

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};

/** Ids of real server objects, filled in by the test so that valid shapes reach deep handler code. */
export const knownIds: string[] = [];

const someJson = fc.jsonValue({ maxDepth: 2 });

function stringArb(s: JsonSchema, key?: string): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 256;
  const boundary = fc.constantFrom('a'.repeat(Math.max(min, 0)), 'é'.repeat(max), 'z'.repeat(max));
  const len = { minLength: min, maxLength: Math.min(max, 24) };
  const parts: fc.Arbitrary<unknown>[] = [fc.string(len), fc.string({ ...len, unit: 'binary' }), fc.string({ ...len, unit: 'grapheme' }), boundary];
  if (key && /Id$/.test(key)) parts.push(fc.nat().map((i) => knownIds[i % Math.max(1, knownIds.length)] ?? 'none'));
  return fc.oneof(...parts);
}

function integerArb(s: JsonSchema, key?: string): fc.Arbitrary<unknown> {
  const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? Number.MIN_SAFE_INTEGER);
  const max = s.maximum ?? Number.MAX_SAFE_INTEGER;
  const parts: fc.Arbitrary<unknown>[] = [fc.constantFrom(min, max, Math.max(min, Math.min(max, 0))), fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })];
  if (key === 'protocolVersion') parts.push(fc.constant(PROTOCOL_VERSION), fc.constant(PROTOCOL_VERSION));
  return fc.oneof(...parts);
}

/** A valid value for a JSON Schema (as produced by z.toJSONSchema), biased to boundary values. */
export function fromSchema(s: JsonSchema, key?: string): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => fromSchema(x, key)));
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      return stringArb(s, key);
    case 'integer':
      return integerArb(s, key);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.exclusiveMinimum ?? s.minimum ?? -1e9, max: s.maximum ?? 1e9, minExcluded: s.exclusiveMinimum !== undefined });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(s.minItems ?? 0, 3)) });
    case 'object': {
      if (!s.properties) return fc.dictionary(fc.string({ maxLength: 8 }), someJson, { maxKeys: 3 });
      const shape = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, k)]));
      return fc.record(shape, { requiredKeys: (s.required ?? []) as never[] });
    }
    default:
      return someJson;
  }
}

const METHODS = Object.keys(requestSchemas) as (keyof typeof requestSchemas)[];
const SCHEMAS = Object.fromEntries(
  METHODS.map((m) => [m, z.toJSONSchema(requestSchemas[m].params, { unrepresentable: 'any' }) as JsonSchema]),
) as Record<(typeof METHODS)[number], JsonSchema>;

/** One frame to send. `id: true` means "put a fresh valid id here" (the sender numbers them). */
export type Frame = { kind: 'json'; id: unknown | true; method: unknown; data: unknown; omitId?: boolean } | { kind: 'raw'; text: string | Buffer; binary: boolean; numbered?: boolean };

const validData = fc.constantFrom(...METHODS).chain((method) => fromSchema(SCHEMAS[method]).map((data) => ({ method, data: data as Record<string, unknown> })));

const otherType = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

function deep(levels: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = asArray ? [v] : { a: v };
  return v;
}

type Mutator = fc.Arbitrary<(d: Record<string, unknown>) => Record<string, unknown>>;
const pickKey = (d: Record<string, unknown>, i: number) => Object.keys(d)[i % Math.max(1, Object.keys(d).length)];
const mutators: Mutator[] = [
  // wrong type for one field
  fc.tuple(fc.nat(), otherType).map(([i, v]) => (d) => (pickKey(d, i) ? { ...d, [pickKey(d, i)!]: v } : { x: v })),
  // a missing field
  fc.nat().map((i) => (d) => {
    const copy = { ...d };
    const k = pickKey(d, i);
    if (k) delete copy[k];
    return copy;
  }),
  // an extra field
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), someJson).map(([k, v]) => (d) => ({ ...d, [k]: v })),
  // a huge string (above the field limit, sometimes above the 64 KiB message limit)
  fc.tuple(fc.nat(), fc.constantFrom(129, 257, 4097, 20_000, 70_000)).map(([i, n]) => (d) => ({ ...d, [pickKey(d, i) ?? 's']: 'x'.repeat(n) })),
  // huge and odd numbers
  fc.tuple(fc.nat(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 0.5, -1, Number.MAX_VALUE, Number.MIN_VALUE)).map(
    ([i, n]) => (d) => ({ ...d, [pickKey(d, i) ?? 'n']: n }),
  ),
  // deep nesting, around and beyond the depth limit
  fc.tuple(fc.nat(), fc.integer({ min: 5, max: 200 }), fc.boolean()).map(([i, levels, arr]) => (d) => ({ ...d, [pickKey(d, i) ?? 'd']: deep(levels, 1, arr) })),
];

const idVariants = fc.oneof(
  fc.constant(true as const),
  fc.constant(true as const),
  fc.constantFrom<unknown>('1', -1, 1.5, null, 2 ** 60, 1e308, {}, [], true, ''),
);

const jsonFrame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 3, arbitrary: validData.map(({ method, data }) => ({ kind: 'json' as const, id: true as const, method, data })) },
  {
    weight: 4,
    arbitrary: fc.tuple(validData, fc.oneof(...mutators)).map(([{ method, data }, mutate]) => ({ kind: 'json' as const, id: true as const, method, data: mutate(data) })),
  },
  { weight: 1, arbitrary: fc.tuple(idVariants, validData, fc.boolean()).map(([id, { method, data }, omitId]) => ({ kind: 'json' as const, id, method, data, omitId })) },
  { weight: 1, arbitrary: fc.tuple(otherType, someJson).map(([method, data]) => ({ kind: 'json' as const, id: true as const, method, data })) },
);

const rawFrame: fc.Arbitrary<Frame> = fc.oneof(
  // random bytes, as a binary frame or as text (decoded leniently: an invalid UTF-8 text frame is
  // closed with 1007 by ws, as RFC 6455 requires; the test checks that separately)
  fc.tuple(fc.uint8Array({ maxLength: 256 }), fc.boolean()).map(([bytes, binary]) => ({
    kind: 'raw' as const,
    text: binary ? Buffer.from(bytes) : Buffer.from(bytes).toString('utf8'),
    binary,
  })),
  // __proto__ keys anywhere
  fc.tuple(fc.constantFrom(...METHODS), fc.constantFrom('data', 'root', 'nested')).map(([method, where]) => {
    // `#ID#` becomes a fresh request id (the server echoes a leading id on this refusal).
    const proto = '"__proto__":{"polluted":true}';
    const text =
      where === 'root'
        ? `{${proto},"id":1,"method":"${method}","data":{}}` // not a leading id: answered with id null
        : where === 'data'
          ? `{"id":#ID#,"method":"${method}","data":{${proto}}}`
          : `{"id":#ID#,"method":"${method}","data":{"a":[{"b":{${proto}}}]}}`;
    return { kind: 'raw' as const, text, binary: false, numbered: where !== 'root' };
  }),
  // not an object, or not JSON at all
  fc.oneof(fc.constantFrom('[]', '1', '"x"', 'null', 'true', '{', '{"id":', ''), fc.string({ maxLength: 64 })).map((text) => ({ kind: 'raw' as const, text, binary: false })),
);

export const frameArb: fc.Arbitrary<Frame> = fc.oneof({ weight: 5, arbitrary: jsonFrame }, { weight: 1, arbitrary: rawFrame });

/** Serialises a frame; `nextId` numbers frames that want a valid id. */
export function encodeFrame(frame: Frame, nextId: () => number): { payload: string | Buffer; binary: boolean } {
  if (frame.kind === 'raw') {
    if (frame.numbered && typeof frame.text === 'string') return { payload: frame.text.replace('#ID#', String(nextId())), binary: false };
    return { payload: frame.text, binary: frame.binary };
  }
  // id first, as real clients send it (a too-large message's id is read from its first bytes).
  const envelope: Record<string, unknown> = frame.omitId ? {} : { id: frame.id === true ? nextId() : frame.id };
  envelope.method = frame.method;
  envelope.data = frame.data;
  return { payload: JSON.stringify(envelope), binary: false };
}

const ERROR_CODES = {
  'invalid-message': true,
  'unknown-method': true,
  'invalid-params': true,
  'not-joined': true,
  'already-joined': true,
  'room-full': true,
  'too-large': true,
  'protocol-mismatch': true,
  'not-found': true,
  replaced: true,
  'room-closed': true,
  internal: true,
  unauthorized: true,
  forbidden: true,
  'rate-limited': true,
} satisfies Record<ErrorCode, true>;

function typed(response: ResponseMessage): boolean {
  if (response.ok === true) return typeof response.id === 'number';
  return response.ok === false && Object.prototype.hasOwnProperty.call(ERROR_CODES, response.error?.code) && typeof response.error.message === 'string';
}

/**
 * Sends a batch of frames on `client` and asserts exactly one typed response per frame, each
 * numbered request answered exactly once. Returns the next free request id.
 */
export async function sendBatchAndCheck(client: SignalingTestClient, batch: Frame[], firstId: number): Promise<number> {
  let nextId = firstId;
  const start = client.responses.length;
  const ids: number[] = [];
  for (const frame of batch) {
    const { payload, binary } = encodeFrame(frame, () => {
      ids.push(nextId);
      return nextId++;
    });
    client.ws.send(payload, { binary });
  }
  // Requests are answered in order: once this ping is answered, every frame before it was.
  const pong = await client.call('ping', {});
  assert.ok(pong.now > 0, 'the server answers after the batch');
  const got = client.responses.slice(start, start + batch.length);
  const extra = client.responses.slice(start + batch.length, -1);
  assert.equal(got.length, batch.length, 'one response per frame');
  assert.deepEqual(extra, [], 'no second response for any frame');
  for (const r of got) assert.ok(typed(r), `a typed response: ${JSON.stringify(r).slice(0, 300)}`);
  const answered = new Map<number, number>();
  for (const r of got) if (r.id !== null) answered.set(r.id, (answered.get(r.id) ?? 0) + 1);
  for (const id of ids) assert.equal(answered.get(id), 1, `request ${id} answered exactly once`);
  return nextId;
}
