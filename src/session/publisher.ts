/**
 * Publisher: the session's producers. One produce path (`produce`) for every source: the mic and
 * camera (./local-media.ts tracks, paused when muted) and the screen sources that
 * ./screen-share.ts hands in. Also mute/video toggles and track replacement (device switches).
 */
import type { Producer, ProducerOptions, RtpCodecCapability, Transport } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { MediaSource, TransportInfo } from '../protocol/protocol.js';
import { createTransport, StaleError, toConferenceError, type Connection } from './connection.js';
import type { SessionCore } from './core.js';
import type { LocalSource } from './internals.js';
import type { LocalTracks } from './local-media.js';
import type { QualityManager } from './quality.js';
import { retryRequest } from './requests.js';
import { SCREEN_ENCODING } from './screen-share.js';

const log = createLogger('conf-kit:publisher');

const VIDEO_CODEC_OPTIONS = { videoGoogleStartBitrate: 1000 };

/**
 * The order in which a new send transport produces the local tracks (both are asked for at once;
 * mediasoup-client negotiates them in this order): the camera first. The browser probes the
 * link's bandwidth when the first media starts on a transport, only up to what that media may
 * send. With the mic first, the probe stops at an audio bitrate, and the camera's estimate then
 * grows about 8% a second: its top layer started about 17 s after the join on a loopback. With
 * the camera first, the probe reaches the camera's layers, and all three send within about 3 s
 * (docs/quality.md, "The first seconds of a call").
 */
export const LOCAL_PUBLISH_ORDER = Object.freeze(['camera', 'mic'] as const);

export class Publisher {
  readonly #c: SessionCore;
  readonly #local: LocalTracks;
  readonly #quality: QualityManager;
  /** Screen producers by source (they outlive no connection, but are not the connection's own). */
  readonly #extra = new Map<MediaSource, Producer>();

  constructor(core: SessionCore, local: LocalTracks, quality: QualityManager) {
    this.#c = core;
    this.#local = local;
    this.#quality = quality;
  }

