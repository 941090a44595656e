/**
 * A minimal signalling client for Node (tests, benchmarks, bots): raw frames, typed requests,
 * recorded notifications. Not used by the server itself.
 */
import { WebSocket } from 'ws';
import {
  SIGNALING_PATH,
  type NotificationMessage,
  type NotificationMethod,
  type Notifications,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
  type ResponseError,
  type ResponseMessage,
} from '../src/protocol/protocol.js';

export class RequestFailed extends Error {
  override name = 'RequestFailed';
  constructor(readonly response: ResponseError) {
    super(`${response.error.code}: ${response.error.message}`);
  }
}

type Waiter = { resolve: (r: ResponseMessage) => void; reject: (e: Error) => void };

export class SignalingTestClient {
  readonly notifications: NotificationMessage[] = [];
  /** Every response received, in order. */
  readonly responses: ResponseMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly waiters = new Map<number, Waiter>();
  private readonly nullWaiters: Waiter[] = [];
  private readonly notificationWaiters = new Set<{ test: (n: NotificationMessage) => boolean; resolve: (n: NotificationMessage) => void }>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        const err = new Error(`socket closed (${code})`);
        for (const w of this.waiters.values()) w.reject(err);
        for (const w of this.nullWaiters) w.reject(err);
        this.waiters.clear();
        this.nullWaiters.length = 0;
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {});
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as ResponseMessage | NotificationMessage;
      if ('method' in message) {
        this.notifications.push(message);
        for (const w of [...this.notificationWaiters]) {
          if (w.test(message)) {
            this.notificationWaiters.delete(w);
            w.resolve(message);
          }
        }
        return;
      }
      this.responses.push(message);
      const waiter = message.id === null ? this.nullWaiters.shift() : this.waiters.get(message.id);
      if (message.id !== null) this.waiters.delete(message.id);
      waiter?.resolve(message);
    });
  }

  /**
   * Opens a socket to `baseUrl` (http://host:port) at SIGNALING_PATH. `origin` sets the Origin
   * header (as a browser would). A refused upgrade rejects with an Error carrying `statusCode`.
   */
  static connect(baseUrl: string, options: { origin?: string } = {}): Promise<SignalingTestClient> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + SIGNALING_PATH, options.origin ? { origin: options.origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SignalingTestClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused: HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a raw frame and waits for the response with `expectId` (null: the next id-less response). */
  sendRaw(frame: string | Buffer, expectId: number | null, binary = false): Promise<ResponseMessage> {
    const promise = new Promise<ResponseMessage>((resolve, reject) => {
      if (expectId === null) this.nullWaiters.push({ resolve, reject });
      else this.waiters.set(expectId, { resolve, reject });
    });
    this.ws.send(frame, { binary });
    return promise;
  }

  /** Sends a request and returns the raw response (ok or not). */
  request<M extends RequestMethod>(method: M, data: RequestParams<M>): Promise<ResponseMessage<RequestResult<M>>>;
  request(method: string, data: unknown): Promise<ResponseMessage>;
  request(method: string, data: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, method, data }), id);
  }

  /** Sends a request; resolves with its result or rejects with RequestFailed. */
  async call<M extends RequestMethod>(method: M, data: RequestParams<M>): Promise<RequestResult<M>> {
    const response = await this.request(method, data);
    if (!response.ok) throw new RequestFailed(response);
    return response.data;
  }

  /** Resolves with the first notification (already received or future) matching. */
  waitFor<M extends NotificationMethod>(
    method: M,
    test: (data: Notifications[M]) => boolean = () => true,
  ): Promise<NotificationMessage<M, Notifications[M]>> {
    const match = (n: NotificationMessage) => n.method === method && test(n.data as Notifications[M]);
    const seen = this.notifications.find(match);
    if (seen) return Promise.resolve(seen as NotificationMessage<M, Notifications[M]>);
    return new Promise((resolve) => {
      this.notificationWaiters.add({ test: match, resolve: resolve as (n: NotificationMessage) => void });
    });
  }

  /** Notifications of one method received so far. */
  received<M extends NotificationMethod>(method: M): Notifications[M][] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.data as Notifications[M]);
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
    return this.closed;
  }
}
