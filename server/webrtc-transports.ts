/**
 * One participant's two WebRtcTransports (send and recv): created idempotently, connected
 * idempotently, ICE-restarted, and watched for a lost network (docs/reliability.md). Participant
 * owns one of these; its producers and consumers live on these transports.
 */
import type { types as ms } from 'mediasoup';
import type { TransportDirection, TransportInfo } from '../src/protocol/protocol.js';
import type { Logger } from './logger.js';
import { ProtocolError } from './protocol-schema.js';
import { capToBps } from './quality.js';

export interface TransportSettings {
  listenIps: ms.TransportListenIp[];
  initialAvailableOutgoingBitrate: number;
  /** Dynacast (server/dynacast.ts): false = no `layersWanted` (DYNACAST=off). Default true. */
  dynacast?: boolean;
}

/**
 * Runs a mediasoup call on client-supplied data, turning mediasoup's validation errors into
 * `invalid-params`. Server-side failures (closed channel, timeouts) stay internal.
 */
export async function withClientInput<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const err = error as Error;
    const serverSide = err?.name === 'InvalidStateError' || /^Channel /.test(String(err?.message));
    if (!serverSide && err instanceof Error) {
      throw new ProtocolError('invalid-params', `${what} rejected by mediasoup: ${err.message.trim() || 'invalid parameters'}`);
    }
    throw error;
  }
}

export interface WebRtcTransportsOptions {
  router: ms.Router;
  settings: TransportSettings;
  userId: string;
  logger: Logger;
  /** Throws `not-joined` once the participant has ended. */
  assertOpen: () => void;
  /** The transport of a direction lost (true) or regained (false) its network. */
  onMediaLost: (lost: boolean) => void;
  /**
   * The worker ran its "transport connected" step for this transport (ICE connected or completed
   * with DTLS up, or DTLS up with ICE connected): see server/video-resume.ts.
   */
  onConnected: (direction: TransportDirection) => void;
}

/** Whether the worker is past its last "transport connected" step for `transport`. */
function isSettled(transport: ms.WebRtcTransport): boolean {
  return transport.dtlsState === 'connected' && transport.iceState === 'completed';
}

export class WebRtcTransports {
  readonly #o: WebRtcTransportsOptions;
  readonly #byDirection: Partial<Record<TransportDirection, ms.WebRtcTransport>> = {};
  /** connectTransport: the DTLS parameters each transport was connected with, and that connect. */
  readonly #connected = new WeakMap<ms.WebRtcTransport, { key: string; done: Promise<void> }>();
  /** createTransport in progress, by direction (a retried request joins it). */
  readonly #creating: Partial<Record<TransportDirection, Promise<TransportInfo>>> = {};
  /** setSendBitrateCap: kbps, or null for none. Applied to the send transport (also a later one). */
  #sendCapKbps: number | null = null;
  #closed = false;

  constructor(options: WebRtcTransportsOptions) {
    this.#o = options;
  }

  get send(): ms.WebRtcTransport | undefined {
    return this.#byDirection.send;
  }

  get recv(): ms.WebRtcTransport | undefined {
    return this.#byDirection.recv;
  }

