/**
 * One WebSocket connection: decodes frames, runs requests one at a time through the handlers,
 * answers each with a response, and ends the participant's session when the socket closes.
 * Nothing a client sends can throw out of here or affect another connection.
 */
import { WebSocket, type RawData } from 'ws';
import type { NotificationMethod, Notifications, NotificationMessage, RequestMethod } from '../src/protocol/protocol.js';
import type { AccessControl } from './auth/access.js';
import type { TokenBucket } from './auth/token-bucket.js';
import { handlers, PRE_JOIN_METHODS, type HandlerContext } from './handlers.js';
import type { Logger } from './logger.js';
import type { Participant, PeerChannel } from './participant.js';
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
}

export class Connection implements PeerChannel, HandlerContext {
  readonly registry: RoomRegistry;
  readonly access: AccessControl;
  readonly remoteIp: string;
  readonly channel: PeerChannel = this;
  session: { room: Room; participant: Participant } | null = null;
  /** Set by the keepalive: false after a ping, true again on pong. */
  alive = true;
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
    this.requests = deps.access.requestBucket();
    this.logger = deps.logger.child({ connId: id });
    this.calls = deps.calls?.forConnection((method, data) => this.notify(method, data)) ?? null; // calls (issue 12)
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => this.logger.warn({ err: error }, 'websocket error'));
    ws.on('close', (code, reason) => this.onClose(code, reason.toString('utf8').slice(0, 123)));
  }

  get socketClosed(): boolean {
    return this.closedFlag;
  }

  attach(room: Room, participant: Participant): void {
    this.session = { room, participant };
    this.calls?.roomJoined(room, participant); // calls (issue 12)
    this.logger.info({ roomId: room.id, userId: participant.userId }, 'joined');
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

  private onMessage(data: RawData, isBinary: boolean): void {
    let decoded: ReturnType<typeof decodeRequest>;
    try {
      decoded = decodeRequest(data, isBinary);
    } catch (error) {
      this.logger.error({ err: error }, 'decoding a message threw');
      this.send(errorResponse(null, 'internal', 'internal error'));
      return;
    }
    if (!decoded.ok) {
      this.logger.debug({ code: decoded.code, id: decoded.id }, 'refused a message');
      this.send(errorResponse(decoded.id, decoded.code, decoded.message));
      return;
    }
    if (this.requests && !this.requests.take()) {
      this.send(errorResponse(decoded.id, 'rate-limited', 'too many requests on this connection; slow down'));
      return;
    }
    if (this.pending >= MAX_PENDING_REQUESTS) {
      this.send(errorResponse(decoded.id, 'rate-limited', `too many pending requests (max ${MAX_PENDING_REQUESTS})`));
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
      const handler = handlers[method] as (ctx: HandlerContext, params: unknown) => Promise<unknown>;
      const result = await handler(this, request.params);
      this.send(okResponse(id, result));
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.logger.debug({ method, id, code: error.code, msg: error.message }, 'request failed');
        this.send(errorResponse(id, error.code, error.message));
      } else {
        this.logger.error({ err: error, method: method as RequestMethod, id }, 'request handler threw');
        this.send(errorResponse(id, 'internal', 'internal server error'));
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
        current.room.leave(current.participant, 'disconnected');
      } catch (error) {
        this.logger.error({ err: error }, 'leaving on disconnect failed');
      }
    }
  }
}
