/**
 * ConferenceSession: one participant in one room, the facade of the session core. The only code
 * that talks to the SFU through mediasoup-client lives in the parts it wires together:
 *
 * - ./core.ts          shared state, queues, the current connection, error reporting
 * - ./connection.ts    the resources of one signalling connection (Device, transports)
 * - ./lifecycle.ts     join, the connect sequence, the one teardown
 * - ./reconnect.ts     reconnect attempts after a lost connection
 * - ./notifications.ts server notifications -> state
 * - ./publisher.ts     producers (one produce path), mute and video toggles
 * - ./subscriber.ts    consumers, per-user queues, keyframe guard
 * - ./local-media.ts   the local tracks and self.stream
 * - ./devices.ts, ./screen-share.ts, ./quality.ts  devices, screen sharing, layers and stats
 *
 * Concurrency model: everything of one signalling connection lives in a `Connection`; leaving,
 * being replaced or losing it retires it, and every async step re-checks after each `await`.
 * Lifecycle and local-media operations run one at a time in a queue; subscriptions per user.
 *
 * Errors are reported one way: every failure of a public operation (devices, screen sharing,
 * quality, mute) is a ConferenceError in `state.error` plus the `error` event, and the rejection.
 */
import { ConferenceError } from '../errors.js';
import type { CallType, MediaKind, MediaSource } from '../protocol/protocol.js';
import type { EventStreamLike } from '../stats/EventStream.js';
import type { RecordingState } from '../protocol/protocol.js';
import type { DeviceSummary, LevelsSnapshot, ReadableStore, SessionSnapshot } from '../state/types.js';
import { StaleError, toConferenceError } from './connection.js';
import { SessionCore, type ConferenceSessionInit } from './core.js';
import { SessionAuth } from './auth.js';
import { DeviceController } from './devices.js';
import type { SessionInternals } from './internals.js';
import { Lifecycle } from './lifecycle.js';
import { NetworkQualityMonitor } from '../network/monitor.js';
import { UplinkHealer } from '../network/uplink-healer.js';
import { LocalTracks } from './local-media.js';
import { Publisher } from './publisher.js';
import { QualityManager } from './quality.js';
import { RecordingControls } from './recording.js';
import type { QualityPreference, StatsReport, StatsSample, StreamType, TemporalLayer } from './quality-types.js';
import { ScreenShareController } from './screen-share.js';
import { SessionChat } from './chat.js';
import type { ChatMessage } from '../protocol/protocol.js';
import { Subscriber } from './subscriber.js';
import type {
  ScreenShareOptions,
  SessionEventMap,
  SessionEventName,
  SessionLike,
  SwitchCameraOptions,
} from './types.js';

