/**
 * The WebSocket side of the HTTP server: accepts upgrades on SIGNALING_PATH, makes one
 * Connection per socket, and keeps sockets honest with a ping every WS_PING_INTERVAL_MS (a
 * socket silent for WS_PING_TIMEOUT_MS is terminated; its participant is kept for resume).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SIGNALING_PATH } from '../src/protocol/protocol.js';
import type { AccessControl } from './auth/access.js';
import { originAllowed } from './auth/origin.js';
import { Connection } from './connection.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { ResumeManager } from './resume.js';
import type { TestDelay } from './test-delay.js';
import type { RoomRegistry } from './room-registry.js';
import type { CallService } from './calls/service.js'; // calls (issue 12)

/** Reliability (docs/reliability.md): keepalive, resume, metrics, the test delay hook, shutdown notice. */
export interface SignalingOptions {
  pingIntervalMs: number;
  pingTimeoutMs: number;
  shutdownReconnectMs: number;
  resume: ResumeManager;
  metrics: Metrics;
  testDelay: TestDelay | null;
  /** calls (issue 12) */
  calls?: CallService;
}
/** ws closes the socket (1009) above this; we answer `too-large` to anything above MAX_MESSAGE_BYTES below it. */
export const WS_MAX_PAYLOAD = 1024 * 1024;

export class SignalingServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly keepalive: NodeJS.Timeout;
  private nextId = 1;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly access: AccessControl,
    private readonly logger: Logger,
    private readonly options: SignalingOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD, clientTracking: false });
    this.wss.on('error', (error) => this.logger.error({ err: error }, 'websocket server error'));
    this.keepalive = setInterval(() => this.sweep(), options.pingIntervalMs);
    this.keepalive.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * For the HTTP server's 'upgrade' event. Refuses other paths (404), a foreign Origin (403) and
   * an IP over RATE_LIMIT_CONNECTIONS_PER_MINUTE (429), all before the WebSocket exists.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.logger.debug({ err: error }, 'upgrade socket error'));
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    } catch {
      pathname = '';
    }
    if (pathname !== SIGNALING_PATH) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    const origin = request.headers.origin;
    if (!originAllowed(origin, request.headers.host, this.access.originPolicy)) {
      this.logger.info({ origin: origin?.slice(0, 200), remote: request.socket.remoteAddress }, 'refused a websocket from a foreign origin');
      refuse(socket, 403, 'Forbidden');
      return;
    }
    const ip = request.socket.remoteAddress ?? 'unknown';
    if (!this.access.takeConnection(ip)) {
      this.logger.info({ remote: ip }, 'refused a websocket: too many connections from this address');
      refuse(socket, 429, 'Too Many Requests');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request, ip));
  }

  private accept(ws: WebSocket, request: IncomingMessage, remoteIp: string): void {
    const connection = new Connection(this.nextId++, ws, {
      registry: this.registry,
      access: this.access,
      logger: this.logger,
      remoteIp,
      calls: this.options.calls, // calls (issue 12)
      resume: this.options.resume,
      metrics: this.options.metrics,
      testDelay: this.options.testDelay,
    });
    this.connections.add(connection);
    ws.once('close', () => this.connections.delete(connection));
    this.logger.debug({ connId: connection.id, remote: request.socket.remoteAddress }, 'websocket connected');
  }

  private sweep(): void {
    const now = Date.now();
    for (const connection of this.connections) {
      if (now - connection.lastSeen > this.options.pingTimeoutMs) {
        this.logger.info({ connId: connection.id }, 'terminating an unresponsive websocket');
        connection.terminate();
        continue;
      }
      connection.ping();
    }
  }

  /** Tells every client `serverShutdown`, closes every socket (1001 going away) and stops the keepalive. */
  close(): void {
    clearInterval(this.keepalive);
    const reconnectInMs = this.options.shutdownReconnectMs;
    for (const connection of this.connections) connection.notify('serverShutdown', { reconnectInMs });
    for (const connection of this.connections) connection.close(1001, 'server shutting down');
    this.wss.close();
  }

  /** Kills sockets that did not finish closing. */
  terminateAll(): void {
    for (const connection of this.connections) connection.terminate();
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
