/**
 * One participant (peer) of a room: its signalling channel, its two WebRtcTransports (send and
 * recv, server/webrtc-transports.ts), its producers (one per source) and its consumers. Cross-participant logic (who sees
 * what) lives in Room; this class only manages its own mediasoup objects.
 */
import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type {
  CallType,
  ConsumerInfo,
  MediaKind,
  MediaSource,
  NotificationMethod,
  Notifications,
  Permissions,
  ProducerInfo,
  PublisherInfo,
  ResumeResult,
  TransportDirection,
  TransportInfo,
} from '../src/protocol/protocol.js';
import { canPublish } from './auth/tokens.js';
import type { Logger } from './logger.js';
import { ProtocolError } from './protocol-schema.js';
import { IngestTransports } from './ingest/transports.js';
import type { IngestStats } from '../src/protocol/protocol.js';
import { applyPreferredLayers, forwardConsumerEvents } from './quality.js';
import { VideoResumes } from './video-resume.js';
import { WebRtcTransports, withClientInput, type TransportSettings } from './webrtc-transports.js';

export type { TransportSettings } from './webrtc-transports.js';
import { Dynacast, noteLayersChanged } from './dynacast.js';

/** How the server talks to one participant's client. Implemented by Connection. */
export interface PeerChannel {
  notify<M extends NotificationMethod>(method: M, data: Notifications[M]): void;
  /** Closes the underlying socket. */
  close(code: number, reason: string): void;
}

export type LeaveReason = 'left' | 'disconnected' | 'replaced' | 'room-closed' | 'removed';

export type ParticipantEvents = {
  /** A producer was added, closed, paused or resumed. */
  producersChanged: [];
  newProducer: [producer: ms.Producer];
  /** The participant is gone; all its media is closed. */
  closed: [reason: LeaveReason];
  /** Reliability: a transport's ICE went 'disconnected' or its DTLS 'failed' (true), or ICE is back (false). */
  mediaLost: [lost: boolean];
};

export const MAX_PRODUCERS_PER_PARTICIPANT = 8;
export const MAX_CONSUMERS_PER_PARTICIPANT = 64;

interface ProducerAppData {
  source: MediaSource;
  userId: string;
  /** ingest: set when the producer lives on a plain transport (server/ingest/). */
  ingestTransportId?: string;
}

interface ConsumerAppData {
  source: MediaSource;
  userId: string;
}

const SOURCE_KIND: Record<MediaSource, MediaKind> = {
  mic: 'audio',
  'screen-audio': 'audio',
  camera: 'video',
  screen: 'video',
};

export interface ParticipantOptions {
  userId: string;
  name: string;
  callType: CallType;
  /** What this session may do (docs/auth.md); the handlers enforce it. */
  permissions: Permissions;
  /** The token's expiry (unix seconds), null for a tokenless open-mode join. */
  tokenExpiresAt: number | null;
  channel: PeerChannel;
  router: ms.Router;
  transport: TransportSettings;
  logger: Logger;
}

export class Participant extends EventEmitter<ParticipantEvents> {
  readonly userId: string;
  readonly name: string;
  readonly callType: CallType;
  readonly channel: PeerChannel;
  permissions: Permissions;
  tokenExpiresAt: number | null;
  private readonly transportSettings: TransportSettings;
  private readonly logger: Logger;
  /** The send and recv WebRtcTransports (server/webrtc-transports.ts). */
  private readonly transports: WebRtcTransports;
  private readonly producers = new Map<string, ms.Producer>();
  private readonly consumers = new Map<string, ms.Consumer>();
  /** Video resumes while the recv transport comes up, keyframes when it reconnects (server/video-resume.ts). */
  private readonly videoResumes: VideoResumes;
  private closedReason: LeaveReason | null = null;
  // ---- ingest (server/ingest/, docs/bots.md): plain transports, which produce() also accepts ----
  readonly ingest: IngestTransports;
  /** Dynacast trackers of this participant's simulcast video producers (server/dynacast.ts). */
  private readonly dynacasts = new Map<string, Dynacast>();
  /** Reliability: set while the socket or media is lost and the participant is kept for resume. */
  reconnecting = false;

