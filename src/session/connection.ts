/**
 * The resources of one signalling connection (one join): the socket, the mediasoup Device, the
 * send and recv transports, producers and consumers. Leaving, being replaced or losing the
 * connection retires it (`retire()`); async steps re-check that their connection is still the
 * current one after each `await` and throw a StaleError otherwise.
 */
import type { Device } from 'mediasoup-client/types';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { MediaKind, MediaSource, PublisherInfo, TransportInfo } from '../protocol/protocol.js';
import { SignalingClient } from '../signaling/SignalingClient.js';
import type { ConferenceErrorCode } from '../state/types.js';
import type { LocalSource } from './internals.js';
import { retryRequest } from './requests.js';

const log = createLogger('conf-kit:connection');

export interface ConsumerEntry {
  readonly consumer: Consumer;
  readonly userId: string;
  readonly producerId: string;
  readonly source: MediaSource;
  readonly kind: MediaKind;
}

/** A promise plus its settle functions. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (reason: unknown) => void;
  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.promise.catch(() => undefined);
  }
}

/** Internal: the connection an operation belonged to was retired while it ran. */
export class StaleError extends Error {
  constructor() {
    super('stale connection');
    this.name = 'StaleError';
  }
}

export interface Connection {
  /** Replaced by the new socket on a resume (docs/reliability.md); transports use the current one. */
  signaling: SignalingClient;
  /** Reliability: the join result's token for `resume` after a dropped socket. */
  resumeToken: string | null;
  /** Reliability: `serverShutdown { reconnectInMs }` seen; the first reconnect waits this long. */
  shutdownReconnectMs: number | null;
  device: Device | null;
  sendTransport: Transport | null;
  /** The send transport's `createTransport` answer, asked for with the recv one when the join will publish. */
  sendInfo: Promise<TransportInfo> | null;
  recvTransport: Transport | null;
  /** Resolves once the recv transport exists; subscriptions wait on it. */
  readonly recvReady: Deferred<void>;
  /** Resolves once the first remote video consume is done (resumed or failed): the local publish waits on it (./join-order.ts). */
  readonly firstVideo: Deferred<void>;
  readonly producers: Map<LocalSource, Producer>;
  /** Consumers by producer id. */
  readonly consumers: Map<string, ConsumerEntry>;
  /** Producer ids by consumer id. */
  readonly consumerIds: Map<string, string>;
  /** consumerClosed notifications for consumers not set up yet. */
  readonly closedConsumerIds: Set<string>;
  /** Raw publisher infos (with producer lists), by userId. */
  readonly infos: Map<string, PublisherInfo>;
  /** False until the join result is applied; notifications received before are replayed after. */
  ready: boolean;
  readonly buffered: (() => void)[];
  readonly offs: (() => void)[];
  retired: boolean;
  /** Reached `joined` once: a lost socket is then resumed or rejoined, so requests wait for it (./requests.ts). */
  established: boolean;
  /** Called when a transport's ICE/DTLS state becomes 'failed', or stays 'disconnected' (`ICE_DISCONNECTED_MS`). */
  readonly onTransportFailed: () => void;
}

export function createConnection(signaling: SignalingClient, onTransportFailed: () => void): Connection {
  return {
    signaling,
    resumeToken: null,
    shutdownReconnectMs: null,
    device: null,
    sendTransport: null,
    sendInfo: null,
    recvTransport: null,
    recvReady: new Deferred<void>(),
    firstVideo: new Deferred<void>(),
    producers: new Map(),
    consumers: new Map(),
    consumerIds: new Map(),
    closedConsumerIds: new Set(),
    infos: new Map(),
    ready: false,
    buffered: [],
    offs: [],
    retired: false,
    established: false,
    onTransportFailed,
  };
}

/** Closes everything of a connection (local tracks are not its own: reconnect reuses them). */
export function retire(conn: Connection, closeSignaling = true): void {
  if (conn.retired) return;
  conn.retired = true;
  for (const off of conn.offs.splice(0)) off();
  conn.recvReady.reject(new StaleError());
  if (closeSignaling) conn.signaling.close();
  for (const producer of conn.producers.values()) producer.close();
  for (const entry of conn.consumers.values()) entry.consumer.close();
  conn.sendTransport?.close();
  conn.recvTransport?.close();
  conn.producers.clear();
  conn.consumers.clear();
  conn.consumerIds.clear();
}

