/**
 * One WebSocket connection: decodes frames, runs requests one at a time through the handlers,
 * answers each with a response, and ends the participant's session when the socket closes.
 * Nothing a client sends can throw out of here or affect another connection.
 */
import { WebSocket, type RawData } from 'ws';
import type { ErrorCode, NotificationMethod, Notifications, NotificationMessage, RequestMethod } from '../src/protocol/protocol.js';
import type { AccessControl } from './auth/access.js';
import type { TokenBucket } from './auth/token-bucket.js';
import { handlers, PRE_JOIN_METHODS, type HandlerContext } from './handlers.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { CLOSE_CODE_RESUMED_ELSEWHERE, type ResumeManager, type SessionHolder } from './resume.js';
import type { TestDelay } from './test-delay.js';
import type { Participant } from './participant.js';
import {
  ProtocolError,
  decodeRequest,
  errorResponse,
  okResponse,
  type DecodedRequest,
} from './protocol-schema.js';
import type { Room } from './room.js';
import type { RoomRegistry } from './room-registry.js';
// --- calls (issue 12) ---
import type { CallService, ConnectionCalls } from './calls/service.js';
// --- end calls ---

/** Requests queued on one connection beyond this are refused (a client flooding the server). */
export const MAX_PENDING_REQUESTS = 128;

export interface ConnectionDeps {
  registry: RoomRegistry;
  access: AccessControl;
  logger: Logger;
  /** The client's IP address. */
  remoteIp: string;
  /** calls (issue 12): the server's call signalling, when it has one. */
  calls?: CallService;
  // Reliability (docs/reliability.md)
  resume: ResumeManager;
  metrics: Metrics;
  testDelay: TestDelay | null;
}

export class Connection implements SessionHolder, HandlerContext {
  readonly registry: RoomRegistry;
  readonly access: AccessControl;
  readonly remoteIp: string;
  readonly resume: ResumeManager;
  readonly channel: SessionHolder = this;
  session: { room: Room; participant: Participant } | null = null;
  /** When the socket last proved alive (pong or message); the keepalive cuts it after WS_PING_TIMEOUT_MS. */
  lastSeen = Date.now();
  private readonly metrics: Metrics;
  private readonly testDelay: TestDelay | null;
  private closedFlag = false;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly logger: Logger;
  /** RATE_LIMIT_REQUESTS_PER_SECOND for this socket (null: no limit). */
  private readonly requests: TokenBucket | null;
  /** calls (issue 12): this socket's calls side, when the server has a CallService. */
  readonly calls: ConnectionCalls | null;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    deps: ConnectionDeps,
  ) {
    this.registry = deps.registry;
    this.access = deps.access;
    this.remoteIp = deps.remoteIp;
    this.resume = deps.resume;
    this.metrics = deps.metrics;
    this.testDelay = deps.testDelay;
    this.requests = deps.access.requestBucket();
    this.logger = deps.logger.child({ connId: id });
    this.calls = deps.calls?.forConnection((method, data) => this.notify(method, data)) ?? null; // calls (issue 12)
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.lastSeen = Date.now();
    });
    ws.on('error', (error) => this.logger.warn({ err: error }, 'websocket error'));
    ws.on('close', (code, reason) => this.onClose(code, reason.toString('utf8').slice(0, 123)));
  }

  get socketClosed(): boolean {
    return this.closedFlag;
  }

  attach(room: Room, participant: Participant, how: 'join' | 'rejoin' | 'resume' = 'join'): void {
    this.session = { room, participant };
    this.logger.info({ roomId: room.id, userId: participant.userId, how }, how === 'resume' ? 'resumed' : 'joined');
    if (how !== 'resume') {
      this.calls?.roomJoined(room, participant); // calls (issue 12)
      this.metrics.joins.inc();
      if (how === 'rejoin') this.metrics.rejoins.inc();
      this.metrics.track(participant);
    }
    participant.once('closed', (reason) => {
      if (this.session?.participant === participant) this.session = null;
      this.logger.debug({ reason }, 'session ended');
    });
  }

  notify<M extends NotificationMethod>(method: M, data: Notifications[M]): void {
    const message: NotificationMessage<M, Notifications[M]> = { method, data };
    this.send(message);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /** Reliability: the session was resumed on another socket; this one is done. */
  releaseSession(): void {
    this.session = null;
    this.close(CLOSE_CODE_RESUMED_ELSEWHERE, 'resumed on another connection');
  }

  /** Kills the socket at once (dead peer). */
  terminate(): void {
    this.ws.terminate();
  }

  ping(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    try {
      this.ws.ping();
    } catch (error) {
      this.logger.debug({ err: error }, 'ping failed');
    }
  }

  private send(message: unknown): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      this.logger.error({ err: error }, 'could not serialise an outgoing message');
      return;
    }
    this.ws.send(text, (error) => {
      if (error) this.logger.debug({ err: error }, 'send failed');
    });
  }

  private sendError(id: number | null, code: ErrorCode, message: string): void {
    this.metrics.errors.inc({ code });
    this.send(errorResponse(id, code, message));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    let decoded: ReturnType<typeof decodeRequest>;
    try {
      decoded = decodeRequest(data, isBinary);
    } catch (error) {
      this.logger.error({ err: error }, 'decoding a message threw');
      this.sendError(null, 'internal', 'internal error');
      return;
    }
    if (!decoded.ok) {
      this.logger.debug({ code: decoded.code, id: decoded.id }, 'refused a message');
      this.sendError(decoded.id, decoded.code, decoded.message);
      return;
    }
    if (this.requests && !this.requests.take()) {
      this.sendError(decoded.id, 'rate-limited', 'too many requests on this connection; slow down');
      return;
    }
    if (this.pending >= MAX_PENDING_REQUESTS) {
      this.sendError(decoded.id, 'rate-limited', `too many pending requests (max ${MAX_PENDING_REQUESTS})`);
      return;
    }
    this.pending++;
    this.queue = this.queue.then(() => this.run(decoded)).finally(() => {
      this.pending--;
    });
  }

  /** Runs one request; always answers, never throws. */
  private async run(request: DecodedRequest): Promise<void> {
    const { id, method } = request;
    try {
      if (this.closedFlag) return;
      if (!PRE_JOIN_METHODS.has(method) && !this.session) {
        throw new ProtocolError('not-joined', `${method} needs a joined session; call join first`);
      }
      if (this.testDelay) await this.testDelay(method);
      const handler = handlers[method] as (ctx: HandlerContext, params: unknown) => Promise<unknown>;
      const result = await handler(this, request.params);
      this.send(okResponse(id, result));
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.logger.debug({ method, id, code: error.code, msg: error.message }, 'request failed');
        this.sendError(id, error.code, error.message);
      } else {
        this.logger.error({ err: error, method: method as RequestMethod, id }, 'request handler threw');
        this.sendError(id, 'internal', 'internal server error');
      }
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.logger.debug({ code, reason }, 'socket closed');
    this.calls?.close(); // calls (issue 12)
    const current = this.session;
    this.session = null;
    if (current) {
      try {
        // Reliability: kept for RESUME_GRACE_S (server/resume.ts), then removed.
        this.resume.socketClosed(current.room, current.participant, this);
      } catch (error) {
        this.logger.error({ err: error }, 'leaving on disconnect failed');
      }
    }
  }
}
