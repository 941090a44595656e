import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  MAX_MESSAGE_BYTES,
  type ErrorCode,
  type NotificationMethod,
  type Notifications,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
} from '../protocol/protocol.js';
import { Emitter } from '../util/emitter.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './timeouts.js';

const log = createLogger('conf-kit:signaling');

/** The part of the WebSocket API the client uses: the browser's WebSocket and `ws` both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface SignalingClientOptions {
  /** Default timeout of `connect()` and of every request, in ms (default 10000). */
  timeoutMs?: number;
  /** Sends a `ping` this often while connected and treats a missing answer as a lost connection. 0 disables (default 20000). */
  keepAliveMs?: number;
  /** The WebSocket implementation (default: globalThis.WebSocket). Node tests inject `ws`. */
  WebSocket?: WebSocketConstructor;
}

export interface RequestOptions {
  timeoutMs?: number;
}

export type SignalingState = 'idle' | 'connecting' | 'open' | 'closed';

/** Notifications by method, plus the client's own events. */
export type SignalingEventMap = { [M in NotificationMethod]: Notifications[M] } & {
  /** Every notification, for logging and tests. */
  notification: { method: string; data: unknown };
  /** The socket closed without `close()` being called. Pending requests were rejected. */
  disconnected: { code: number; reason: string };
};