export function toConferenceError(error: unknown, fallback: ConferenceErrorCode = 'internal'): ConferenceError {
  if (error instanceof ConferenceError) return error;
  const message = (error as { message?: string } | null)?.message || String(error);
  return new ConferenceError(fallback, message, { cause: error });
}

let mediasoupClient: Promise<typeof import('mediasoup-client')> | null = null;

/**
 * mediasoup-client, loaded on first use (a join starts it, in parallel with the socket), so the
 * page's first paint never waits for it: it is a separate chunk of the bundle.
 */
export function loadMediasoupClient(): Promise<typeof import('mediasoup-client')> {
  // mediasoup-client is CommonJS: bundlers that do not pre-bundle it (Angular's esbuild builder)
  // hand a dynamic import its exports as `default`, so take them from there when needed.
  mediasoupClient ??= import('mediasoup-client')
    .then((mod) => ((mod as { Device?: unknown }).Device ? mod : ((mod as unknown as { default: typeof mod }).default ?? mod)))
    .catch((error: unknown) => {
      mediasoupClient = null; // a later join tries again
      throw new ConferenceError('unsupported', `could not load mediasoup-client: ${String(error)}`, { cause: error });
    });
  return mediasoupClient;
}

export async function createDevice(): Promise<Device> {
  const { Device } = await loadMediasoupClient();
  try {
    return new Device();
  } catch (error) {
    if ((error as { name?: string } | null)?.name !== 'UnsupportedError') throw error;
    // Headless Chromium on an origin where detection fails: Chrome111 is the modern handler.
    log.debug('handler detection failed; falling back to Chrome111');
    return new Device({ handlerName: 'Chrome111' });
  }
}

/** A send or recv transport on the connection's device, wired to signalling. */
export function createTransport(conn: Connection, direction: 'send' | 'recv', info: TransportInfo): Transport {
  const device = conn.device!;
  const options = {
    id: info.id,
    iceParameters: info.iceParameters as never,
    iceCandidates: info.iceCandidates as never,
    dtlsParameters: info.dtlsParameters as never,
  };
  const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    retryRequest(conn, 'connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  if (direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      // Retried after a timeout: the server answers the same streams with the producer it made.
      retryRequest(conn, 'produce', {
        transportId: transport.id,
        kind,
        rtpParameters,
        source: appData.source as MediaSource,
        paused: Boolean(appData.paused),
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
  }
  transport.on('connectionstatechange', (state) => log.debug(direction, 'transport', state));
  watchTransportState(transport, (state) => {
    if (conn.retired) return;
    log.debug(direction, 'transport', state === 'failed' ? 'failed' : `still disconnected after ${ICE_DISCONNECTED_MS} ms`);
    conn.onTransportFailed();
  });
  return transport;
}

/**
 * How long a transport may stay `disconnected` before the session treats it as failed. The
 * browser only says `failed` after some 15 s without ICE answers (measured with UDP black-holed,
 * test/e2e/netns-faults.test.ts); a loss shorter than this recovers by itself, with no restart.
 */
export const ICE_DISCONNECTED_MS = 4000;

/** What `watchTransportState` needs of a transport (mediasoup-client's Transport has it). */
export interface StateSource {
  readonly connectionState: string;
  readonly closed: boolean;
  on(event: 'connectionstatechange', listener: (state: string) => void): unknown;
}

/**
 * Calls `onFailed` when `transport` becomes `failed`, or once it has stayed `disconnected` for
 * `disconnectedMs` (once per such spell; any other state first cancels it).
 */
export function watchTransportState(transport: StateSource, onFailed: (state: string) => void, disconnectedMs = ICE_DISCONNECTED_MS): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  transport.on('connectionstatechange', (state) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (state === 'failed') onFailed(state);
    else if (state === 'disconnected') {
      timer = setTimeout(() => {
        timer = undefined;
        if (!transport.closed && transport.connectionState === 'disconnected') onFailed('disconnected');
      }, disconnectedMs);
    }
  });
}
