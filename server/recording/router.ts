/**
 * REST for recordings (mounted by server/http.ts):
 *   POST   /api/rooms/:roomId/recording      start (idempotent)        action 'start'
 *   DELETE /api/rooms/:roomId/recording      stop                      action 'stop'
 *   GET    /api/recordings?roomId=           list, with signed urls    action 'list'
 *   GET    /api/rooms/:roomId/recording      {recording: {active, startedAt}}, public (the pre-join notice)
 *   GET    /api/meetings/:id/recordings      a meeting's recordings (seed), action 'list' on room :id
 *   GET    /api/recordings/:id/download?expires=&sig=   the file; Range requests honoured
 * Authorisation is injected: `authorize(req, roomId, action)`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordingRecord } from './catalogue.js';
import { isRecordingId, RecordingError, type RecordingManager } from './manager.js';
import { DEFAULT_URL_TTL_SECONDS, signDownload, verifyDownload } from './signed-url.js';

export type RecordingAction = 'start' | 'stop' | 'list' | 'download';
export type AuthDecision = { allowed: true; userId?: string } | { allowed: false; status?: 401 | 403; message?: string };
export type Authorize = (req: IncomingMessage, roomId: string, action: RecordingAction) => AuthDecision | Promise<AuthDecision>;

/** Open mode (no tokens wired yet): everything is allowed. */
export const allowAll: Authorize = () => ({ allowed: true });

export interface RecordingRouterOptions {
  manager: Pick<RecordingManager, 'start' | 'stop' | 'list' | 'get' | 'fileOf' | 'state'>;
  /** Whether a meeting exists (`GET /api/meetings/:id/recordings` answers 404 otherwise). */
  meetingExists?: (id: string) => Promise<boolean>;
  authorize: Authorize;
  secret: string;
  urlTtlSeconds?: number;
  now?: () => number;
}

export interface RecordingView extends RecordingRecord {
  /** Signed download link (expires), only when ready. */
  url: string | null;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

const error = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { error: { code, message } });

/** Parses one `bytes=` range against `size`: [start, end] inclusive, 'invalid' (416) or null (none). */
export function parseRange(header: string | undefined, size: number): [number, number] | 'invalid' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'invalid';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : [start, end];
}

export function createRecordingRouter(o: RecordingRouterOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const now = o.now ?? Date.now;
  const ttl = o.urlTtlSeconds ?? DEFAULT_URL_TTL_SECONDS;
  const view = (r: RecordingRecord): RecordingView => ({ ...r, url: r.status === 'ready' ? signDownload(o.secret, r.id, ttl, now()) : null });

  const guard = async (req: IncomingMessage, res: ServerResponse, roomId: string, action: RecordingAction) => {
    const d = await o.authorize(req, roomId, action);
    if (d.allowed) return d;
    error(res, d.status ?? 403, d.status === 401 ? 'unauthorized' : 'forbidden', d.message ?? `not allowed to ${action} recordings`);
    return null;
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const room = /^\/api\/rooms\/([^/]+)\/recording$/.exec(url.pathname);
    if (room) {
      let roomId: string;
      try {
        roomId = decodeURIComponent(room[1]!);
      } catch {
        error(res, 400, 'invalid-params', 'bad room id');
        return true;
      }
      if (method === 'GET' || method === 'HEAD') {
        // Public, so that people see it before joining; who started it is not said here.
        const { active, startedAt } = o.manager.state(roomId);
        json(res, 200, { recording: { active, startedAt } });
        return true;
      }
      if (method !== 'POST' && method !== 'DELETE') {
        res.setHeader('allow', 'GET, HEAD, POST, DELETE');
        error(res, 405, 'not-found', 'use GET, POST or DELETE');
        return true;
      }
      const who = await guard(req, res, roomId, method === 'POST' ? 'start' : 'stop');
      if (!who) return true;
      try {
        if (method === 'POST') json(res, 200, { recording: view(await o.manager.start(roomId, who.userId ?? 'rest')) });
        else {
          const stopped = await o.manager.stop(roomId);
          if (stopped) json(res, 200, { recording: view(stopped) });
          else error(res, 404, 'not-found', `room ${roomId} is not being recorded`);
        }
      } catch (e) {
        // The wire's error codes (docs/protocol.md), as on the socket: unavailable is `internal` (503).
        if (e instanceof RecordingError) error(res, e.code === 'not-found' ? 404 : 503, e.code === 'not-found' ? 'not-found' : 'internal', e.message);
        else throw e;
      }
      return true;
    }

    if (url.pathname === '/api/recordings') {
      if (method !== 'GET' && method !== 'HEAD') {
        error(res, 405, 'not-found', 'use GET');
        return true;
      }
      const roomId = url.searchParams.get('roomId') ?? undefined;
      if (!(await guard(req, res, roomId ?? '*', 'list'))) return true;
      json(res, 200, { recordings: (await o.manager.list({ roomId })).map(view) });
      return true;
    }

    const meeting = /^\/api\/meetings\/([^/]+)\/recordings$/.exec(url.pathname);
    if (meeting) {
      let id: string;
      try {
        id = decodeURIComponent(meeting[1]!);
      } catch {
        error(res, 400, 'invalid-params', 'bad meeting id');
        return true;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        error(res, 405, 'method-not-allowed', 'use GET');
        return true;
      }
      if (!(await guard(req, res, id, 'list'))) return true;
      if (o.meetingExists && !(await o.meetingExists(id))) {
        error(res, 404, 'not-found', `meeting ${id} not found`);
        return true;
      }
      json(res, 200, { recordings: (await o.manager.list({ roomId: id })).map(view) });
      return true;
    }

    const dl = /^\/api\/recordings\/([^/]+)\/download$/.exec(url.pathname);
    if (dl) {
      const id = dl[1]!;
      if (method !== 'GET' && method !== 'HEAD') {
        error(res, 405, 'not-found', 'use GET');
        return true;
      }
      const check = isRecordingId(id) ? verifyDownload(o.secret, id, url.searchParams.get('expires'), url.searchParams.get('sig'), now()) : null;
      if (!check?.ok) {
        error(res, 403, 'forbidden', check ? `download link ${check.reason === 'expired' ? 'has expired' : 'is not valid'}` : 'bad recording id');
        return true;
      }
      const record = await o.manager.get(id);
      if (!record || record.status !== 'ready') {
        error(res, 404, 'not-found', 'recording not ready');
        return true;
      }
      await sendFile(req, res, o.manager.fileOf(id), `${id}.webm`);
      return true;
    }
    return false;
  };
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, name: string): Promise<void> {
  const { size } = await stat(file);
  const range = parseRange(req.headers.range, size);
  const base = {
    'content-type': 'video/webm',
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  };
  if (range === 'invalid') {
    res.writeHead(416, { ...base, 'content-range': `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  res.writeHead(range ? 206 : 200, {
    ...base,
    'content-length': end - start + 1,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