  /** The open transports, by direction. */
  open(): [TransportDirection, ms.WebRtcTransport][] {
    return (Object.entries(this.#byDirection) as [TransportDirection, ms.WebRtcTransport | undefined][])
      .filter((e): e is [TransportDirection, ms.WebRtcTransport] => !!e[1] && !e[1].closed);
  }

  /**
   * The transport for one direction. Idempotent (docs/reliability.md, "Overload"): while one is
   * open (or being created), asking again returns it, so a request the client retried after a
   * timeout leaves no orphan transport.
   */
  create(direction: TransportDirection): Promise<TransportInfo> {
    this.#o.assertOpen();
    const existing = this.#byDirection[direction];
    if (existing && !existing.closed) return Promise.resolve(transportInfo(existing));
    const pending = this.#creating[direction];
    if (pending) return pending;
    const creating = this.#create(direction).finally(() => {
      if (this.#creating[direction] === creating) delete this.#creating[direction];
    });
    this.#creating[direction] = creating;
    return creating;
  }

  async #create(direction: TransportDirection): Promise<TransportInfo> {
    const { router, settings, userId, logger } = this.#o;
    const transport = await router.createWebRtcTransport({
      listenIps: settings.listenIps,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: settings.initialAvailableOutgoingBitrate,
      appData: { direction, userId },
    });
    if (this.#closed) {
      transport.close();
      this.#o.assertOpen();
    }
    const previous = this.#byDirection[direction];
    this.#byDirection[direction] = transport;
    previous?.close();
    if (direction === 'send' && this.#sendCapKbps) {
      await transport.setMaxIncomingBitrate(capToBps(this.#sendCapKbps)).catch(() => undefined);
    }

    transport.on('dtlsstatechange', (state: ms.DtlsState) => {
      if (state === 'failed' || state === 'closed') {
        logger.warn({ transportId: transport.id, direction, dtlsState: state }, 'transport dtls state');
      }
      if (state === 'failed' && this.#byDirection[direction] === transport) this.#o.onMediaLost(true);
      if (state === 'connected' && this.#byDirection[direction] === transport) this.#o.onConnected(direction);
    });
    // Reliability: a peer whose network vanished (docs/reliability.md).
    transport.on('icestatechange', (state: ms.IceState) => {
      if (this.#closed || this.#byDirection[direction] !== transport) return;
      if (state === 'disconnected') this.#o.onMediaLost(true);
      else if (state === 'connected' || state === 'completed') {
        this.#o.onMediaLost(false);
        if (transport.dtlsState === 'connected') this.#o.onConnected(direction);
      }
    });
    transport.observer.on('close', () => {
      if (this.#byDirection[direction] === transport) delete this.#byDirection[direction];
    });
    logger.debug({ transportId: transport.id, direction }, 'transport created');
    return transportInfo(transport);
  }

  async connect(transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    const transport = this.find(transportId);
    const key = dtlsKey(dtlsParameters);
    const connected = this.#connected.get(transport);
    if (connected) {
      // A retried connectTransport (same DTLS parameters) succeeds with the first one.
      if (connected.key === key) return connected.done;
      throw new ProtocolError('invalid-params', `transport ${transportId} is already connected`);
    }
    const done = withClientInput('connectTransport', () => transport.connect({ dtlsParameters }));
    this.#connected.set(transport, { key, done });
    try {
      await done;
    } catch (error) {
      this.#connected.delete(transport);
      throw error;
    }
  }

  /**
   * While this direction's transport is coming up (the client connected it, and the worker has not
   * yet done its last "transport connected" step: DTLS connected and ICE completed), a promise
   * that resolves once it has, or after `capMs` whatever the state; otherwise (already up, not
   * connected by the client, no open transport) null: nothing to wait for.
   */
  whenSettled(direction: TransportDirection, capMs: number): Promise<void> | null {
    const transport = this.#byDirection[direction];
    if (!transport || transport.closed || !this.#connected.has(transport) || isSettled(transport)) return null;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        transport.off('icestatechange', check);
        transport.off('dtlsstatechange', check);
        transport.observer.off('close', done);
        resolve();
      };
      const check = () => {
        if (isSettled(transport)) done();
      };
      const timer = setTimeout(done, capMs);
      transport.on('icestatechange', check);
      transport.on('dtlsstatechange', check);
      transport.observer.on('close', done);
    });
  }

  find(transportId: string): ms.WebRtcTransport {
    this.#o.assertOpen();
    for (const transport of Object.values(this.#byDirection)) {
      if (transport && transport.id === transportId) return transport;
    }
    throw new ProtocolError('not-found', `no transport ${transportId}`);
  }

  /** ICE restart of one transport: new ICE parameters for the client's `transport.restartIce()`. */
  async restartIce(transportId: string): Promise<{ iceParameters: unknown }> {
    const iceParameters = await this.find(transportId).restartIce();
    return { iceParameters };
  }

  /** Caps the send transport's incoming bitrate (kbps; null or 0 removes the cap). */
  async setSendCap(kbps: number | null): Promise<void> {
    this.#sendCapKbps = kbps && kbps > 0 ? kbps : null;
    const transport = this.#byDirection.send;
    if (transport && !transport.closed) await transport.setMaxIncomingBitrate(capToBps(this.#sendCapKbps));
    this.#o.logger.debug({ kbps: this.#sendCapKbps }, 'send bitrate cap');
  }

  /** Closes both transports (which closes their producers and consumers). */
  close(): void {
    this.#closed = true;
    for (const transport of Object.values(this.#byDirection)) transport?.close();
  }
}

function transportInfo(transport: ms.WebRtcTransport): TransportInfo {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  };
}

/** connectTransport's parameters, comparable: a retry sends the same role and fingerprints. */
function dtlsKey(dtls: ms.DtlsParameters): string {
  const fingerprints = dtls.fingerprints.map((f) => `${f.algorithm}=${f.value}`).sort();
  return `${dtls.role ?? 'auto'}|${fingerprints.join(',')}`;
}
