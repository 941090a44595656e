/**
 * ConferenceSession: one participant in one room. The only code that talks to the SFU through
 * mediasoup-client: it owns the Device, the send/recv transports, producers and consumers, and
 * turns server notifications into immutable state snapshots.
 *
 * Concurrency model:
 * - Everything that belongs to one signalling connection lives in a `Connection` object. Leaving,
 *   being replaced or losing the connection retires it; every async step re-checks that its
 *   connection is still the current one after each `await` and otherwise cleans up what it made.
 * - Lifecycle and local-media operations (join, reconnect, mute, video) run one at a time in a queue.
 * - Subscriptions run per remote user in a keyed queue: one user's consumes never race each other,
 *   different users (and one user's audio + video) are consumed in parallel for low latency.
 */
import { Device } from 'mediasoup-client';
import type {
  Consumer,
  Producer,
  RtpCapabilities,
  RtpCodecCapability,
  RtpParameters,
  Transport,
} from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  PROTOCOL_VERSION,
  type CallType,
  type MediaKind,
  type MediaSource,
  type NotificationMethod,
  type Notifications,
  type ProducerInfo,
  type PublisherInfo,
  type TransportInfo,
} from '../protocol/protocol.js';
import { SignalingClient, type WebSocketConstructor } from '../signaling/SignalingClient.js';
import { applyActiveSpeaker, applyAudioLevels, EMPTY_LEVELS, removeLevel } from '../state/levels.js';
import {
  applyJoinResult,
  applyPublisherJoined,
  applyPublisherLeft,
  applyPublisherUpdated,
  clearAllSubscriptions,
  createInitialSnapshot,
  setConnection,
  setError,
  setPublisherSubscribed,
  updateSelf,
  type StreamFactory,
} from '../state/publishers.js';
import { Store } from '../state/store.js';
import type { ConferenceErrorCode, LevelsSnapshot, ReadableStore, SessionSnapshot } from '../state/types.js';
import { Emitter } from './emitter.js';
import {
  acquireLocalMedia,
  DEFAULT_AUDIO_CONSTRAINTS,
  DEFAULT_VIDEO_CONSTRAINTS,
  framesDecoded,
  getTrack,
  type LocalMedia,
} from './media.js';
import { KeyedQueue, SerialQueue } from './queue.js';
import { QualityManager, withMinimums } from './quality.js';
import type { StatsReport, StatsSample, StreamType, TemporalLayer, QualityPreference } from './quality-types.js';
import type { EventStreamLike } from '../stats/EventStream.js';
import { removePublisherSourceTrack, setPublisherSourceTrack } from '../state/devices.js';
import { DeviceController } from './devices.js';
import type { SessionInternals } from './internals.js';
import { SCREEN_ENCODING, ScreenShareController } from './screen-share.js';
import type { ScreenShareOptions, SwitchCameraOptions } from './types.js';
import type { DeviceSummary } from '../state/types.js';
import type { ConferenceSessionOptions, SessionEventMap, SessionEventName, SessionLike } from './types.js';

const log = createLogger('conf-kit:session');

/** Waits before each reconnect attempt, in ms. */
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 4000];
/** Errors worth another reconnect attempt; anything else (room-full, protocol-mismatch...) is final. */
const RETRYABLE = new Set<ConferenceErrorCode>(['server-unreachable', 'timeout', 'internal']);
/** When to check that a new video consumer decoded a frame, asking for a keyframe if not. */
const KEYFRAME_CHECK_DELAYS_MS = [300, 600, 1200];
const LEAVE_TIMEOUT_MS = 2000;

type LocalSource = 'mic' | 'camera';

const createStream: StreamFactory = (tracks) => new MediaStream(tracks);

/** The producer sources this session consumes. */
const CONSUMED_SOURCES = new Set<MediaSource>(['mic', 'camera', 'screen', 'screen-audio']);

/** Everything the session creates `new ConferenceSession()` with. ConferenceClient fills it. */
export interface ConferenceSessionInit extends ConferenceSessionOptions {
  userId: string;
  /** The signalling WebSocket URL (see resolveSignalingUrl). */
  signalingUrl: string;
  /** Timeout of the socket connect and of each request, in ms (default 10000). */
  socketTimeoutMs?: number;
  /** Keep-alive ping interval in ms, 0 disables (default 20000). */
  keepAliveMs?: number;
  /** getUserMedia constraints for the microphone and the camera. */
  audioConstraints?: MediaTrackConstraints;
  videoConstraints?: MediaTrackConstraints;
  /** WebSocket implementation (default: the browser's). */
  WebSocket?: WebSocketConstructor;
}

interface ConsumerEntry {
  readonly consumer: Consumer;
  readonly userId: string;
  readonly producerId: string;
  readonly source: MediaSource;
  readonly kind: MediaKind;
}

