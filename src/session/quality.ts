/**
 * QualityManager: the simulcast / temporal layer / bandwidth / stats part of ConferenceSession
 * (docs/quality.md). The session owns it and gives it a narrow `QualityHost`; it never touches
 * transports itself, only consumers and the camera producer the host hands out.
 *
 * - Viewer preferences per user (stream type, temporal layer, audio-only) are kept here, sent in
 *   one `setPreferredLayers` request (plus `setConsumerPaused` for audio-only), and re-applied to
 *   every new camera consumer before it is resumed.
 * - What the server forwards arrives as `consumerLayersChanged` / `consumerScore`; it becomes
 *   publisher state and the `substreamchange` / `layerchange` events.
 * - The send cap is enforced twice: encoding maxBitrate on the camera sender (scaled so the sum
 *   stays under the cap, all three encodings kept) and the server's `setSendBitrateCap`.
 * - One stats loop (StatsPoller) runs only while watched: by `statsReportsInterval`, by
 *   StatsReportsManager, or by tile badges.
 */
import type { Consumer, Producer, RtpEncodingParameters } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type {
  MediaKind,
  MediaSource,
  Notifications,
  PreferredLayersItem,
  RequestMethod,
  RequestParams,
  RequestResult,
} from '../protocol/protocol.js';
import {
  isQualityPreference,
  isStreamType,
  isTemporalLayer,
  patchPublisherQuality,
  spatialLayerOf,
  streamTypeOf,
  type PublisherQuality,
  type QualityPreference,
  type StreamType,
  type TemporalLayer,
} from '../state/quality.js';
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';
import { StatsDeriver, type RawUserStats, type StatsSample } from '../stats/derive.js';
import { EventStream } from '../stats/EventStream.js';
import { StatsPoller } from '../stats/StatsPoller.js';
import { inboundByTrack, indexStats, selectStats } from '../stats/split.js';
import { PublisherDynacast } from './dynacast.js';
import { cameraEncodings, positive, scaledBitrates } from './encodings.js';
import type { MediaConfig, StatsReport } from './quality-types.js';
import { updateSenderParameters } from './sender-parameters.js';
import type { SessionEventMap } from './types.js';

export { cameraEncodings, DEFAULT_SIMULCAST_KBPS, scaledBitrates, withMinimums } from './encodings.js';

const log = createLogger('conf-kit:quality');

/** Publisher state gets stats numbers at most this often. */
const STATE_UPDATE_MS = 1000;

/** What the manager needs of the session. */
export interface QualityHost {
  readonly userId: string;
  readonly state: Store<SessionSnapshot>;
  /** A request on the current connection, or null when there is none. */
  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> | null;
  /** The live consumers of the current connection. */
  consumers(): Iterable<{ readonly consumer: Consumer; readonly userId: string; readonly kind: MediaKind; readonly source: MediaSource }>;
  /** The current local producer of a source. */
  producer(source: 'mic' | 'camera'): Producer | null | undefined;
  /** The receive transport: its stats are gathered once per round and split per consumer (../stats/split.ts). */
  recvTransport?(): { readonly closed: boolean; getStats(): Promise<RTCStatsReport> } | null | undefined;
  emit<K extends 'substreamchange' | 'layerchange'>(event: K, payload: SessionEventMap[K]): void;
}

interface Preference {
  /** The app's or user's choice (shown in state as requestedStreamType). */
  stream: StreamType | null;
  layer: TemporalLayer | null;
  audioOnly: boolean;
  /** Adaptive stream's choice for the tile's size; the manual `stream` beats it. Not in state. */
  adaptive: StreamType | null;
  /** Adaptive stream: the tile is visible. Hidden pauses the video consumer. Not in state. */
  visible: boolean;
}

const NO_PREFERENCE: Preference = Object.freeze({ stream: null, layer: null, audioOnly: false, adaptive: null, visible: true });

/** What the server is asked for: the stream (null: the top), the layer and the pause. */
function effective(pref: Preference): { stream: StreamType | null; layer: TemporalLayer | null; paused: boolean } {
  return { stream: pref.stream ?? pref.adaptive, layer: pref.layer, paused: pref.audioOnly || !pref.visible };
}

function invalid(message: string): ConferenceError {
  return new ConferenceError('invalid-params', message);
}