  /** Produces the local camera and mic (LOCAL_PUBLISH_ORDER). Failures are reported, not thrown. */
  async publishLocal(conn: Connection): Promise<void> {
    if (!this.#local.any) return; // Receive-only.
    await this.#ensureSendTransport(conn);
    const sources = LOCAL_PUBLISH_ORDER.filter((source) => this.#local.get(source));
    const results = await Promise.allSettled(sources.map((source) => this.#produceLocal(conn, source)));
    this.#c.check(conn);
    for (const result of results) {
      if (result.status === 'rejected') this.#c.report(toConferenceError(result.reason, 'media-failed'));
    }
  }

  /**
   * The one produce path: `track` as `source` on the connection's send transport (created when
   * needed), with that source's encodings and codec options. Throws StaleError when the
   * connection was retired meanwhile (closing a producer that came too late).
   */
  async #produce(conn: Connection, source: MediaSource, track: MediaStreamTrack, paused = false): Promise<Producer> {
    const transport = await this.#ensureSendTransport(conn);
    let producer: Producer;
    try {
      producer = await transport.produce({ ...this.#optionsFor(conn, source), track, stopTracks: false, appData: { source, paused } });
    } catch (error) {
      this.#c.check(conn);
      throw toConferenceError(error, 'media-failed');
    }
    if (!this.#c.isCurrent(conn)) {
      producer.close();
      throw new StaleError();
    }
    if (paused) producer.pause(); // The server created it paused already (appData.paused).
    this.#quality.dynacast.attach(producer); // layersWanted turns unwanted encodings off
    log.debug('producing', source, producer.id);
    return producer;
  }

  #optionsFor(conn: Connection, source: MediaSource): Omit<ProducerOptions, 'track'> {
    switch (source) {
      case 'camera':
        return { encodings: this.#quality.cameraEncodings(), codec: this.#videoCodec(conn), codecOptions: VIDEO_CODEC_OPTIONS };
      case 'screen':
        return { encodings: [{ ...SCREEN_ENCODING }], codec: this.#videoCodec(conn), codecOptions: VIDEO_CODEC_OPTIONS };
      case 'mic':
        return { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
      case 'screen-audio':
        return { codecOptions: { opusStereo: true, opusFec: true } };
    }
  }

  #videoCodec(conn: Connection): RtpCodecCapability | undefined {
    return conn.device?.sendRtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
  }

  async #produceLocal(conn: Connection, source: LocalSource): Promise<Producer> {
    const track = this.#local.get(source);
    if (!track) throw new ConferenceError('media-failed', `no ${source} to publish`);
    const producer = await this.#produce(conn, source, track, !this.#local.desired(source));
    conn.producers.set(source, producer);
    // The device controller falls back to another device, and reports only if none works.
    producer.on('trackended', () => log.warn(source, 'track ended'));
    return producer;
  }

  async #ensureSendTransport(conn: Connection): Promise<Transport> {
    if (conn.sendTransport) return conn.sendTransport;
    // Asked for by the join already (./lifecycle.ts), or now; idempotent on the server.
    conn.sendInfo ??= retryRequest(conn, 'createTransport', { direction: 'send' });
    let info: TransportInfo;
    try {
      info = await conn.sendInfo;
    } catch (error) {
      conn.sendInfo = null; // the next produce asks again
      throw error;
    }
    this.#c.check(conn);
    if (!conn.sendTransport) conn.sendTransport = createTransport(conn, 'send', info);
    return conn.sendTransport;
  }

  // -------------------------------------------------------------------------
  // Mute, video on/off, track replacement
  // -------------------------------------------------------------------------

  /**
   * The local effect (state flag, track.enabled) is immediate, so the UI never waits behind a
   * join or a reconnect; the producer and the server follow in the queue, from the latest flag.
   */
  setSourceEnabled(source: LocalSource, enabled: boolean): Promise<void> {
    if (source === 'camera' && enabled && this.#c.callType !== 'video') {
      log.debug('setVideoEnabled(true) ignored in an audio call');
      return Promise.resolve();
    }
    const track = this.#local.get(source);
    if (track) {
      track.enabled = enabled;
      this.#local.setFlag(source, enabled);
    } else if (!enabled || this.#c.state.getSnapshot().connection !== 'joined') {
      // Without a device: a preference, applied when joining (and only if the device exists).
      this.#local.setFlag(source, enabled);
    }
    return this.#c.queue.push(() => this.#c.reporting(() => this.#syncSource(source, enabled), 'media-failed'));
  }

  async #syncSource(source: LocalSource, enabled: boolean): Promise<void> {
    const conn = this.#c.joinedConnection();
    if (!conn) return; // Applied on (re)publish.

    if (enabled && !this.#local.get(source)) {
      const track = await this.#local.open(source);
      if (!this.#c.isCurrent(conn) || this.#local.get(source)) {
        track.stop();
        return;
      }
      this.#local.replace(source, track);
      try {
        await this.#produceLocal(conn, source);
      } catch (error) {
        if (error instanceof StaleError) return;
        throw error;
      }
      return;
    }

    const producer = conn.producers.get(source);
    if (!producer || producer.closed) return;
    const desired = this.#local.desired(source);
    if (producer.paused === !desired) return;
    if (desired) producer.resume();
    else producer.pause();
    try {
      await conn.signaling.request('setProducerPaused', { producerId: producer.id, paused: !desired });
    } catch (error) {
      if (this.#c.isCurrent(conn)) throw error;
    }
  }

  /**
   * Puts `track` in place of the local track of `source` (inside the queue): replaceTrack on its
   * producer, or a new producer when joined without one; then stops the previous track.
   */
  async setLocalTrack(source: LocalSource, track: MediaStreamTrack): Promise<void> {
    if (this.#local.get(source) === track) return;
    const old = this.#local.replace(source, track);
    const conn = this.#c.joinedConnection();
    try {
      if (conn) {
        const producer = conn.producers.get(source);
        if (producer && !producer.closed) await producer.replaceTrack({ track });
        else await this.#produceLocal(conn, source);
      }
    } catch (error) {
      if (error instanceof StaleError) return;
      throw toConferenceError(error, 'media-failed');
    } finally {
      if (old && old !== this.#local.get(source)) old.stop();
    }
  }

  // -------------------------------------------------------------------------
  // Screen sources (./screen-share.ts)
  // -------------------------------------------------------------------------

  async produceExtra(source: 'screen' | 'screen-audio', track: MediaStreamTrack): Promise<Producer> {
    const conn = this.#c.joinedConnection();
    if (!conn) throw new ConferenceError('not-joined', 'screen sharing needs a joined session');
    let producer: Producer;
    try {
      producer = await this.#produce(conn, source, track);
    } catch (error) {
      if (error instanceof StaleError) throw new ConferenceError('not-joined', 'the session left or reconnected');
      throw error;
    }
    this.#extra.set(source, producer);
    return producer;
  }

  closeExtra(producer: Producer): void {
    const source = producer.appData.source as MediaSource;
    if (this.#extra.get(source) === producer) this.#extra.delete(source);
    if (producer.closed) return;
    producer.close();
    const conn = this.#c.conn;
    if (conn && this.#c.isCurrent(conn)) {
      conn.signaling.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
    }
  }

  /** RTCStatsReport of the local producer of `source`, or null. */
  async producerStats(source: MediaSource): Promise<RTCStatsReport | null> {
    const producer = this.#c.conn?.producers.get(source as LocalSource) ?? this.#extra.get(source);
    if (!producer || producer.closed) return null;
    return producer.getStats().catch(() => null);
  }
}