/** A promise plus its settle functions. */
class Deferred<T> {
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
class StaleError extends Error {
  constructor() {
    super('stale connection');
    this.name = 'StaleError';
  }
}

/** The resources of one signalling connection (one join). */
interface Connection {
  readonly signaling: SignalingClient;
  device: Device | null;
  sendTransport: Transport | null;
  recvTransport: Transport | null;
  /** Resolves once the recv transport exists; subscriptions wait on it. */
  readonly recvReady: Deferred<void>;
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
}

function toConferenceError(error: unknown, fallback: ConferenceErrorCode = 'internal'): ConferenceError {
  if (error instanceof ConferenceError) return error;
  const message = (error as { message?: string } | null)?.message || String(error);
  return new ConferenceError(fallback, message, { cause: error });
}

function createDevice(): Device {
  try {
    return new Device();
  } catch (error) {
    if ((error as { name?: string } | null)?.name !== 'UnsupportedError') throw error;
    // Headless Chromium on an origin where detection fails: Chrome111 is the modern handler.
    log.debug('handler detection failed; falling back to Chrome111');
    return new Device({ handlerName: 'Chrome111' });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A conference session against the conf-kit server. Create it with
 * `ConferenceClient.createCallSession()`.
 *
 * @event localstream - the local camera/mic stream is ready (or changed)
 * @event remotetrack - a remote track arrived
 * @event publishers - the set of publishers changed
 * @event publisherleft - a publisher left
 * @event subscribed - this session now consumes a publisher
 * @event error - something failed (also in `state.error`)
 * @event closed - the session ended
 */
export class ConferenceSession implements SessionLike {
  readonly userId: string;
  readonly name: string;
  readonly callType: CallType;
  readonly autoSubscribe: boolean;
  /** Main state: connection, roomId, self, publishers, error. */
  readonly state: ReadableStore<SessionSnapshot>;
  /** Mic levels and the active speaker. */
  readonly levels: ReadableStore<LevelsSnapshot>;

  readonly #init: ConferenceSessionInit;
  readonly #state: Store<SessionSnapshot>;
  readonly #levels = new Store<LevelsSnapshot>(EMPTY_LEVELS);
  readonly #events = new Emitter<SessionEventMap>();
  readonly #queue = new SerialQueue();
  readonly #userQueue = new KeyedQueue();
  /** Simulcast layers, audio-only, bitrate cap and the stats loop (src/session/quality.ts). */
  readonly #quality: QualityManager;

  #conn: Connection | null = null;
  #roomId: string | null = null;
  /** Bumped by leave(): joins queued before it are cancelled, reconnect loops stop. */
  #generation = 0;
  readonly #tracks: Record<LocalSource, MediaStreamTrack | null> = { mic: null, camera: null };
  /** Users we want to consume. */
  readonly #wanted = new Set<string>();
  /** Users explicitly unsubscribed: auto-subscribe leaves them alone. */
  readonly #optedOut = new Set<string>();
  /** Devices (src/session/devices.ts) and screen sharing (src/session/screen-share.ts). */
  readonly #devices: DeviceController;
  readonly #screen: ScreenShareController;

  constructor(init: ConferenceSessionInit) {
    // mediaConfig's minimums go into the camera constraints of every new local stream.
    this.#init = init.mediaConfig
      ? { ...init, videoConstraints: withMinimums(init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS, init.mediaConfig) }
      : init;
    this.userId = init.userId;
    this.name = init.name ?? init.userId;
    this.callType = init.callType ?? 'video';
    this.autoSubscribe = init.autoSubscribe ?? true;
    this.#state = new Store(createInitialSnapshot({ userId: this.userId, name: this.name, callType: this.callType }));
    this.state = this.#state;
    this.levels = this.#levels;
    const internals = this.#internals();
    this.#devices = new DeviceController(internals);
    this.#screen = new ScreenShareController(internals);
    this.#quality = new QualityManager(
      {
        userId: this.userId,
        state: this.#state,
        request: (method, params) => (this.#conn && !this.#conn.retired ? this.#conn.signaling.request(method, params) : null),
        consumers: () => this.#conn?.consumers.values() ?? [],
        producer: (source) => this.#conn?.producers.get(source),
        emit: (event, payload) => this.#events.emit(event, payload),
      },
      { statsReportsInterval: init.statsReportsInterval, mediaConfig: init.mediaConfig },
    );
    this.statsReports = this.#quality.statsReports;
  }

  // -------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------

  on<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  off<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): void {
    this.#events.off(event, listener);
  }

  // -------------------------------------------------------------------------
  // Public API
  // -------------------------------------------------------------------------

  /**
   * Joins `roomId`: connects, gets local media (degrading to audio-only or receive-only with a
   * notice in `state.error`), publishes, and subscribes to everyone (unless autoSubscribe is false).
   * Resolves once published and the initial subscriptions are done. Rejects with a ConferenceError
   * (for example `room-full`), also reported in `state.error`.
   */
  join(roomId: string): Promise<void> {
    const generation = this.#generation;
    return this.#queue.push(async () => {
      if (generation !== this.#generation) {
        throw new ConferenceError('not-joined', 'join() was cancelled by leave()');
      }
      const { connection } = this.#state.getSnapshot();
      if (connection === 'connecting' || connection === 'joined' || connection === 'reconnecting') {
        throw this.#report(new ConferenceError('already-joined', `already ${connection}`));
      }
      this.#roomId = roomId;
      this.#wanted.clear();
      this.#optedOut.clear();
      this.#levels.set(EMPTY_LEVELS);
      this.#state.update((s) => ({ ...s, connection: 'connecting', roomId: null, publishers: {}, error: null }));
      log.debug('join', roomId, 'as', this.userId);

      const wantVideo = this.callType === 'video';
      const media = acquireLocalMedia(
        wantVideo,
        this.#devices.constrain('audio', this.#init.audioConstraints ?? DEFAULT_AUDIO_CONSTRAINTS),
        this.#devices.constrain('video', this.#init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS),
      );
      // Device lists become labelled once permission is granted: read them again then.
      void media.then(() => this.#devices.start(), () => this.#devices.start());
      try {
        await this.#connectRoom(roomId, media);
      } catch (error) {
        // Tracks not adopted yet still need stopping.
        void media.then((m) => {
          if (m.audio !== this.#tracks.mic) m.audio?.stop();
          if (m.video !== this.#tracks.camera) m.video?.stop();
        });
        if (error instanceof StaleError) {
          throw new ConferenceError('not-joined', 'join() was aborted by leave()');
        }
        this.#stopLocalTracks();
        const err = toConferenceError(error);
        this.#state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {} }));
        throw this.#report(err);
      }
    });
  }

  /**
   * Leaves the room: tells the server, closes transports, stops local tracks; state becomes
   * 'closed' and `closed` {reason: 'left'} is emitted right away. Never rejects.
   */
  async leave(): Promise<void> {
    this.#generation++;
    const conn = this.#conn;
    this.#conn = null;
    const { connection } = this.#state.getSnapshot();
    if (!conn && (connection === 'idle' || connection === 'closed')) {
      this.#stopLocalTracks();
      return;
    }
    let ack: Promise<unknown> = Promise.resolve();
    if (conn && connection === 'joined' && conn.signaling.isOpen) {
      ack = conn.signaling.request('leave', {}, { timeoutMs: LEAVE_TIMEOUT_MS }).catch((error: unknown) => {
        log.debug('leave request failed (ignored)', error);
      });
    }
    // The socket stays open until the server acknowledged `leave`; the rest goes now.
    if (conn) this.#retire(conn, false);
    this.#stopLocalTracks();
    this.#wanted.clear();
    this.#optedOut.clear();
    this.#levels.set(EMPTY_LEVELS);
    this.#state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {} }));
    this.#devices.stop();
    this.#events.emit('closed', { reason: 'left' });
    await ack;
    conn?.signaling.close();
  }

  /** Consumes every mic and camera producer of `userId` (and new ones as they appear). */
  subscribeToPublisher(userId: string): Promise<void> {
    const conn = this.#conn;
    const { connection } = this.#state.getSnapshot();
    if (!conn || (connection !== 'joined' && connection !== 'connecting')) {
      return Promise.reject(this.#report(new ConferenceError('not-joined', 'subscribeToPublisher() needs a joined session')));
    }
    this.#optedOut.delete(userId);
    return this.#subscribe(conn, userId).catch((error: unknown) => {
      if (error instanceof StaleError) throw new ConferenceError('not-joined', 'the session left or reconnected');
      throw this.#report(toConferenceError(error));
    });
  }

  /** Stops consuming `userId`: closes its consumers; its tracks become null. */
  unsubscribeFromPublisher(userId: string): Promise<void> {
    this.#wanted.delete(userId);
    this.#optedOut.add(userId);
    const conn = this.#conn;
    if (!conn) {
      this.#state.update((s) => setPublisherSubscribed(s, userId, false));
      return Promise.resolve();
    }
    return this.#userQueue.push(userId, async () => {
      const entries = [...conn.consumers.values()].filter((entry) => entry.userId === userId);
      for (const entry of entries) this.#dropConsumer(conn, entry, false);
      if (this.#isCurrent(conn)) this.#state.update((s) => setPublisherSubscribed(s, userId, false));
      await Promise.allSettled(
        entries.map((entry) => conn.signaling.request('closeConsumer', { consumerId: entry.consumer.id })),
      );
    });
  }

  /**
   * Mutes or unmutes the microphone, locally at once and for everyone (the server pauses the
   * producer). Unmuting without a microphone tries to get one and publish it.
   */
  setMicrophoneMute(muted: boolean): Promise<void> {
    return this.#setSourceEnabled('mic', !muted);
  }

  /**
   * Turns the camera on or off (producer paused, track disabled). In a video call without a
   * camera yet, enabling tries to get one and publish it. Ignored in audio calls.
   */
  setVideoEnabled(enabled: boolean): Promise<void> {
    return this.#setSourceEnabled('camera', enabled);
  }

  /**
   * RTCStatsReport of the consumer of `userId`'s mic ('audio') or camera ('video'), or null.
   * `source` picks a screen share instead ('screen', 'screen-audio').
   */
  async getConsumerStats(
    userId: string,
    kind: MediaKind,
    source: MediaSource = kind === 'audio' ? 'mic' : 'camera',
  ): Promise<RTCStatsReport | null> {
    const conn = this.#conn;
    if (!conn) return null;
    for (const entry of conn.consumers.values()) {
      if (entry.userId === userId && entry.kind === kind && entry.source === source && !entry.consumer.closed) {
        return entry.consumer.getStats().catch(() => null);
      }
    }
    return null;
  }

  // -------------------------------------------------------------------------
  // Devices and screen sharing (logic in ./devices.ts and ./screen-share.ts; docs/devices.md)
  // -------------------------------------------------------------------------

  /** The cameras (`state.devices.cameras`), re-read now; unlabelled before permission (`devices.labelled`). */
  getCameras(): Promise<DeviceSummary[]> {
    return this.#devices.getCameras();
  }

  /** The microphones, re-read now. */
  getAudioInputs(): Promise<DeviceSummary[]> {
    return this.#devices.getAudioInputs();
  }

  /** The audio outputs (speakers, headsets), re-read now. */
  getAudioOutputs(): Promise<DeviceSummary[]> {
    return this.#devices.getAudioOutputs();
  }

  /**
   * Switches to the camera `{deviceId}`; without one, flips between the front and back camera.
   * Resolves to whether the front camera is now in use. No renegotiation (replaceTrack); before
   * joining it records the choice for the join.
   */
  switchCamera(options?: SwitchCameraOptions | string): Promise<boolean> {
    return this.#devices.switchCamera(options);
  }

  /** Switches to the microphone `deviceId` (mute state kept); before joining, records the choice. */
  switchMicrophone(deviceId: string): Promise<void> {
    return this.#devices.switchMicrophone(deviceId);
  }

  /**
   * Plays remote audio on `deviceId` ('' = default): `state.devices.current.audiooutput`, which
   * the elements apply with setSinkId to every remote media element, present and future. Rejects
   * with an UnsupportedError (code 'unsupported') where the browser has no setSinkId.
   */
  selectAudioOutput(deviceId: string): Promise<void> {
    return this.#devices.selectAudioOutput(deviceId);
  }

  /** Publishes `stream`'s audio and video tracks in place of the mic and camera. */
  replaceMediaStream(stream: MediaStream): Promise<void> {
    return this.#devices.replaceMediaStream(stream);
  }

  /** Turns the camera torch on or off; UnsupportedError where the camera track has no torch. */
  setTorchEnabled(enabled: boolean): Promise<void> {
    return this.#devices.setTorchEnabled(enabled);
  }

  /**
   * `enableScreenSharing(true, {withAudio})` publishes the screen (and its audio when granted) as
   * its own stream beside the camera; `enableScreenSharing(false)` stops it. The browser's own
   * "Stop sharing" stops it too. A refused picker rejects with `screen-share-denied`.
   */
  enableScreenSharing(enabled: boolean, options?: ScreenShareOptions): Promise<void> {
    return this.#screen.enable(enabled, options);
  }

  // -------------------------------------------------------------------------
  // Simulcast, temporal layers, bandwidth and stats (docs/quality.md, src/session/quality.ts)
  // -------------------------------------------------------------------------

  /** `{userId, stats, micLevel, videoBitrate, ...}` per user every `statsReportsInterval` ms (none when 0). */
  readonly statsReports: EventStreamLike<StatsReport>;

  /** Asks the server to forward `type` ('high' | 'medium' | 'low') of `userId`'s camera. */
  requestPreferredStreamForOpponent(userId: string, type: StreamType): Promise<void> {
    return this.#quality.requestStreams({ [userId]: type });
  }

  /** requestPreferredStreamForOpponent for many users, in one request. */
  requestPreferredStreamsForOpponents(types: Readonly<Record<string, StreamType>>): Promise<void> {
    return this.#quality.requestStreams(types);
  }

  /** Selects the temporal layer (frame rate: 0 lowest, 2 full) of `userId`'s camera. */
  requestPreferredLayerForOpponentStream(userId: string, layer: TemporalLayer): Promise<void> {
    return this.#quality.requestLayers({ [userId]: layer });
  }

  /** requestPreferredLayerForOpponentStream for many users, in one request. */
  requestPreferredLayersForOpponentsStreams(layers: Readonly<Record<string, TemporalLayer>>): Promise<void> {
    return this.#quality.requestLayers(layers);
  }

  /** 'auto' | 'high' | 'medium' | 'low' | 'audio-only' (pauses the video consumer server-side). */
  setOpponentQuality(userId: string, quality: QualityPreference): Promise<void> {
    return this.#quality.setQuality(userId, quality);
  }

  /** Caps your own video in kbps (encodings and the server's transport); 0 or null removes it. */
  setMaxBandwidth(kbps: number | null): Promise<void> {
    return this.#quality.setMaxBandwidth(kbps);
  }

  /** The cap from setMaxBandwidth (or mediaConfig.maxBandwidth), null when none. */
  get maxBandwidth(): number | null {
    return this.#quality.maxBandwidth;
  }

  /** Runs the stats loop at least every `intervalMs` until the returned function is called. */
  watchStats(intervalMs: number, listener?: (sample: StatsSample) => void): () => void {
    return this.#quality.watchStats(intervalMs, listener);
  }

  /** RTCStatsReport of the local producer of `source`, or null. */
  async getProducerStats(source: MediaSource): Promise<RTCStatsReport | null> {
    const producer = this.#conn?.producers.get(source as LocalSource) ?? this.#extraProducers.get(source);
    if (!producer || producer.closed) return null;
    return producer.getStats().catch(() => null);
  }

  // -------------------------------------------------------------------------
  // Connecting and joining
  // -------------------------------------------------------------------------

  /**
   * Opens a connection, joins, publishes and subscribes. `media` is the pending local media for a
   * first join, or null to reuse the session's current tracks (reconnect). On failure the
   * connection is retired and the error rethrown (StaleError if it was retired meanwhile).
   */
  async #connectRoom(roomId: string, media: Promise<LocalMedia> | null): Promise<void> {
    const signaling = new SignalingClient(this.#init.signalingUrl, {
      timeoutMs: this.#init.socketTimeoutMs,
      keepAliveMs: this.#init.keepAliveMs,
      WebSocket: this.#init.WebSocket,
    });
    const conn: Connection = {
      signaling,
      device: null,
      sendTransport: null,
      recvTransport: null,
      recvReady: new Deferred<void>(),
      producers: new Map(),
      consumers: new Map(),
      consumerIds: new Map(),
      closedConsumerIds: new Set(),
      infos: new Map(),
      ready: false,
      buffered: [],
      offs: [],
      retired: false,
    };
    this.#conn = conn;
    this.#wireSignaling(conn);
    let subscriptions: Promise<unknown> = Promise.resolve();
    try {
      await signaling.connect();
      this.#check(conn);
      const result = await signaling.request('join', {
        protocolVersion: PROTOCOL_VERSION,
        roomId,
        userId: this.userId,
        name: this.name,
        callType: this.callType,
      });
      this.#check(conn);
      this.#quality.onJoined();

      // The recv transport does not depend on local media: ask for it right away.
      const recvInfoPromise = signaling.request('createTransport', { direction: 'recv' });
      recvInfoPromise.catch(() => undefined);

      const device = createDevice();
      try {
        await device.load({ routerRtpCapabilities: result.routerRtpCapabilities as RtpCapabilities });
      } catch (error) {
        throw new ConferenceError('unsupported', `cannot load the mediasoup device: ${String(error)}`, { cause: error });
      }
      this.#check(conn);
      conn.device = device;

      // Publishers from the join result, then notifications that arrived meanwhile.
      for (const info of result.publishers) {
        if (info.userId !== this.userId) conn.infos.set(info.userId, info);
      }
      this.#state.update((s) => applyJoinResult(s, result.publishers));
      conn.ready = true;
      for (const replay of conn.buffered.splice(0)) replay();
      this.#emitPublishers();

      const recvBranch = (async () => {
        const info = await recvInfoPromise;
        this.#check(conn);
        conn.recvTransport = this.#createTransport(conn, 'recv', info);
        conn.recvReady.resolve();
      })();
      recvBranch.catch((error: unknown) => conn.recvReady.reject(error));

      // Subscriptions start now and wait for the recv transport, in parallel with publishing.
      subscriptions = Promise.all(
        [...conn.infos.keys()]
          .filter((userId) => this.#shouldAutoSubscribe(userId))
          .map((userId) =>
            this.#subscribe(conn, userId).catch((error: unknown) => {
              if (!(error instanceof StaleError)) this.#report(toConferenceError(error));
            }),
          ),
      );