interface Pending {
  method: string;
  resolve: (data: any) => void;
  reject: (error: ConferenceError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The signalling connection: typed JSON requests with ids and timeouts over one WebSocket, and
 * typed server notifications. One instance is one connection: after it closes, make a new one.
 */
export class SignalingClient extends Emitter<SignalingEventMap> {
  readonly url: string;
  readonly #timeoutMs: number;
  readonly #keepAliveMs: number;
  readonly #WebSocket: WebSocketConstructor | undefined;
  #ws: WebSocketLike | null = null;
  #state: SignalingState = 'idle';
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  #keepAliveTimer: ReturnType<typeof setInterval> | null = null;

  constructor(url: string, options: SignalingClientOptions = {}) {
    super();
    this.url = url;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#keepAliveMs = options.keepAliveMs ?? 20_000;
    this.#WebSocket =
      options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  }

  get state(): SignalingState {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Opens the socket. Rejects with ConferenceError('server-unreachable') if it cannot. */
  connect(): Promise<void> {
    if (this.#state !== 'idle') {
      return Promise.reject(new ConferenceError('invalid-params', `connect() called in state ${this.#state}`));
    }
    this.#state = 'connecting';
    const Impl = this.#WebSocket;
    if (!Impl) {
      this.#state = 'closed';
      return Promise.reject(new ConferenceError('unsupported', 'no WebSocket implementation available'));
    }
    return new Promise<void>((resolve, reject) => {
      let ws: WebSocketLike;
      try {
        ws = new Impl(this.url);
      } catch (error) {
        this.#state = 'closed';
        reject(new ConferenceError('server-unreachable', `cannot open ${this.url}: ${String(error)}`, { cause: error }));
        return;
      }
      this.#ws = ws;
      const timer = setTimeout(() => {
        if (this.#state !== 'connecting') return;
        this.#state = 'closed';
        this.#detach(ws);
        safeClose(ws);
        reject(new ConferenceError('server-unreachable', `connecting to ${this.url} timed out`));
      }, this.#timeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        if (this.#state !== 'connecting') return;
        this.#state = 'open';
        log.debug('open', this.url);
        this.#startKeepAlive();
        resolve();
      };
      ws.onerror = (event: unknown) => {
        log.debug('socket error', event);
      };
      ws.onclose = (event: { code?: number; reason?: string } | undefined) => {
        clearTimeout(timer);
        const code = event?.code ?? 1006;
        const reason = event?.reason ?? '';
        if (this.#state === 'connecting') {
          this.#state = 'closed';
          this.#ws = null;
          reject(new ConferenceError('server-unreachable', `cannot connect to ${this.url} (close code ${code})`));
          return;
        }
        this.#onUnexpectedClose(code, reason);
      };
      ws.onmessage = (event: { data: unknown }) => this.#onMessage(event.data);
    });
  }

  /** Sends a request and resolves with the result, or rejects with a ConferenceError. */
  request<M extends RequestMethod>(
    method: M,
    data: RequestParams<M>,
    options: RequestOptions = {},
  ): Promise<RequestResult<M>> {
    const ws = this.#ws;
    if (this.#state !== 'open' || !ws) {
      return Promise.reject(new ConferenceError('server-unreachable', `cannot send ${method}: not connected`));
    }
    const id = ++this.#nextId;
    const text = JSON.stringify({ id, method, data });
    if (text.length * 3 > MAX_MESSAGE_BYTES && utf8Length(text) > MAX_MESSAGE_BYTES) {
      return Promise.reject(new ConferenceError('too-large', `${method} request exceeds ${MAX_MESSAGE_BYTES} bytes`));
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    return new Promise<RequestResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ConferenceError('timeout', `${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve, reject, timer });
      log.debug('->', method, id);
      try {
        ws.send(text);
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new ConferenceError('server-unreachable', `cannot send ${method}: ${String(error)}`, { cause: error }));
      }
    });
  }

  /** Closes the connection on purpose: no `disconnected` event; pending requests reject. */
  close(code = 1000, reason = 'client closed'): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#stopKeepAlive();
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      this.#detach(ws);
      safeClose(ws, code, reason);
    }
    this.#rejectAll(new ConferenceError('server-unreachable', 'signalling connection closed'));
  }

  #onUnexpectedClose(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    log.warn('connection lost', code, reason);
    this.#state = 'closed';
    this.#stopKeepAlive();
    if (this.#ws) this.#detach(this.#ws);
    this.#ws = null;
    this.#rejectAll(new ConferenceError('server-unreachable', `signalling connection lost (code ${code})`));
    this.emit('disconnected', { code, reason });
  }

  #onMessage(raw: unknown): void {
    let message: any;
    try {
      message = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      log.warn('ignoring a message that is not JSON');
      return;
    }
    if (!message || typeof message !== 'object') return;
    if (typeof message.ok === 'boolean') {
      this.#onResponse(message);
      return;
    }
    if (typeof message.method === 'string') {
      log.debug('<- notification', message.method);
      this.emit('notification', { method: message.method, data: message.data });
      // Unknown methods from a newer server fall through harmlessly (no listeners).
      (this.emit as (event: string, payload: unknown) => void)(message.method, message.data ?? {});
      return;
    }
    log.warn('ignoring an unrecognised message');
  }

  #onResponse(message: { id: number | null; ok: boolean; data?: unknown; error?: { code: ErrorCode; message: string } }): void {
    if (message.id === null || message.id === undefined) {
      log.warn('server error without request id', message.error);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) {
      log.debug('response for unknown or timed-out request', message.id);
      return;
    }
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) {
      log.debug('<-', pending.method, message.id, 'ok');
      pending.resolve(message.data ?? {});
    } else {
      const code = message.error?.code ?? 'internal';
      const text = message.error?.message ?? 'request failed';
      log.debug('<-', pending.method, message.id, 'error', code, text);
      pending.reject(new ConferenceError(code, text));
    }
  }

  #rejectAll(error: ConferenceError): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) {
      clearTimeout(entry.timer);
      entry.reject(new ConferenceError(error.code, `${entry.method}: ${error.message}`));
    }
  }

  #startKeepAlive(): void {
    if (this.#keepAliveMs <= 0) return;
    this.#keepAliveTimer = setInterval(() => {
      if (this.#state !== 'open') return;
      this.request('ping', {}).catch((error: ConferenceError) => {
        // Any answer (even an error) proves the connection is alive; only a timeout does not.
        if (error.code === 'timeout' && this.#state === 'open') {
          log.warn('keep-alive ping timed out; dropping the connection');
          const ws = this.#ws;
          this.#onUnexpectedClose(4000, 'keep-alive timeout');
          if (ws) safeClose(ws, 4000, 'keep-alive timeout');
        }
      });
    }, this.#keepAliveMs);
  }

  #stopKeepAlive(): void {
    if (this.#keepAliveTimer !== null) clearInterval(this.#keepAliveTimer);
    this.#keepAliveTimer = null;
  }

  #detach(ws: WebSocketLike): void {
    ws.onopen = null;
    ws.onclose = null;
    ws.onmessage = null;
    ws.onerror = () => {};
  }
}

function safeClose(ws: WebSocketLike, code?: number, reason?: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closed or closing.
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
