/**
 * The HTTP server: static files of the built demo, `/healthz`, and WebSocket upgrades (handed
 * to the signalling server). GET/HEAD only; paths never leave the static directory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conf-kit</title></head>
<body><h1>conf-kit</h1><p>demo not built: run <code>npm run build</code></p>
<p>The signalling WebSocket is up; see <a href="/healthz">/healthz</a>.</p></body></html>
`;

export interface HttpServerOptions {
  /** `null`: no static files (the bin without `--demo`); every other path is 404. */
  staticDir: string | null;
  health: () => Record<string, unknown>;
  onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Reliability: `GET /metrics` (server/metrics.ts). */
  metrics?: (request: IncomingMessage, response: ServerResponse) => void;
  logger: Logger;
  /** REST handler (the meetings API): answers true when it took the request. */
  api?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { logger } = options;
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    logger.error({ err: error, url: req.url }, 'http handler threw');
    if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    else res.destroy();
  };
  const server = createServer((req, res) => {
    if (options.api && (req.url === '/api' || req.url?.startsWith('/api/') || req.url?.startsWith('/api?'))) {
      options.api(req, res).then(
        (handled) => handled || send(res, 404, 'text/plain; charset=utf-8', 'not found\n'),
        (error: unknown) => {
          logger.error({ err: error, url: req.url }, 'api handler threw');
          if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
          else res.destroy();
        },
      );
      return;
    }
    try {
      handleRequest(options, req, res);
    } catch (error) {
      logger.error({ err: error, url: req.url }, 'http handler threw');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    }
  });
  server.on('upgrade', (req, socket, head) => {
    try {
      options.onUpgrade(req, socket, head);
    } catch (error) {
      logger.error({ err: error }, 'upgrade handler threw');
      socket.destroy();
    }
  });
  server.on('clientError', (error, socket) => {
    logger.debug({ err: error }, 'http client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function handleRequest(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    send(res, 400, 'text/plain; charset=utf-8', 'bad request\n');
    return;
  }

  if (url.pathname === '/healthz') {
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: true, ...options.health() }));
    return;
  }

  if (url.pathname === '/metrics' && options.metrics && (req.method === 'GET' || req.method === 'HEAD')) {
    options.metrics(req, res);
    return;
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }

  if (options.staticDir === null) {
    send(res, 404, 'text/plain; charset=utf-8', 'not found (this conf-kit-server serves no demo; start it with --demo)\n');
    return;
  }
  const root = path.resolve(options.staticDir);
  if (!existsSync(root)) {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      send(res, 200, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
    } else {
      send(res, 404, 'text/plain; charset=utf-8', 'not found (demo not built: run npm run build)\n');
    }
    return;
  }

  const file = resolveStaticPath(root, url.pathname);
  if (!file) {
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  serveFile(res, file, options.logger);
}

/**
 * Maps a URL path to a file inside `root`, or null. Rejects encoded NULs, traversal and
 * anything that is not a regular file; `/` and directories map to their index.html.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    let stat = statSync(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = statSync(file);
    }
    return stat.isFile() ? file : null;
  } catch {
    return null;
  }
}

function serveFile(res: ServerResponse, file: string, logger: Logger): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const size = statSync(file).size;
  res.writeHead(200, {
    'content-type': type,
    'content-length': size,
    'x-content-type-options': 'nosniff',
    'cache-control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', (error) => {
    logger.warn({ err: error, file }, 'static file read failed');
    res.destroy();
  });
  stream.pipe(res);
}