export class QualityManager {
  readonly #host: QualityHost;
  readonly #mediaConfig: MediaConfig | undefined;
  readonly #statsInterval: number;
  readonly #prefs = new Map<string, Preference>();
  /** Last stream type / layer reported per user, to emit events on changes only. */
  readonly #reported = new Map<string, { stream: StreamType | null; layer: TemporalLayer | null }>();
  readonly #deriver = new StatsDeriver();
  readonly #poller: StatsPoller<StatsSample>;
  readonly statsReports = new EventStream<StatsReport>();
  /** Publisher side: the server's `layersWanted` turns unwanted camera encodings off (./dynacast.ts). */
  readonly dynacast = new PublisherDynacast();
  #capKbps: number | null;
  #configWatch: (() => void) | null = null;
  #lastStateAt = 0;

  constructor(host: QualityHost, options: { statsReportsInterval?: number; mediaConfig?: MediaConfig } = {}) {
    this.#host = host;
    this.#mediaConfig = options.mediaConfig;
    this.#statsInterval = Math.max(0, options.statsReportsInterval ?? 0) || 0;
    this.#capKbps = positive(options.mediaConfig?.maxBandwidth) ?? null;
    this.#poller = new StatsPoller(() => this.#collect());
    // statsReportsInterval: the loop runs while joined.
    host.state.subscribe((s) => {
      const live = s.connection === 'joined' || s.connection === 'reconnecting';
      if (live && this.#statsInterval > 0 && !this.#configWatch) {
        this.#configWatch = this.#poller.watch(this.#statsInterval, (sample) => {
          for (const user of sample.users) this.statsReports.emit(user);
        });
      } else if (!live && s.connection !== 'connecting' && this.#configWatch) {
        this.#configWatch();
        this.#configWatch = null;
      }
    });
  }

  get maxBandwidth(): number | null {
    return this.#capKbps;
  }

  // -------------------------------------------------------------------------
  // Viewer preferences
  // -------------------------------------------------------------------------

  requestStreams(types: Readonly<Record<string, StreamType>>): Promise<void> {
    const changes: Record<string, Partial<Preference>> = {};
    for (const [userId, type] of Object.entries(types ?? {})) {
      if (!isStreamType(type)) return Promise.reject(invalid(`stream type must be 'high', 'medium' or 'low', not ${String(type)}`));
      changes[userId] = { stream: type, audioOnly: false };
    }
    return this.#apply(changes);
  }

  requestLayers(layers: Readonly<Record<string, TemporalLayer>>): Promise<void> {
    const changes: Record<string, Partial<Preference>> = {};
    for (const [userId, layer] of Object.entries(layers ?? {})) {
      if (!isTemporalLayer(layer)) return Promise.reject(invalid(`temporal layer must be 0, 1 or 2, not ${String(layer)}`));
      changes[userId] = { layer };
    }
    return this.#apply(changes);
  }

  setQuality(userId: string, quality: QualityPreference): Promise<void> {
    if (!isQualityPreference(quality)) return Promise.reject(invalid(`unknown quality ${String(quality)}`));
    const change: Partial<Preference> =
      quality === 'audio-only' ? { audioOnly: true } : { audioOnly: false, stream: quality === 'auto' ? null : quality };
    return this.#apply({ [userId]: change });
  }

  /**
   * Adaptive stream's layer for `userId` (null: none). A manual stream choice wins over it; it
   * never shows as the user's requestedStreamType.
   */
  setAdaptiveStream(userId: string, type: StreamType | null): Promise<void> {
    if (type !== null && !isStreamType(type)) return Promise.reject(invalid(`stream type must be 'high', 'medium', 'low' or null, not ${String(type)}`));
    return this.#apply({ [userId]: { adaptive: type } });
  }

  /**
   * Adaptive stream: a hidden tile's video consumer is paused on the server (no bytes flow) and
   * resumed, with a keyframe, when visible again. Audio and the audio-only preference are untouched.
   */
  setVideoVisible(userId: string, visible: boolean): Promise<void> {
    if (typeof visible !== 'boolean') return Promise.reject(invalid(`visible must be a boolean, not ${String(visible)}`));
    return this.#apply({ [userId]: { visible } });
  }

  /** Updates preferences and state, then sends one setPreferredLayers (and the pause changes). */
  async #apply(changes: Record<string, Partial<Preference>>): Promise<void> {
    const items: PreferredLayersItem[] = [];
    const pauses: { consumerId: string; paused: boolean }[] = [];
    let next = this.#host.state.getSnapshot();
    for (const [userId, change] of Object.entries(changes)) {
      const before = this.#prefs.get(userId) ?? NO_PREFERENCE;
      const pref: Preference = { ...before, ...change };
      this.#prefs.set(userId, pref);
      next = patchPublisherQuality(next, userId, this.#requestedFields(pref));
      const consumer = this.#cameraConsumer(userId);
      if (!consumer) continue;
      const [was, now] = [effective(before), effective(pref)];
      // Layers before a resume, so that the first frames come at the new size.
      if (now.stream !== was.stream || now.layer !== was.layer) items.push(this.#item(consumer.id, pref));
      if (now.paused !== was.paused) pauses.push({ consumerId: consumer.id, paused: now.paused });
    }
    this.#host.state.set(next);
    const layersDone = items.length > 0 ? this.#host.request('setPreferredLayers', { items }) : null;
    if (layersDone) await layersDone;
    await Promise.all(pauses.map((p) => this.#host.request('setConsumerPaused', p)));
  }

  #requestedFields(pref: Preference): Partial<PublisherQuality> {
    return { requestedStreamType: pref.stream, requestedLayer: pref.layer, audioOnly: pref.audioOnly };
  }

  #item(consumerId: string, pref: Preference): PreferredLayersItem {
    const { stream, layer } = effective(pref);
    return { consumerId, spatialLayer: stream ? spatialLayerOf(stream) : 2, temporalLayer: layer ?? 2 };
  }

  #cameraConsumer(userId: string): Consumer | null {
    for (const entry of this.#host.consumers()) {
      if (entry.userId === userId && entry.kind === 'video' && entry.source === 'camera' && !entry.consumer.closed) {
        return entry.consumer;
      }
    }
    return null;
  }

  /**
   * Called for every new consumer before it is resumed: sends the user's preferred layers, and
   * says whether to leave it paused (audio-only, or hidden by adaptive stream). Failures are
   * logged, never thrown.
   */
  async prepareConsumer(entry: { consumer: Consumer; userId: string; kind: MediaKind; source: MediaSource }): Promise<boolean> {
    if (entry.kind !== 'video' || entry.source !== 'camera') return false;
    const pref = this.#prefs.get(entry.userId) ?? NO_PREFERENCE;
    this.#reported.delete(entry.userId);
    this.#host.state.update((s) =>
      patchPublisherQuality(s, entry.userId, { ...this.#requestedFields(pref), currentStreamType: null, currentLayer: null, score: null }),
    );
    const want = effective(pref);
    if (want.stream !== null || want.layer !== null) {
      try {
        await this.#host.request('setPreferredLayers', { items: [this.#item(entry.consumer.id, pref)] });
      } catch (error) {
        log.debug('setPreferredLayers for a new consumer failed', error);
      }
    }
    return want.paused;
  }

  // -------------------------------------------------------------------------
  // Server notifications
  // -------------------------------------------------------------------------

  onLayersChanged({ consumerId, spatialLayer, temporalLayer }: Notifications['consumerLayersChanged']): void {
    const entry = this.#entryOf(consumerId);
    if (!entry || entry.kind !== 'video' || entry.source !== 'camera') return;
    const stream = spatialLayer === null ? null : streamTypeOf(spatialLayer);
    const layer = temporalLayer === null ? null : (Math.max(0, Math.min(2, temporalLayer)) as TemporalLayer);
    const { userId } = entry;
    this.#host.state.update((s) => patchPublisherQuality(s, userId, { currentStreamType: stream, currentLayer: layer }));
    const last = this.#reported.get(userId) ?? { stream: null, layer: null };
    this.#reported.set(userId, { stream, layer });
    if (stream !== null && stream !== last.stream) this.#host.emit('substreamchange', { userId, streamType: stream });
    if (layer !== null && layer !== last.layer) this.#host.emit('layerchange', { userId, layer });
  }

  onScore({ consumerId, score, producerScore }: Notifications['consumerScore']): void {
    const entry = this.#entryOf(consumerId);
    if (!entry || entry.kind !== 'video' || entry.source !== 'camera') return;
    this.#host.state.update((s) => patchPublisherQuality(s, entry.userId, { score, producerScore }));
  }

  #entryOf(consumerId: string) {
    for (const entry of this.#host.consumers()) if (entry.consumer.id === consumerId) return entry;
    return null;
  }

  // -------------------------------------------------------------------------
  // Send cap
  // -------------------------------------------------------------------------

  /** The camera encodings for a new producer (simulcastConfig, scaled under the cap). */
  cameraEncodings(): RtpEncodingParameters[] {
    return cameraEncodings(this.#mediaConfig?.simulcastConfig, this.#capKbps);
  }

  async setMaxBandwidth(kbps: number | null): Promise<void> {
    if (kbps !== null && kbps !== undefined && (typeof kbps !== 'number' || !Number.isFinite(kbps) || kbps < 0)) {
      throw invalid(`maxBandwidth must be a number of kbps >= 0, or null, not ${String(kbps)}`);
    }
    this.#capKbps = kbps ? Math.round(kbps) : null;
    await Promise.all([this.#applyEncodingCap(), this.#host.request('setSendBitrateCap', { kbps: this.#capKbps })]);
  }

  /** After join: tells the new server-side participant about an existing cap. */
  onJoined(): void {
    if (this.#capKbps) this.#host.request('setSendBitrateCap', { kbps: this.#capKbps })?.catch(() => undefined);
  }

  async #applyEncodingCap(): Promise<void> {
    const producer = this.#host.producer('camera');
    const sender = producer && !producer.closed ? producer.rtpSender : undefined;
    if (!sender) return;
    const kbps = scaledBitrates(this.#mediaConfig?.simulcastConfig, this.#capKbps);
    const byRid: Record<string, number> = { r0: kbps[0], r1: kbps[1], r2: kbps[2] };
    try {
      // In the sender's queue, with dynacast's writes of `active` (./sender-parameters.ts).
      await updateSenderParameters(sender, (params) => {
        params.encodings.forEach((encoding, i) => {
          const target = (encoding.rid && byRid[encoding.rid]) || kbps[Math.min(i, 2)];
          encoding.maxBitrate = target * 1000;
        });
        return params.encodings.length > 0;
      });
    } catch (error) {
      log.warn('could not apply the bitrate cap to the camera sender', error);
    }
  }

  // -------------------------------------------------------------------------
  // Stats
  // -------------------------------------------------------------------------

  watchStats(intervalMs: number, listener?: (sample: StatsSample) => void): () => void {
    return this.#poller.watch(intervalMs, listener ?? (() => undefined));
  }

  async #collect(): Promise<StatsSample> {
    const reports = new Map<string, { local: boolean; reports: RTCStatsReport[] }>();
    const add = (userId: string, local: boolean, report: RTCStatsReport) => {
      let user = reports.get(userId);
      if (!user) reports.set(userId, (user = { local, reports: [] }));
      user.reports.push(report);
    };
    const tasks: Promise<void>[] = [];
    // One gathering for every consumer (Chromium gathers the whole connection per receiver call).
    const recv = this.#host.recvTransport?.();
    const report = recv && !recv.closed ? await recv.getStats().catch(() => null) : null;
    const whole = report ? indexStats(report) : null;
    const byTrack = whole ? inboundByTrack(whole.entries) : null;
    for (const entry of this.#host.consumers()) {
      if (entry.consumer.closed || (entry.source !== 'camera' && entry.source !== 'mic')) continue;
      const ids = byTrack?.get(entry.consumer.track.id);
      if (whole && ids) add(entry.userId, false, selectStats(whole, ids) as unknown as RTCStatsReport);
      else tasks.push(entry.consumer.getStats().then((r) => add(entry.userId, false, r), () => undefined));
    }
    for (const source of ['mic', 'camera'] as const) {
      const producer = this.#host.producer(source);
      if (producer && !producer.closed) tasks.push(producer.getStats().then((r) => add(this.#host.userId, true, r), () => undefined));
    }
    await Promise.all(tasks);
    const raw: RawUserStats[] = [...reports].map(([userId, user]) => ({ userId, local: user.local, reports: user.reports }));
    const sample = this.#deriver.derive(raw, Date.now());
    this.#updateState(sample);
    return sample;
  }

  #updateState(sample: StatsSample): void {
    if (sample.at - this.#lastStateAt < STATE_UPDATE_MS * 0.9) return;
    this.#lastStateAt = sample.at;
    const byUser = new Map(sample.users.filter((u) => !u.local).map((u) => [u.userId, u]));
    this.#host.state.update((s) => {
      let next = s;
      for (const [userId, publisher] of Object.entries(s.publishers)) {
        const user = byUser.get(userId);
        if (!user && !publisher.quality) continue;
        next = patchPublisherQuality(next, userId, {
          bitrate: user?.videoBitrate ?? null,
          frameWidth: user?.frameWidth ?? null,
          frameHeight: user?.frameHeight ?? null,
          frameRate: user?.frameRate ?? null,
        });
      }
      return next;
    });
  }
}