export type { ConferenceSessionInit } from './core.js';

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

  readonly #c: SessionCore;
  readonly #local: LocalTracks;
  readonly #publisher: Publisher;
  readonly #subscriber: Subscriber;
  readonly #lifecycle: Lifecycle;
  /** Simulcast layers, audio-only, bitrate cap and the stats loop (src/session/quality.ts). */
  readonly #quality: QualityManager;
  /** Devices (src/session/devices.ts) and screen sharing (src/session/screen-share.ts). */
  readonly #devices: DeviceController;
  readonly #screen: ScreenShareController;
  /** The room chat (src/session/chat.ts). */
  readonly #chat: SessionChat;
  /** startRecording/stopRecording (src/session/recording.ts). */
  readonly #recording: RecordingControls;
  /** Tokens, permissions and moderation (src/session/auth.ts, docs/auth.md). */
  readonly #auth: SessionAuth;

  constructor(init: ConferenceSessionInit) {
    const c = (this.#c = new SessionCore(init));
    this.userId = c.userId;
    this.name = c.name;
    this.callType = c.callType;
    this.autoSubscribe = c.autoSubscribe;
    this.state = c.state;
    this.levels = c.levels;
    this.#quality = new QualityManager(
      {
        userId: c.userId,
        state: c.state,
        request: (method, params) => (c.conn && !c.conn.retired ? c.conn.signaling.request(method, params) : null),
        consumers: () => c.conn?.consumers.values() ?? [],
        producer: (source) => c.conn?.producers.get(source),
        recvTransport: () => c.conn?.recvTransport,
        emit: (event, payload) => c.events.emit(event, payload),
      },
      { statsReportsInterval: init.statsReportsInterval, mediaConfig: init.mediaConfig },
    );
    this.statsReports = this.#quality.statsReports;
    // Network quality and uplink self-healing (docs/network-quality.md, src/network/).
    const network = new NetworkQualityMonitor({
      state: c.state,
      watchStats: (ms, listener) => this.#quality.watchStats(ms, listener),
      reportUplink: (quality) => void c.conn?.signaling.request('reportUplinkQuality', { quality })?.catch(() => undefined),
    });
    c.events.on('uplinkquality', (data) => network.onUplinkQuality(data));
    new UplinkHealer({
      state: c.state,
      producer: () => c.conn?.producers.get('camera') ?? null,
      dropTopLayer: (producer, dropped) => this.#quality.dynacast.dropTopLayer(producer, dropped),
    });
    this.#local = new LocalTracks(c, () => this.#devices);
    this.#publisher = new Publisher(c, this.#local, this.#quality);
    this.#subscriber = new Subscriber(c, this.#quality);
    const internals = this.#internals();
    this.#devices = new DeviceController(internals);
    this.#screen = new ScreenShareController(internals);
    this.#chat = new SessionChat(c);
    this.#recording = new RecordingControls(c);
    this.#auth = new SessionAuth(c, init.token, {
      disableSource: (source) => void this.#publisher.setSourceEnabled(source, false).catch(() => undefined),
    });
    this.#lifecycle = new Lifecycle(c, {
      auth: this.#auth,
      local: this.#local,
      publisher: this.#publisher,
      subscriber: this.#subscriber,
      quality: this.#quality,
      devices: this.#devices,
    });
  }

  // -------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------

  on<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): () => void {
    return this.#c.events.on(event, listener);
  }

  off<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): void {
    this.#c.events.off(event, listener);
  }

  // -------------------------------------------------------------------------
  // Joining, leaving, subscribing, local media (./lifecycle.ts, ./subscriber.ts, ./publisher.ts)
  // -------------------------------------------------------------------------

  /**
   * Joins `roomId`: connects, gets local media (degrading to audio-only or receive-only with a
   * notice in `state.error`), publishes, and subscribes to everyone (unless autoSubscribe is false).
   * Resolves once published and the initial subscriptions are done. Rejects with a ConferenceError
   * (for example `room-full`), also reported in `state.error`.
   */
  join(roomId: string): Promise<void> {
    return this.#lifecycle.join(roomId);
  }

  /**
   * Leaves the room: tells the server, closes transports, stops local tracks; state becomes
   * 'closed' and `closed` {reason: 'left'} is emitted right away. Never rejects.
   */
  leave(): Promise<void> {
    return this.#lifecycle.leave();
  }

  /** Consumes every mic and camera producer of `userId` (and new ones as they appear). */
  subscribeToPublisher(userId: string): Promise<void> {
    const c = this.#c;
    const conn = c.conn;
    const { connection } = c.state.getSnapshot();
    if (!conn || (connection !== 'joined' && connection !== 'connecting')) {
      return Promise.reject(c.report(new ConferenceError('not-joined', 'subscribeToPublisher() needs a joined session')));
    }
    c.optedOut.delete(userId);
    return this.#subscriber.subscribe(conn, userId).catch((error: unknown) => {
      if (error instanceof StaleError) throw new ConferenceError('not-joined', 'the session left or reconnected');
      throw c.report(toConferenceError(error));
    });
  }

  /** Stops consuming `userId`: closes its consumers; its tracks become null. */
  unsubscribeFromPublisher(userId: string): Promise<void> {
    return this.#subscriber.unsubscribe(userId);
  }

  /**
   * Mutes or unmutes the microphone, locally at once and for everyone (the server pauses the
   * producer). Unmuting without a microphone tries to get one and publish it.
   */
  setMicrophoneMute(muted: boolean): Promise<void> {
    return this.#enable('mic', !muted);
  }

  /**
   * Turns the camera on or off (producer paused, track disabled). In a video call without a
   * camera yet, enabling tries to get one and publish it. Ignored in audio calls.
   */
  setVideoEnabled(enabled: boolean): Promise<void> {
    return this.#enable('camera', enabled);
  }

  /** Turning a source on needs the grant (a listener gets `forbidden`) and clears a moderator's mute notice. */
  #enable(source: 'mic' | 'camera', enabled: boolean): Promise<void> {
    if (enabled && (source === 'mic' || this.callType === 'video')) {
      try {
        this.#auth.assertCanPublish(source);
      } catch (error) {
        return Promise.reject(error);
      }
      this.#auth.sourceEnabled(source);
    }
    return this.#publisher.setSourceEnabled(source, enabled);
  }

  /**
   * RTCStatsReport of the consumer of `userId`'s mic ('audio') or camera ('video'), or null.
   * `source` picks a screen share instead ('screen', 'screen-audio').
   */
  getConsumerStats(userId: string, kind: MediaKind, source: MediaSource = kind === 'audio' ? 'mic' : 'camera'): Promise<RTCStatsReport | null> {
    return this.#subscriber.stats(userId, kind, source);
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
    return this.#c.reporting(() => this.#devices.switchCamera(options));
  }

  /** Switches to the microphone `deviceId` (mute state kept); before joining, records the choice. */
  switchMicrophone(deviceId: string): Promise<void> {
    return this.#c.reporting(() => this.#devices.switchMicrophone(deviceId));
  }

  /**
   * Plays remote audio on `deviceId` ('' = default): `state.devices.current.audiooutput`, which
   * the elements apply with setSinkId to every remote media element, present and future. Rejects
   * with an UnsupportedError (code 'unsupported') where the browser has no setSinkId.
   */
  selectAudioOutput(deviceId: string): Promise<void> {
    return this.#c.reporting(() => this.#devices.selectAudioOutput(deviceId));
  }

  /** Publishes `stream`'s audio and video tracks in place of the mic and camera. */
  replaceMediaStream(stream: MediaStream): Promise<void> {
    return this.#c.reporting(() => this.#devices.replaceMediaStream(stream));
  }

  /** Turns the camera torch on or off; UnsupportedError where the camera track has no torch. */
  setTorchEnabled(enabled: boolean): Promise<void> {
    return this.#c.reporting(() => this.#devices.setTorchEnabled(enabled));
  }

  /**
   * `enableScreenSharing(true, {withAudio})` publishes the screen (and its audio when granted) as
   * its own stream beside the camera; `enableScreenSharing(false)` stops it. The browser's own
   * "Stop sharing" stops it too. A refused picker rejects with `screen-share-denied`.
   */
  enableScreenSharing(enabled: boolean, options?: ScreenShareOptions): Promise<void> {
    if (enabled) {
      try {
        this.#auth.assertCanPublish('screen');
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#c.reporting(() => this.#screen.enable(enabled, options), 'media-failed');
  }

  /**
   * Posts `text` to the room chat (1..4000 characters after trim); resolves with the stored
   * message, also added to `state.chat` and emitted as `chatmessage` (docs/meetings.md).
   */
  sendChatMessage(text: string): Promise<ChatMessage> {
    return this.#chat.send(text);
  }

  /** Sets `state.chat.unread` to 0. */
  markChatRead(): void {
    this.#chat.markRead();
  }

  // -------------------------------------------------------------------------
  // Moderation (./auth.ts, docs/auth.md): needs the `admin` grant, else `forbidden`
  // -------------------------------------------------------------------------

  /** Pauses `userId`'s producer of `source` on the server; they see `self.moderatorMute` and may unmute. */
  muteParticipant(userId: string, source: MediaSource): Promise<void> {
    return this.#auth.muteParticipant(userId, source);
  }

  /** Removes `userId` from the room: their session ends with `removed` and does not reconnect. */
  removeParticipant(userId: string): Promise<void> {
    return this.#auth.removeParticipant(userId);
  }

  /** Ends the room for everyone (they get `room-closed`); this session ends with `closed` {reason: 'ended'}. */
  endMeetingForAll(): Promise<void> {
    return this.#auth.endMeetingForAll();
  }

  // -------------------------------------------------------------------------
  // Simulcast, temporal layers, bandwidth and stats (docs/quality.md, src/session/quality.ts)
  // -------------------------------------------------------------------------

  /** `{userId, stats, micLevel, videoBitrate, ...}` per user every `statsReportsInterval` ms (none when 0). */
  readonly statsReports: EventStreamLike<StatsReport>;

  /** Asks the server to forward `type` ('high' | 'medium' | 'low') of `userId`'s camera. */
  requestPreferredStreamForOpponent(userId: string, type: StreamType): Promise<void> {
    return this.#c.reporting(() => this.#quality.requestStreams({ [userId]: type }));
  }

  /** requestPreferredStreamForOpponent for many users, in one request. */
  requestPreferredStreamsForOpponents(types: Readonly<Record<string, StreamType>>): Promise<void> {
    return this.#c.reporting(() => this.#quality.requestStreams(types));
  }

  /** Selects the temporal layer (frame rate: 0 lowest, 2 full) of `userId`'s camera. */
  requestPreferredLayerForOpponentStream(userId: string, layer: TemporalLayer): Promise<void> {
    return this.#c.reporting(() => this.#quality.requestLayers({ [userId]: layer }));
  }

  /** requestPreferredLayerForOpponentStream for many users, in one request. */
  requestPreferredLayersForOpponentsStreams(layers: Readonly<Record<string, TemporalLayer>>): Promise<void> {
    return this.#c.reporting(() => this.#quality.requestLayers(layers));
  }

  /** 'auto' | 'high' | 'medium' | 'low' | 'audio-only' (pauses the video consumer server-side). */
  setOpponentQuality(userId: string, quality: QualityPreference): Promise<void> {
    return this.#c.reporting(() => this.#quality.setQuality(userId, quality));
  }

  /** Adaptive stream's layer for `userId`'s tile (null: none); a manual choice wins over it. */
  requestAdaptiveStreamForOpponent(userId: string, type: StreamType | null): Promise<void> {
    return this.#c.reporting(() => this.#quality.setAdaptiveStream(userId, type));
  }

  /** Adaptive stream: pauses (hidden) or resumes `userId`'s camera video; not a preference. */
  setOpponentVideoVisible(userId: string, visible: boolean): Promise<void> {
    return this.#c.reporting(() => this.#quality.setVideoVisible(userId, visible));
  }

  /** Caps your own video in kbps (encodings and the server's transport); 0 or null removes it. */
  setMaxBandwidth(kbps: number | null): Promise<void> {
    return this.#c.reporting(() => this.#quality.setMaxBandwidth(kbps));
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
  getProducerStats(source: MediaSource): Promise<RTCStatsReport | null> {
    return this.#publisher.producerStats(source);
  }

  // -------------------------------------------------------------------------
  // Recording (docs/recording.md, src/session/recording.ts)
  // -------------------------------------------------------------------------

  /**
   * Starts recording the room (idempotent) and resolves to `state.recording`. Rejects with a
   * ConferenceError `forbidden` without the `record` or `admin` grant (or being the meeting
   * host), `not-joined` outside a room.
   */
  startRecording(): Promise<RecordingState> {
    return this.#recording.start();
  }

  /** Stops recording the room; the server composes the file in the background. Same errors. */
  stopRecording(): Promise<RecordingState> {
    return this.#recording.stop();
  }

  // -------------------------------------------------------------------------
  // The seam for ./devices.ts and ./screen-share.ts
  // -------------------------------------------------------------------------

  #internals(): SessionInternals {
    const c = this.#c;
    return {
      callType: c.callType,
      state: c.state,
      emit: (event, payload) => c.events.emit(event, payload),
      report: (error) => c.report(error),
      exclusive: (task) => c.queue.push(task),
      localTrack: (source) => this.#local.get(source),
      setLocalTrack: (source, track) => this.#publisher.setLocalTrack(source, track),
      baseConstraints: (kind) => c.baseConstraints(kind),
      produceExtra: (source, track) => this.#publisher.produceExtra(source, track),
      closeExtra: (producer) => this.#publisher.closeExtra(producer),
    };
  }
}