  constructor(options: ParticipantOptions) {
    super();
    this.userId = options.userId;
    this.name = options.name;
    this.callType = options.callType;
    this.channel = options.channel;
    this.permissions = options.permissions;
    this.tokenExpiresAt = options.tokenExpiresAt;
    this.transportSettings = options.transport;
    this.logger = options.logger.child({ userId: options.userId });
    this.transports = new WebRtcTransports({
      router: options.router,
      settings: options.transport,
      userId: options.userId,
      logger: this.logger,
      assertOpen: () => this.assertOpen(),
      onMediaLost: (lost) => this.emit('mediaLost', lost),
      onConnected: (direction) => {
        if (direction === 'recv') this.videoResumes.recvConnected(this.consumers.values());
      },
    });
    this.videoResumes = new VideoResumes({
      whenRecvSettled: (capMs) => this.transports.whenSettled('recv', capMs),
      closed: () => this.closed,
      logger: this.logger,
    });
    // ingest: plain transports listen where the WebRTC transports do.
    this.ingest = new IngestTransports(options.router, options.transport.listenIps[0]!, options.userId);
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  /** Producers + consumers, a measure of the load this participant puts on its worker. */
  get mediaCount(): number {
    return this.producers.size + this.consumers.size;
  }

  info(): PublisherInfo {
    return {
      userId: this.userId,
      name: this.name,
      callType: this.callType,
      producers: [...this.producers.values()].map(producerInfo),
      ...(this.reconnecting ? { reconnecting: true } : {}),
    };
  }

  getProducer(producerId: string): ms.Producer | undefined {
    return this.producers.get(producerId);
  }

  /** The producer of one source, if any. */
  producerOf(source: MediaSource): ms.Producer | undefined {
    return [...this.producers.values()].find((p) => (p.appData as ProducerAppData).source === source);
  }

  /**
   * New grants (a refreshed token). Producers of sources no longer allowed are closed, and
   * consumers too when subscribing is no longer allowed.
   */
  setPermissions(permissions: Permissions, tokenExpiresAt: number | null): void {
    this.assertOpen();
    this.permissions = permissions;
    this.tokenExpiresAt = tokenExpiresAt;
    let changed = false;
    for (const producer of [...this.producers.values()]) {
      if (!canPublish(permissions, (producer.appData as ProducerAppData).source)) {
        this.removeProducer(producer, false);
        changed = true;
      }
    }
    if (!permissions.subscribe) {
      for (const consumerId of [...this.consumers.keys()]) {
        this.closeConsumer(consumerId);
        this.channel.notify('consumerClosed', { consumerId });
      }
    }
    if (changed) this.emit('producersChanged');
  }

  /** All live producers (recording). */
  producerList(): ms.Producer[] {
    return [...this.producers.values()];
  }

  // -------------------------------------------------------------------------
  // Transports
  // -------------------------------------------------------------------------

  /** The transport for one direction; idempotent (server/webrtc-transports.ts). */
  createTransport(direction: TransportDirection): Promise<TransportInfo> {
    return this.transports.create(direction);
  }

  connectTransport(transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    return this.transports.connect(transportId, dtlsParameters);
  }

  // -------------------------------------------------------------------------
  // Producers
  // -------------------------------------------------------------------------

  async produce(params: {
    transportId: string;
    kind: MediaKind;
    rtpParameters: ms.RtpParameters;
    source: MediaSource;
    paused?: boolean;
  }): Promise<{ producerId: string }> {
    // ingest: a plain transport of this participant is a send transport too (server/ingest/).
    this.assertOpen();
    const plain = this.ingest.get(params.transportId);
    const transport: ms.Transport = plain ?? this.transports.find(params.transportId);
    if (!plain && transport !== this.transports.send) {
      throw new ProtocolError('invalid-params', `transport ${params.transportId} is not a send transport`);
    }
    if (SOURCE_KIND[params.source] !== params.kind) {
      throw new ProtocolError('invalid-params', `source ${params.source} must be ${SOURCE_KIND[params.source]}, not ${params.kind}`);
    }
    const previous = [...this.producers.values()].find((p) => (p.appData as ProducerAppData).source === params.source);
    if (!previous && this.producers.size >= MAX_PRODUCERS_PER_PARTICIPANT) {
      throw new ProtocolError('invalid-params', `at most ${MAX_PRODUCERS_PER_PARTICIPANT} producers per participant`);
    }
    // Idempotent (docs/reliability.md, "Overload"): the same RTP parameters again (a retried
    // produce whose first try timed out but completed) get the producer that try created.
    if (previous && !previous.closed && sameStreams(previous.rtpParameters, params.rtpParameters)) return { producerId: previous.id };
    // One producer per source: a new one replaces the old (which also closes its consumers). The
    // old one goes first, so that the new one may reuse its SSRCs and MID.
    if (previous) this.removeProducer(previous, false);

    const appData: ProducerAppData = { source: params.source, userId: this.userId, ...(plain ? { ingestTransportId: plain.id } : {}) };
    let producer: ms.Producer;
    try {
      producer = await withClientInput('produce', () =>
        transport.produce({
          kind: params.kind,
          rtpParameters: params.rtpParameters,
          paused: params.paused ?? false,
          appData,
        }),
      );
    } catch (error) {
      if (previous && !this.closed) this.emit('producersChanged');
      throw error;
    }
    if (this.closed || transport.closed) {
      producer.close();
      this.assertOpen();
      throw new ProtocolError('not-found', `transport ${params.transportId} was closed`);
    }
    // Requests are serialised per connection, but be safe: still one producer per source.
    const stale = [...this.producers.values()].find((p) => (p.appData as ProducerAppData).source === params.source);
    if (stale) this.removeProducer(stale, false);

    this.producers.set(producer.id, producer);
    producer.on('transportclose', () => this.removeProducer(producer, true));
    if (!plain && this.transportSettings.dynacast !== false && Dynacast.wants(producer)) {
      const notify = (spatialLayers: number[]) => {
        if (!this.closed) this.channel.notify('layersWanted', { producerId: producer.id, spatialLayers });
      };
      this.dynacasts.set(producer.id, new Dynacast(producer, notify));
      producer.observer.once('close', () => this.dynacasts.delete(producer.id));
    }
    this.logger.debug({ producerId: producer.id, kind: producer.kind, source: params.source }, 'producer created');
    this.emit('newProducer', producer);
    this.emit('producersChanged');
    return { producerId: producer.id };
  }

  closeProducer(producerId: string): void {
    const producer = this.requireProducer(producerId);
    this.removeProducer(producer, true);
  }

  async setProducerPaused(producerId: string, paused: boolean): Promise<void> {
    const producer = this.requireProducer(producerId);
    if (producer.paused === paused) return;
    if (paused) await producer.pause();
    else await producer.resume();
    if (!this.closed && !producer.closed) this.emit('producersChanged');
  }

  private requireProducer(producerId: string): ms.Producer {
    this.assertOpen();
    const producer = this.producers.get(producerId);
    if (!producer) throw new ProtocolError('not-found', `no producer ${producerId}`);
    return producer;
  }

  private removeProducer(producer: ms.Producer, announce: boolean): void {
    if (!this.producers.delete(producer.id)) return;
    if (!producer.closed) producer.close();
    if (announce && !this.closed) this.emit('producersChanged');
  }

  // -------------------------------------------------------------------------
  // Consumers
  // -------------------------------------------------------------------------

  /** Creates a paused consumer of `producer` (owned by `owner`) on the recv transport. */
  async consume(producer: ms.Producer, owner: Participant, rtpCapabilities: ms.RtpCapabilities): Promise<ConsumerInfo> {
    this.assertOpen();
    const transport = this.transports.recv;
    if (!transport) throw new ProtocolError('invalid-params', 'create a recv transport before consuming');
    const { source } = producer.appData as ProducerAppData;
    // Idempotent (docs/reliability.md, "Overload"): one consumer per producer; a retried consume
    // gets the one a timed-out request created.
    for (const existing of this.consumers.values()) {
      if (existing.producerId === producer.id && !existing.closed) return consumerInfo(existing, owner, source);
    }
    if (this.consumers.size >= MAX_CONSUMERS_PER_PARTICIPANT) {
      throw new ProtocolError('invalid-params', `at most ${MAX_CONSUMERS_PER_PARTICIPANT} consumers per participant`);
    }
    const appData: ConsumerAppData = { source, userId: owner.userId };
    const consumer = await withClientInput('consume', () =>
      transport.consume({ producerId: producer.id, rtpCapabilities, paused: true, appData }),
    );
    if (this.closed || transport.closed || producer.closed) {
      consumer.close();
      this.assertOpen();
      throw new ProtocolError('not-found', producer.closed ? `producer ${producer.id} was closed` : 'recv transport was closed');
    }

    this.consumers.set(consumer.id, consumer);
    const onGone = (why: string) => {
      if (!this.consumers.delete(consumer.id)) return;
      this.logger.debug({ consumerId: consumer.id, why }, 'consumer closed by server');
      if (!this.closed) this.channel.notify('consumerClosed', { consumerId: consumer.id });
    };
    consumer.on('producerclose', () => onGone('producer closed'));
    consumer.on('transportclose', () => onGone('transport closed'));
    forwardConsumerEvents(consumer, this.channel, () => !this.closed && this.consumers.get(consumer.id) === consumer);
    owner.dynacasts.get(producer.id)?.add(consumer);
    return consumerInfo(consumer, owner, source);
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    await this.setConsumerPaused(consumerId, false);
  }

  async requestKeyFrame(consumerId: string): Promise<void> {
    const consumer = this.requireConsumer(consumerId);
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }

  /** After a `resume`: the current `layersWanted` of each own simulcast producer again (server/dynacast.ts). */
  resendLayersWanted(): void {
    for (const dynacast of this.dynacasts.values()) dynacast.resend();
  }

  /** setPreferredLayers: all ids checked first, then applied together (server/quality.ts). */
  async setPreferredLayers(items: Parameters<typeof applyPreferredLayers>[0]): Promise<void> {
    this.assertOpen();
    await applyPreferredLayers(items, (consumerId) => this.requireConsumer(consumerId));
    for (const item of items) {
      const consumer = this.consumers.get(item.consumerId);
      if (consumer) noteLayersChanged(consumer);
    }
  }

  /**
   * Pauses or resumes one consumer (audio-only viewing); the producer's own pause is separate. A
   * video resume while the recv transport comes up is applied once it is up (server/video-resume.ts).
   */
  async setConsumerPaused(consumerId: string, paused: boolean): Promise<void> {
    await this.videoResumes.setPaused(this.requireConsumer(consumerId), paused);
  }

  /** Caps the send transport's incoming bitrate (kbps; null or 0 removes the cap). */
  async setSendBitrateCap(kbps: number | null): Promise<void> {
    this.assertOpen();
    await this.transports.setSendCap(kbps);
  }

  /** ingest: what mediasoup receives on this participant's plain-transport producers. */
  async ingestStats(): Promise<IngestStats> {
    this.assertOpen();
    return this.ingest.stats(this.producers.values());
  }

  closeConsumer(consumerId: string): void {
    const consumer = this.requireConsumer(consumerId);
    this.consumers.delete(consumerId);
    consumer.close();
  }

  private requireConsumer(consumerId: string): ms.Consumer {
    this.assertOpen();
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new ProtocolError('not-found', `no consumer ${consumerId}`);
    return consumer;
  }

  // -------------------------------------------------------------------------
  // Reliability (docs/reliability.md)
  // -------------------------------------------------------------------------

  /** ICE restart of one transport: new ICE parameters for the client's `transport.restartIce()`. */
  restartIce(transportId: string): Promise<{ iceParameters: unknown }> {
    return this.transports.restartIce(transportId);
  }

  /** What a resumed client may keep: transports, own producers, consumers (ResumeResult). */
  resumeState(): Pick<ResumeResult, 'transports' | 'producers' | 'consumers'> {
    return {
      transports: this.transports.open().map(([direction, t]) => ({ id: t.id, direction, iceState: t.iceState, dtlsState: t.dtlsState })),
      producers: [...this.producers.values()].map(producerInfo),
      consumers: [...this.consumers.values()].map((c) => {
        const appData = c.appData as ConsumerAppData;
        return {
          id: c.id,
          producerId: c.producerId,
          userId: appData.userId,
          kind: c.kind,
          source: appData.source,
          rtpParameters: c.rtpParameters,
          producerPaused: c.producerPaused,
          paused: c.paused,
        };
      }),
    };
  }

  /** Live mediasoup objects, for the metrics gauges. */
  counts(): { transports: number; producers: number; consumers: number; consumersPaused: number } {
    let consumersPaused = 0;
    for (const c of this.consumers.values()) if (c.paused || c.producerPaused) consumersPaused++;
    return {
      transports: this.transports.open().length,
      producers: this.producers.size,
      consumers: this.consumers.size,
      consumersPaused,
    };
  }

  // -------------------------------------------------------------------------

  /** Closes all media (transports close their producers and consumers). Idempotent. */
  close(reason: LeaveReason): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.transports.close();
    this.ingest.close(); // ingest: plain transports
    for (const producer of this.producers.values()) producer.close();
    for (const consumer of this.consumers.values()) consumer.close();
    this.producers.clear();
    this.consumers.clear();
    this.logger.debug({ reason }, 'participant closed');
    this.emit('closed', reason);
  }

  private assertOpen(): void {
    if (this.closedReason) throw new ProtocolError('not-joined', `this session has ended (${this.closedReason})`);
  }
}

function producerInfo(producer: ms.Producer): ProducerInfo {
  return {
    id: producer.id,
    kind: producer.kind,
    source: (producer.appData as ProducerAppData).source,
    paused: producer.paused,
  };
}

function consumerInfo(consumer: ms.Consumer, owner: Participant, source: ProducerAppData['source']): ConsumerInfo {
  return {
    id: consumer.id,
    producerId: consumer.producerId,
    userId: owner.userId,
    kind: consumer.kind,
    source,
    rtpParameters: consumer.rtpParameters,
    producerPaused: consumer.producerPaused,
  };
}

/** Whether two produce requests describe the same streams (MID, and each encoding's SSRC / RID). */
function sameStreams(a: ms.RtpParameters, b: ms.RtpParameters): boolean {
  const key = (p: ms.RtpParameters) => JSON.stringify([p.mid ?? null, (p.encodings ?? []).map((e) => [e.ssrc ?? null, e.rid ?? null])]);
  return (a.encodings?.length ?? 0) > 0 && key(a) === key(b);
}
