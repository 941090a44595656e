/**
 * The REST API under /api: meetings CRUD, guest tokens, open-mode dev tokens and the OpenAPI
 * document. JSON in and out; errors are `{ error: { code, message } }`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createToken, verifyToken, type Identity } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import { ProtocolError } from '../protocol-schema.js';
import { canSeeMeeting } from './access.js';
import { ApiError } from './errors.js';
import {
  applyCreateDefaults,
  DevTokenRequestSchema,
  foldQuery,
  GuestRequestSchema,
  MeetingCreateSchema,
  MeetingListQuerySchema,
  MeetingPatchSchema,
  MeetingReplaceSchema,
  mergePatch,
  parseOrThrow,
  type Meeting,
  type MeetingFields,
} from './model.js';
import { buildOpenApi } from './openapi.js';
import { TokenBucketLimiter } from './rate-limit.js';
import type { MeetingsRepository } from './repository.js';

export const API_BODY_LIMIT = 64 * 1024;
export const GUEST_TTL_SECONDS = 2 * 3600;
export const DEV_TOKEN_TTL_SECONDS = 24 * 3600;

export interface MeetingsApiOptions {
  repo: MeetingsRepository;
  /** The token secret (CONF_KIT_SECRET, or the open-mode dev secret). */
  secret: string;
  /** Open mode: `POST /api/dev-token` exists. */
  openMode: boolean;
  logger: Logger;
  rateLimit: { burst: number; perSecond: number };
  bodyLimit?: number;
  now?: () => number;
  /** Called after a meeting is created or changed (the recording flag, server/app.ts). */
  onChange?: (next: Meeting, previous: Meeting | undefined) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const newMeetingId = () => randomBytes(12).toString('base64url');
const newGuestId = () => `guest-${randomBytes(9).toString('base64url')}`;

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' || body === undefined ? undefined : text);
}

function sendError(res: ServerResponse, error: ApiError, extra: Record<string, string> = {}): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, extra);
}

/** Reads a JSON body of at most `limit` bytes. */
async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) throw new ApiError('too-large', `body: larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError('too-large', `body: larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid-params', 'body: not valid JSON');
  }
}