      const sendBranch = (async () => {
        if (media) {
          const local = await media;
          this.#check(conn);
          this.#adoptLocalMedia(local);
        }
        if (!this.#tracks.mic && !this.#tracks.camera) return; // receive-only
        await this.#ensureSendTransport(conn);
        await this.#publishLocal(conn);
      })();

      await Promise.all([recvBranch, sendBranch]);
      this.#check(conn);
    } catch (error) {
      const stale = !this.#isCurrent(conn);
      this.#retire(conn);
      if (!stale) this.#conn = null;
      throw stale ? new StaleError() : error;
    }
    this.#state.update((s) => setConnection({ ...s, roomId }, 'joined'));
    log.debug('joined', roomId);
    // Joined from here on: a subscription failing (or a reconnect starting) does not fail the join.
    await subscriptions;
  }

  /** Takes the result of getUserMedia: tracks into the session, notice into state.error. */
  #adoptLocalMedia(local: LocalMedia): void {
    this.#tracks.mic = local.audio;
    this.#tracks.camera = local.video;
    const self = this.#state.getSnapshot().self;
    if (local.audio) local.audio.enabled = !self.audioMuted;
    if (local.video) local.video.enabled = self.videoEnabled;
    this.#state.update((s) =>
      updateSelf(s, {
        audioMuted: s.self.audioMuted || !local.audio,
        videoEnabled: s.self.videoEnabled && !!local.video,
      }),
    );
    this.#updateLocalStream();
    if (local.notice) {
      log.warn('local media degraded', local.notice.code, local.notice.message);
      this.#report(local.notice);
    }
  }

  /** Rebuilds self.stream from the local tracks (a new object) and emits `localstream`. */
  #updateLocalStream(): void {
    const tracks = [this.#tracks.mic, this.#tracks.camera].filter((t): t is MediaStreamTrack => t !== null);
    const stream = tracks.length > 0 ? createStream(tracks) : null;
    this.#state.update((s) => updateSelf(s, { stream }));
    this.#devices.syncCurrent();
    if (stream) this.#events.emit('localstream', { stream });
  }

  #stopLocalTracks(): void {
    this.#tracks.mic?.stop();
    this.#tracks.camera?.stop();
    this.#tracks.mic = null;
    this.#tracks.camera = null;
    this.#state.update((s) => updateSelf(s, { stream: null }));
  }

  #createTransport(conn: Connection, direction: 'send' | 'recv', info: TransportInfo): Transport {
    const device = conn.device!;
    const options = {
      id: info.id,
      iceParameters: info.iceParameters as never,
      iceCandidates: info.iceCandidates as never,
      dtlsParameters: info.dtlsParameters as never,
    };
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      conn.signaling
        .request('connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        conn.signaling
          .request('produce', {
            transportId: transport.id,
            kind,
            rtpParameters,
            source: appData.source as MediaSource,
            paused: Boolean(appData.paused),
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      log.debug(direction, 'transport', state);
      if (state === 'failed' && this.#isCurrent(conn) && this.#state.getSnapshot().connection === 'joined') {
        log.warn(direction, 'transport failed; reconnecting');
        this.#startReconnect(conn);
      }
    });
    return transport;
  }

  async #ensureSendTransport(conn: Connection): Promise<Transport> {
    if (conn.sendTransport) return conn.sendTransport;
    const info = await conn.signaling.request('createTransport', { direction: 'send' });
    this.#check(conn);
    if (!conn.sendTransport) conn.sendTransport = this.#createTransport(conn, 'send', info);
    return conn.sendTransport;
  }

  /** Produces the local mic and camera in parallel. Failures are reported, not thrown. */
  async #publishLocal(conn: Connection): Promise<void> {
    const sources = (['mic', 'camera'] as const).filter((source) => this.#tracks[source]);
    const results = await Promise.allSettled(sources.map((source) => this.#produce(conn, source)));
    this.#check(conn);
    for (const result of results) {
      if (result.status === 'rejected') this.#report(toConferenceError(result.reason, 'media-failed'));
    }
  }

  async #produce(conn: Connection, source: LocalSource): Promise<Producer> {
    const track = this.#tracks[source];
    const transport = conn.sendTransport;
    if (!track || !transport) throw new ConferenceError('media-failed', `no ${source} to publish`);
    const paused = !this.#desired(source);
    const appData = { source, paused };
    let producer: Producer;
    try {
      producer =
        source === 'camera'
          ? await transport.produce({
              track,
              encodings: this.#quality.cameraEncodings(),
              codec: this.#pickVideoCodec(conn),
              codecOptions: { videoGoogleStartBitrate: 1000 },
              stopTracks: false,
              appData,
            })
          : await transport.produce({
              track,
              codecOptions: { opusStereo: false, opusDtx: true, opusFec: true },
              stopTracks: false,
              appData,
            });
    } catch (error) {
      if (!this.#isCurrent(conn)) throw new StaleError();
      throw toConferenceError(error, 'media-failed');
    }
    if (!this.#isCurrent(conn)) {
      producer.close();
      throw new StaleError();
    }
    if (paused) producer.pause(); // The server created it paused already (appData.paused).
    conn.producers.set(source, producer);
    producer.on('trackended', () => {
      // The device controller falls back to another device, and reports only if none works.
      log.warn(source, 'track ended');
    });
    log.debug('producing', source, producer.id);
    return producer;
  }

  #pickVideoCodec(conn: Connection): RtpCodecCapability | undefined {
    return conn.device?.sendRtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
  }

  #setFlag(source: LocalSource, on: boolean): void {
    this.#state.update((s) => updateSelf(s, source === 'mic' ? { audioMuted: !on } : { videoEnabled: on }));
  }

  #desired(source: LocalSource): boolean {
    const { self } = this.#state.getSnapshot();
    return source === 'mic' ? !self.audioMuted : self.videoEnabled;
  }

  /**
   * The local effect (state flag, track.enabled) is immediate, so the UI never waits behind a
   * join or a reconnect; the producer and the server follow in the queue, from the latest flag.
   */
  #setSourceEnabled(source: LocalSource, enabled: boolean): Promise<void> {
    if (source === 'camera' && enabled && this.callType !== 'video') {
      log.debug('setVideoEnabled(true) ignored in an audio call');
      return Promise.resolve();
    }
    const track = this.#tracks[source];
    const { connection } = this.#state.getSnapshot();
    if (track) {
      track.enabled = enabled;
      this.#setFlag(source, enabled);
    } else if (!enabled || connection !== 'joined') {
      // Without a device: a preference, applied when joining (and only if the device exists).
      this.#setFlag(source, enabled);
    }
    return this.#queue.push(() => this.#syncSource(source, enabled));
  }

  async #syncSource(source: LocalSource, enabled: boolean): Promise<void> {
    const conn = this.#conn;
    if (!conn || this.#state.getSnapshot().connection !== 'joined') return; // Applied on (re)publish.

    if (enabled && !this.#tracks[source]) {
      let track: MediaStreamTrack;
      try {
        track =
          source === 'mic'
            ? await getTrack('audio', this.#devices.constrain('audio', this.#init.audioConstraints ?? DEFAULT_AUDIO_CONSTRAINTS))
            : await getTrack('video', this.#devices.constrain('video', this.#init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS));
      } catch (error) {
        throw this.#report(toConferenceError(error, 'media-failed'));
      }
      if (!this.#isCurrent(conn) || this.#tracks[source]) {
        track.stop();
        return;
      }
      this.#tracks[source] = track;
      this.#setFlag(source, true);
      this.#updateLocalStream();
      try {
        await this.#ensureSendTransport(conn);
        await this.#produce(conn, source);
      } catch (error) {
        if (error instanceof StaleError) return;
        throw this.#report(toConferenceError(error, 'media-failed'));
      }
      return;
    }

    const producer = conn.producers.get(source);
    if (!producer || producer.closed) return;
    const desired = this.#desired(source);
    if (producer.paused === !desired) return;
    if (desired) producer.resume();
    else producer.pause();
    try {
      await conn.signaling.request('setProducerPaused', { producerId: producer.id, paused: !desired });
    } catch (error) {
      if (!this.#isCurrent(conn)) return;
      throw this.#report(toConferenceError(error));
    }
  }

  // -------------------------------------------------------------------------
  // The seam for ./devices.ts and ./screen-share.ts
  // -------------------------------------------------------------------------

  /** Screen producers by source, for getProducerStats. */
  readonly #extraProducers = new Map<MediaSource, Producer>();

  #internals(): SessionInternals {
    return {
      callType: this.callType,
      state: this.#state,
      emit: (event, payload) => this.#events.emit(event, payload),
      report: (error) => this.#report(error),
      exclusive: (task) => this.#queue.push(task),
      localTrack: (source) => this.#tracks[source],
      setLocalTrack: (source, track) => this.#setLocalTrack(source, track),
      baseConstraints: (kind) =>
        kind === 'audio'
          ? (this.#init.audioConstraints ?? DEFAULT_AUDIO_CONSTRAINTS)
          : (this.#init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS),
      produceExtra: (source, track) => this.#produceExtra(source, track),
      closeExtra: (producer) => this.#closeExtra(producer),
    };
  }

  async #setLocalTrack(source: LocalSource, track: MediaStreamTrack): Promise<void> {
    const old = this.#tracks[source];
    if (old === track) return;
    this.#tracks[source] = track;
    if (!old) this.#setFlag(source, source === 'mic' || this.callType === 'video');
    track.enabled = this.#desired(source);
    this.#updateLocalStream();
    const conn = this.#conn;
    try {
      if (conn && this.#isCurrent(conn) && this.#state.getSnapshot().connection === 'joined') {
        const producer = conn.producers.get(source);
        if (producer && !producer.closed) {
          await producer.replaceTrack({ track });
        } else {
          await this.#ensureSendTransport(conn);
          await this.#produce(conn, source);
        }
      }
    } catch (error) {
      if (error instanceof StaleError) return;
      throw toConferenceError(error, 'media-failed');
    } finally {
      if (old && old !== this.#tracks[source]) old.stop();
    }
  }

  async #produceExtra(source: 'screen' | 'screen-audio', track: MediaStreamTrack): Promise<Producer> {
    const conn = this.#conn;
    if (!conn || !this.#isCurrent(conn) || this.#state.getSnapshot().connection !== 'joined') {
      throw new ConferenceError('not-joined', 'screen sharing needs a joined session');
    }
    const transport = await this.#ensureSendTransport(conn);
    let producer: Producer;
    try {
      producer =
        source === 'screen'
          ? await transport.produce({
              track,
              encodings: [{ ...SCREEN_ENCODING }],
              codec: this.#pickVideoCodec(conn),
              codecOptions: { videoGoogleStartBitrate: 1000 },
              stopTracks: false,
              appData: { source },
            })
          : await transport.produce({ track, codecOptions: { opusStereo: true, opusFec: true }, stopTracks: false, appData: { source } });
    } catch (error) {
      if (!this.#isCurrent(conn)) throw new ConferenceError('not-joined', 'the session left or reconnected');
      throw toConferenceError(error, 'media-failed');
    }
    if (!this.#isCurrent(conn)) {
      producer.close();
      throw new ConferenceError('not-joined', 'the session left or reconnected');
    }
    this.#extraProducers.set(source, producer);
    log.debug('producing', source, producer.id);
    return producer;
  }

  #closeExtra(producer: Producer): void {
    const source = producer.appData.source as MediaSource;
    if (this.#extraProducers.get(source) === producer) this.#extraProducers.delete(source);
    if (producer.closed) return;
    producer.close();
    const conn = this.#conn;
    if (conn && this.#isCurrent(conn)) {
      conn.signaling.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
    }
  }

  // -------------------------------------------------------------------------
  // Subscriptions
  // -------------------------------------------------------------------------

  #shouldAutoSubscribe(userId: string): boolean {
    return this.#wanted.has(userId) || (this.autoSubscribe && !this.#optedOut.has(userId));
  }

  #subscribe(conn: Connection, userId: string): Promise<void> {
    this.#wanted.add(userId);
    return this.#userQueue.push(userId, async () => {
      await conn.recvReady.promise;
      this.#check(conn);
      if (!this.#wanted.has(userId)) return; // Unsubscribed meanwhile.
      if (!conn.infos.has(userId)) throw new ConferenceError('not-found', `no publisher ${userId} in the room`);
      await this.#consumeMissing(conn, userId);
      this.#check(conn);
      if (!this.#wanted.has(userId) || !conn.infos.has(userId)) return;
      this.#state.update((s) => setPublisherSubscribed(s, userId, true));
      this.#events.emit('subscribed', { userId });
    });
  }

  /** Consumes the user's mic/camera producers not consumed yet (in parallel); drops removed ones. */
  async #consumeMissing(conn: Connection, userId: string): Promise<void> {
    const info = conn.infos.get(userId);
    if (!info) return;
    // Camera and mic, and screen shares ('screen', 'screen-audio') as their own slot.
    const wantedProducers = info.producers.filter((p) => CONSUMED_SOURCES.has(p.source));
    const live = new Set(wantedProducers.map((p) => p.id));
    for (const entry of [...conn.consumers.values()]) {
      if (entry.userId === userId && !live.has(entry.producerId)) this.#dropConsumer(conn, entry, true);
    }
    const todo = wantedProducers.filter((p) => !conn.consumers.has(p.id));
    if (todo.length === 0) return;
    const results = await Promise.allSettled(todo.map((producer) => this.#consume(conn, userId, producer)));
    this.#check(conn);
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      const error = result.reason;
      if (error instanceof StaleError) throw error;
      // The producer closed between the announcement and our consume: not an error.
      if (error instanceof ConferenceError && error.code === 'not-found') continue;
      this.#report(toConferenceError(error));
    }
  }

  async #consume(conn: Connection, userId: string, producer: ProducerInfo): Promise<void> {
    const device = conn.device!;
    const recvTransport = conn.recvTransport!;
    const info = await conn.signaling.request('consume', {
      producerId: producer.id,
      rtpCapabilities: device.recvRtpCapabilities,
    });
    this.#check(conn);
    const unwanted = () =>
      !this.#wanted.has(userId) || !conn.infos.has(userId) || conn.closedConsumerIds.delete(info.id);
    if (unwanted()) {
      void conn.signaling.request('closeConsumer', { consumerId: info.id }).catch(() => undefined);
      return;
    }
    let consumer: Consumer;
    try {
      consumer = await recvTransport.consume({
        id: info.id,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as RtpParameters,
        // One stream id per user keeps its audio and video in sync.
        streamId: info.source === 'screen' || info.source === 'screen-audio' ? `conf-kit-${userId}-screen` : `conf-kit-${userId}`,
        appData: { userId, source: info.source },
      });
    } catch (error) {
      this.#check(conn);
      throw toConferenceError(error, 'media-failed');
    }
    if (!this.#isCurrent(conn)) {
      consumer.close();
      throw new StaleError();
    }
    if (unwanted()) {
      consumer.close();
      void conn.signaling.request('closeConsumer', { consumerId: info.id }).catch(() => undefined);
      return;
    }
    const entry: ConsumerEntry = { consumer, userId, producerId: info.producerId, source: info.source, kind: info.kind };
    conn.consumers.set(info.producerId, entry);
    conn.consumerIds.set(info.id, info.producerId);
    consumer.on('transportclose', () => this.#dropConsumer(conn, entry, true));
    consumer.on('trackended', () => this.#dropConsumer(conn, entry, true));

    // Preferred layers first; an audio-only viewer leaves the camera consumer paused.
    const keepPaused = await this.#quality.prepareConsumer(entry);
    this.#check(conn);
    if (!keepPaused) await conn.signaling.request('resumeConsumer', { consumerId: info.id });
    this.#check(conn);
    if (consumer.closed) return;

    this.#state.update((s) => setPublisherSourceTrack(s, userId, info.source, info.kind, consumer.track, createStream));
    const publisher = this.#state.getSnapshot().publishers[userId];
    const stream = info.source === 'screen' || info.source === 'screen-audio' ? publisher?.screen?.stream : publisher?.stream;
    if (stream) this.#events.emit('remotetrack', { userId, kind: info.kind, track: consumer.track, stream, source: info.source });
    log.debug('consuming', userId, info.source, info.id);
    if (info.kind === 'video' && !keepPaused) this.#watchFirstFrame(conn, entry);
  }

  /**
   * A cheap guard against a lost first keyframe: a few times after resuming, if the consumer has
   * not decoded any frame yet, ask the server for another keyframe.
   */
  #watchFirstFrame(conn: Connection, entry: ConsumerEntry): void {
    let attempt = 0;
    const check = async () => {
      if (!this.#isCurrent(conn) || entry.consumer.closed) return;
      const producer = conn.infos.get(entry.userId)?.producers.find((p) => p.id === entry.producerId);
      if (!producer || producer.paused) return; // Nothing to decode; the SFU asks for one on resume.
      let frames: number;
      try {
        frames = framesDecoded(await entry.consumer.getStats());
      } catch {
        return;
      }
      if (frames > 0 || !this.#isCurrent(conn) || entry.consumer.closed) return;
      log.debug('no frame decoded yet from', entry.userId, '- requesting a keyframe');
      conn.signaling.request('requestKeyFrame', { consumerId: entry.consumer.id }).catch(() => undefined);
      attempt += 1;
      if (attempt < KEYFRAME_CHECK_DELAYS_MS.length) setTimeout(check, KEYFRAME_CHECK_DELAYS_MS[attempt]);
    };
    setTimeout(check, KEYFRAME_CHECK_DELAYS_MS[0]);
  }

  /** Closes a consumer locally and forgets it; optionally clears its track from the state. */
  #dropConsumer(conn: Connection, entry: ConsumerEntry, updateState: boolean): void {
    if (conn.consumers.get(entry.producerId) === entry) {
      conn.consumers.delete(entry.producerId);
      conn.consumerIds.delete(entry.consumer.id);
    }
    if (!entry.consumer.closed) entry.consumer.close();
    if (updateState && this.#isCurrent(conn)) {
      this.#state.update((s) =>
        removePublisherSourceTrack(s, entry.userId, entry.source, entry.kind, entry.consumer.track, createStream),
      );
    }
  }

  // -------------------------------------------------------------------------
  // Notifications
  // -------------------------------------------------------------------------

  #wireSignaling(conn: Connection): void {
    const { signaling } = conn;
    /** Room notifications wait until the join result is applied. */
    const room = <M extends NotificationMethod>(method: M, handler: (data: Notifications[M]) => void) => {
      conn.offs.push(
        signaling.on(method, ((data: Notifications[M]) => {
          if (!this.#isCurrent(conn)) return;
          if (!conn.ready) conn.buffered.push(() => handler(data));
          else handler(data);
        }) as never),
      );
    };
    room('publisherJoined', ({ publisher }) => this.#onPublisherJoined(conn, publisher));
    room('publisherUpdated', ({ publisher }) => this.#onPublisherUpdated(conn, publisher));
    room('publisherLeft', ({ userId }) => this.#onPublisherLeft(conn, userId));
    room('consumerClosed', ({ consumerId }) => {
      const producerId = conn.consumerIds.get(consumerId);
      const entry = producerId ? conn.consumers.get(producerId) : undefined;
      if (entry) this.#dropConsumer(conn, entry, true);
      else conn.closedConsumerIds.add(consumerId);
    });
    room('audioLevels', ({ levels }) => {
      const ids = [this.userId, ...Object.keys(this.#state.getSnapshot().publishers)];
      this.#levels.update((prev) => applyAudioLevels(prev, levels, ids));
    });
    room('activeSpeaker', ({ userId }) => this.#levels.update((prev) => applyActiveSpeaker(prev, userId)));
    room('consumerLayersChanged', (data) => this.#quality.onLayersChanged(data));
    room('consumerScore', (data) => this.#quality.onScore(data));
    conn.offs.push(
      signaling.on('replaced', () => {
        this.#closeWith(conn, new ConferenceError('replaced', 'this user joined again from another connection'), 'replaced');
      }),
      signaling.on('roomClosed', ({ reason }) => {
        this.#closeWith(conn, new ConferenceError('room-closed', `the room was closed: ${reason}`), 'room-closed');
      }),
      signaling.on('disconnected', ({ code }) => {
        if (!this.#isCurrent(conn)) return;
        log.warn('signalling lost, code', code);
        // While connecting, the pending requests fail and join() reports it.
        if (this.#state.getSnapshot().connection === 'joined') this.#startReconnect(conn);
      }),
    );
  }

  #onPublisherJoined(conn: Connection, info: PublisherInfo): void {
    if (info.userId === this.userId) return;
    // A known userId rejoined: the consumers of its old connection are dead.
    for (const entry of [...conn.consumers.values()]) {
      if (entry.userId === info.userId) this.#dropConsumer(conn, entry, false);
    }
    conn.infos.set(info.userId, info);
    this.#state.update((s) => applyPublisherJoined(s, info));
    this.#emitPublishers();
    if (this.#shouldAutoSubscribe(info.userId)) this.#subscribeInBackground(conn, info.userId);
  }

  #onPublisherUpdated(conn: Connection, info: PublisherInfo): void {
    if (info.userId === this.userId) return;
    const known = conn.infos.has(info.userId);
    conn.infos.set(info.userId, info);
    this.#state.update((s) => applyPublisherUpdated(s, info));
    this.#emitPublishers();
    if (!known) {
      if (this.#shouldAutoSubscribe(info.userId)) this.#subscribeInBackground(conn, info.userId);
      return;
    }
    if (!this.#wanted.has(info.userId)) return;
    this.#userQueue
      .push(info.userId, async () => {
        await conn.recvReady.promise;
        this.#check(conn);
        if (this.#wanted.has(info.userId)) await this.#consumeMissing(conn, info.userId);
      })
      .catch((error: unknown) => {
        if (!(error instanceof StaleError)) this.#report(toConferenceError(error));
      });
  }

  #onPublisherLeft(conn: Connection, userId: string): void {
    for (const entry of [...conn.consumers.values()]) {
      if (entry.userId === userId) this.#dropConsumer(conn, entry, false);
    }
    conn.infos.delete(userId);
    this.#wanted.delete(userId);
    this.#optedOut.delete(userId);
    this.#state.update((s) => applyPublisherLeft(s, userId));
    this.#levels.update((prev) => removeLevel(prev, userId));
    this.#events.emit('publisherleft', { userId });
    this.#emitPublishers();
  }

  #subscribeInBackground(conn: Connection, userId: string): void {
    this.#subscribe(conn, userId).catch((error: unknown) => {
      if (error instanceof StaleError) return;
      if (error instanceof ConferenceError && error.code === 'not-found') return; // Left meanwhile.
      this.#report(toConferenceError(error));
    });
  }

  #emitPublishers(): void {
    this.#events.emit('publishers', { userIds: Object.keys(this.#state.getSnapshot().publishers) });
  }

  // -------------------------------------------------------------------------
  // Closing and reconnecting
  // -------------------------------------------------------------------------

  #isCurrent(conn: Connection): boolean {
    return this.#conn === conn && !conn.retired;
  }

  #check(conn: Connection): void {
    if (!this.#isCurrent(conn)) throw new StaleError();
  }

  /** Closes everything of a connection. Local tracks survive (reconnect reuses them). */
  #retire(conn: Connection, closeSignaling = true): void {
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

  /** The server ended this session (replaced, room closed) or reconnecting gave up. */
  #closeWith(conn: Connection | null, error: ConferenceError, reason: string): void {
    if (conn) {
      if (!this.#isCurrent(conn)) return;
      this.#retire(conn);
    }
    this.#conn = null;
    this.#generation++;
    this.#stopLocalTracks();
    this.#wanted.clear();
    this.#optedOut.clear();
    this.#levels.set(EMPTY_LEVELS);
    this.#state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {} }));
    this.#devices.stop();
    this.#report(error);
    this.#events.emit('closed', { reason });
  }

  #startReconnect(conn: Connection): void {
    if (!this.#isCurrent(conn)) return;
    this.#retire(conn);
    this.#conn = null;
    this.#levels.set(EMPTY_LEVELS);
    this.#state.update((s) => clearAllSubscriptions(setConnection(s, 'reconnecting')));
    const generation = this.#generation;
    void this.#queue.push(() => this.#reconnectLoop(generation));
  }

  async #reconnectLoop(generation: number): Promise<void> {
    const roomId = this.#roomId;
    const stillReconnecting = () =>
      generation === this.#generation && this.#state.getSnapshot().connection === 'reconnecting';
    if (!roomId) return;
    for (const [attempt, delay] of RECONNECT_DELAYS_MS.entries()) {
      await sleep(delay);
      if (!stillReconnecting()) return;
      log.debug('reconnect attempt', attempt + 1);
      try {
        await this.#connectRoom(roomId, null);
        log.debug('reconnected');
        return;
      } catch (error) {
        if (error instanceof StaleError || !stillReconnecting()) return;
        const err = toConferenceError(error);
        log.warn('reconnect attempt failed', err.code, err.message);
        if (!RETRYABLE.has(err.code)) {
          this.#closeWith(null, err, err.code);
          return;
        }
      }
    }
    if (stillReconnecting()) {
      this.#closeWith(null, new ConferenceError('server-unreachable', 'could not reconnect to the server'), 'server-unreachable');
    }
  }

  // -------------------------------------------------------------------------

  /** Records the error in state.error, emits `error`, returns it. */
  #report(error: ConferenceError): ConferenceError {
    log.debug('error', error.code, error.message);
    this.#state.update((s) => setError(s, { code: error.code, message: error.message }));
    this.#events.emit('error', { error });
    return error;
  }
}
