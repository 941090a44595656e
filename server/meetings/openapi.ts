/** GET /api/openapi.json, generated from the zod schemas that validate the requests. */
import { z } from 'zod';
import {
  AttendeeSchema,
  DevTokenRequestSchema,
  ErrorResponseSchema,
  GuestRequestSchema,
  MeetingCreateSchema,
  MeetingListQuerySchema,
  MeetingListSchema,
  MeetingPatchSchema,
  MeetingReplaceSchema,
  MeetingSchema,
  TokenResponseSchema,
} from './model.js';

const SCHEMAS = {
  Attendee: AttendeeSchema,
  Meeting: MeetingSchema,
  MeetingCreate: MeetingCreateSchema,
  MeetingReplace: MeetingReplaceSchema,
  MeetingPatch: MeetingPatchSchema,
  MeetingList: MeetingListSchema,
  GuestRequest: GuestRequestSchema,
  DevTokenRequest: DevTokenRequestSchema,
  TokenResponse: TokenResponseSchema,
  Error: ErrorResponseSchema,
} as const;

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS) => ({ content: { 'application/json': { schema: ref(name) } } });
const err = (description: string) => ({ description, ...json('Error') });
const ERRORS = {
  '400': err('invalid-params: the message names the field'),
  '401': err('unauthorized'),
  '413': err('too-large (body over 64 KiB)'),
  '429': err('rate-limited'),
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** Query parameters of GET /api/meetings, derived from MeetingListQuerySchema. */
function listParameters(): object[] {
  const params: object[] = [];
  const shape = MeetingListQuerySchema.shape;
  for (const [key, schema] of Object.entries(shape)) {
    const js = z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, any>;
    if (js.type === 'object' && js.properties) {
      for (const [op, sub] of Object.entries(js.properties as Record<string, object>)) {
        params.push({ name: `${key}[${op}]`, in: 'query', required: false, schema: sub, description: `${key} ${op} (Unix seconds)` });
      }
    } else {
      params.push({ name: key, in: 'query', required: false, schema: js });
    }
  }
  return params;
}

export function buildOpenApi(options: { openMode: boolean }): object {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([k, v]) => [k, stripId(v)]));

  const paths: Record<string, object> = {
    '/api/meetings': {
      post: {
        summary: 'Create a meeting (the caller is the host)',
        requestBody: { required: false, ...json('MeetingCreate') },
        responses: { '201': { description: 'created', ...json('Meeting') }, ...ERRORS, '403': err('forbidden (guest token)') },
      },
      get: {
        summary: 'Meetings the caller hosts or attends, ordered by startDate then id',
        parameters: listParameters(),
        responses: { '200': { description: 'a page', ...json('MeetingList') }, ...ERRORS },
      },
    },
    '/api/meetings/{id}': {
      parameters: [idParam],
      get: { summary: 'A meeting: host, attendee, or anyone if public', responses: { '200': { description: 'the meeting', ...json('Meeting') }, ...ERRORS, '403': err('forbidden'), '404': err('not-found') } },
      put: {
        summary: 'Replace the editable fields (host only)',
        requestBody: { required: true, ...json('MeetingReplace') },
        responses: { '200': { description: 'updated', ...json('Meeting') }, ...ERRORS, '403': err('forbidden'), '404': err('not-found') },
      },
      patch: {
        summary: 'Change some fields (host only); `record` false -> true starts recording a live room, true -> false stops it',
        requestBody: { required: true, ...json('MeetingPatch') },
        responses: { '200': { description: 'updated', ...json('Meeting') }, ...ERRORS, '403': err('forbidden'), '404': err('not-found') },
      },
      delete: { summary: 'Delete (host only)', responses: { '204': { description: 'deleted' }, ...ERRORS, '403': err('forbidden'), '404': err('not-found') } },
    },
    '/api/meetings/{id}/guest': {
      parameters: [idParam],
      post: {
        summary: 'A 2-hour guest token for a public meeting (no Authorization needed)',
        security: [],
        requestBody: { required: true, ...json('GuestRequest') },
        responses: { '200': { description: 'the token', ...json('TokenResponse') }, ...ERRORS, '403': err('forbidden (private meeting)'), '404': err('not-found') },
      },
    },
    '/api/meetings/{id}/recordings': {
      parameters: [idParam],
      get: {
        summary: "The meeting's recordings with signed download URLs (host, admin or record grant; docs/recording.md)",
        responses: { '200': { description: '{recordings: [...]}' }, ...ERRORS, '403': err('forbidden'), '404': err('not-found') },
      },
    },
    '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.0' } } } },
  };
  if (options.openMode) {
    paths['/api/dev-token'] = {
      post: {
        summary: 'Open mode only: mint a token for any userId',
        security: [],
        requestBody: { required: true, ...json('DevTokenRequest') },
        responses: { '200': { description: 'the token', ...json('TokenResponse') }, ...ERRORS },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'conf-kit meetings API', version: '1' },
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

function stripId(schema: Record<string, unknown>): Record<string, unknown> {
  const { $id: _id, ...rest } = schema;
  return rest;
}