export function createMeetingsApi(options: MeetingsApiOptions): Handler {
  const { repo, secret, openMode, logger } = options;
  const bodyLimit = options.bodyLimit ?? API_BODY_LIMIT;
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);
  const limiter = new TokenBucketLimiter(options.rateLimit);
  let openApi: string | undefined;

  async function identify(request: IncomingMessage): Promise<Identity> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new ApiError('unauthorized', 'send Authorization: Bearer <token>');
    try {
      return await verifyToken(secret, match[1]);
    } catch (error) {
      if (error instanceof ProtocolError) throw new ApiError('unauthorized', error.message);
      throw error;
    }
  }

  async function loadVisible(id: string, who: Identity): Promise<Meeting> {
    const meeting = await repo.get(id);
    if (!meeting) throw new ApiError('not-found', `meeting ${id} not found`);
    if (!canSeeMeeting(meeting, who) || (who.room !== '*' && who.room !== id)) throw new ApiError('forbidden', 'this meeting is private');
    return meeting;
  }

  async function loadHosted(id: string, who: Identity): Promise<Meeting> {
    const meeting = await repo.get(id);
    if (!meeting) throw new ApiError('not-found', `meeting ${id} not found`);
    if (meeting.hostId !== who.userId || who.guest) throw new ApiError('forbidden', 'only the host may change this meeting');
    return meeting;
  }

  async function update(res: ServerResponse, current: Meeting, fields: MeetingFields): Promise<void> {
    const updated = await repo.update(current.id, fields, nowSeconds());
    if (!updated) throw new ApiError('not-found', `meeting ${current.id} not found`);
    options.onChange?.(updated, current);
    sendJson(res, 200, updated);
  }

  /** A path segment; a bad escape (`%zz`) is no meeting id (found by test/unit/rest-fuzz.test.ts). */
  function decodeSegment(segment: string): string {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new ApiError('not-found', 'no such meeting (the id is not a valid URL segment)');
    }
  }

  async function route(request: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
    const allow = (methods: string) => {
      if (!methods.split(', ').includes(method)) {
        throw Object.assign(new ApiError('not-found', `${method} is not supported on ${url.pathname}`), { allow: methods });
      }
    };

    if (parts.length === 1 && parts[0] === 'openapi.json') {
      allow('GET, HEAD');
      openApi ??= JSON.stringify(buildOpenApi({ openMode }));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(method === 'HEAD' ? undefined : openApi);
      return;
    }

    if (parts.length === 1 && parts[0] === 'dev-token' && openMode) {
      allow('POST');
      const body = parseOrThrow(DevTokenRequestSchema, await readJson(request, bodyLimit));
      const token = await createToken(secret, { sub: body.userId, name: body.name, ttlSeconds: DEV_TOKEN_TTL_SECONDS });
      sendJson(res, 200, { token });
      return;
    }

    if (parts[0] !== 'meetings' || parts.length > 3) throw new ApiError('not-found', `no such endpoint ${url.pathname}`);
    const id = parts[1] ? decodeSegment(parts[1]) : undefined;

    if (id === undefined) {
      allow('GET, POST');
      const who = await identify(request);
      if (method === 'POST') {
        if (who.guest) throw new ApiError('forbidden', 'guests cannot create meetings');
        const input = parseOrThrow(MeetingCreateSchema, await readJson(request, bodyLimit));
        const now = nowSeconds();
        const meeting: Meeting = { id: newMeetingId(), ...applyCreateDefaults(input, now), hostId: who.userId, createdAt: now, updatedAt: now };
        await repo.create(meeting);
        options.onChange?.(meeting, undefined);
        sendJson(res, 201, meeting, { location: `/api/meetings/${meeting.id}` });
        return;
      }
      const q = parseOrThrow(MeetingListQuerySchema, foldQuery(url.searchParams), 'query');
      const { items, total } = await repo.list({
        participant: who.userId,
        scheduled: q.scheduled,
        ranges: { startDate: q.startDate, endDate: q.endDate, createdAt: q.createdAt, updatedAt: q.updatedAt },
        limit: q.limit,
        offset: q.offset,
      });
      sendJson(res, 200, { items, total, limit: q.limit, offset: q.offset });
      return;
    }

    if (parts.length === 3) {
      if (parts[2] !== 'guest') throw new ApiError('not-found', `no such endpoint ${url.pathname}`);
      allow('POST');
      const body = parseOrThrow(GuestRequestSchema, await readJson(request, bodyLimit));
      const meeting = await repo.get(id);
      if (!meeting) throw new ApiError('not-found', `meeting ${id} not found`);
      if (!meeting.public) throw new ApiError('forbidden', 'this meeting is private');
      const token = await createToken(secret, {
        sub: newGuestId(),
        name: body.name,
        room: meeting.id,
        guest: true,
        grants: { publish: true, subscribe: true, record: false, admin: false, ingest: false },
        ttlSeconds: GUEST_TTL_SECONDS,
      });
      sendJson(res, 200, { token });
      return;
    }

    allow('GET, HEAD, PUT, PATCH, DELETE');
    const who = await identify(request);
    switch (method) {
      case 'GET':
      case 'HEAD':
        sendJson(res, 200, await loadVisible(id, who));
        return;
      case 'PUT': {
        const body = await readJson(request, bodyLimit);
        const current = await loadHosted(id, who);
        await update(res, current, parseOrThrow(MeetingReplaceSchema, body));
        return;
      }
      case 'PATCH': {
        const body = await readJson(request, bodyLimit);
        const current = await loadHosted(id, who);
        await update(res, current, mergePatch(current, parseOrThrow(MeetingPatchSchema, body)));
        return;
      }
      case 'DELETE':
        await loadHosted(id, who);
        if (!(await repo.delete(id))) throw new ApiError('not-found', `meeting ${id} not found`);
        sendJson(res, 204, undefined);
        return;
    }
  }

  return async (request, res) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    const ip = request.socket.remoteAddress ?? 'unknown';
    try {
      if (!limiter.take(ip)) {
        const retry = String(Math.ceil(1 / options.rateLimit.perSecond));
        throw Object.assign(new ApiError('rate-limited', 'too many requests; slow down'), { retryAfter: retry });
      }
      await route(request, res, url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      if (error instanceof ApiError) {
        const extra: Record<string, string> = {};
        const e = error as ApiError & { allow?: string; retryAfter?: string };
        let status = e.status;
        if (e.allow) {
          extra.allow = e.allow;
          status = 405;
        }
        if (e.retryAfter) extra['retry-after'] = e.retryAfter;
        if (e.code === 'too-large') extra.connection = 'close';
        sendJson(res, status, { error: { code: e.code, message: e.message } }, extra);
        if (e.code === 'too-large') request.resume();
      } else {
        logger.error({ err: error, url: request.url }, 'meetings api failed');
        sendError(res, new ApiError('internal', 'internal error'));
      }
    }
    return true;
  };
}
