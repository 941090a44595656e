/**
 * A scriptable SessionLike for component tests and stories. No network, no mediasoup: tests drive
 * it with methods (`setConnection`, `addPublisher`, `setLevels`, `setError`, ...) and read back
 * the calls the elements made (`calls`, `callsTo`). Snapshots are immutable, like the real one.
 */
import { ConferenceError, UnsupportedError } from '../errors.js';
import { EMPTY_DEVICES } from '../state/empty.js';
import { EMPTY_CHAT, markChatRead } from '../state/chat.js';
import type { ChatMessage } from '../protocol/protocol.js';
import { fakeChatHistory, fakeReceiveChat, fakeSendChat } from './fake-chat.js';
import { setCurrentDevice, setDeviceLists, setLastFallback, summarizeDevices } from '../state/devices.js';
import type { CallType, MediaSource, Permissions, RecordingState } from '../protocol/protocol.js';
import { applyRecording, NOT_RECORDING } from '../state/recording.js';
import { fakeRecordingRequest } from './fake-recording.js';
import { fakeGaveUp, fakeReconnected, fakeReconnecting } from './fake-reconnect.js';
import { DEFAULT_PERMISSIONS, fakeEndForAll, fakeMute, fakeMutedByModerator, fakeRemove, fakeRemoved } from './fake-moderation.js';
import type {
  ScreenShareOptions,
  SessionEventMap,
  SessionEventName,
  SessionLike,
  SwitchCameraOptions,
} from '../session/types.js';
import { Store } from '../state/store.js';
import type { NetworkStatus } from '../network/assess.js';
import { patchPublisherQuality, publisherQuality, type PublisherQuality } from '../state/quality.js';
import type { QualityPreference, StatsReport, StatsSample, StreamType, TemporalLayer } from '../session/quality-types.js';
import { EventStream } from '../stats/EventStream.js';
import type {
  ConferenceErrorCode,
  ConnectionState,
  DeviceKind,
  DeviceSummary,
  LevelsSnapshot,
  PublisherState,
  SelfState,
  SessionSnapshot,
} from '../state/types.js';

export interface FakeSessionOptions {
  userId?: string;
  name?: string;
  callType?: CallType;
  stream?: MediaStream | null;
  /** What `join()` does: succeed (default), or fail with this error (also put in the state). */
  joinError?: { code: ConferenceErrorCode; message?: string };
  /** Milliseconds `join()` stays in `connecting` (default 0: joined after a microtask). */
  joinDelay?: number;
  /**
   * Fixed device lists for getCameras()/getAudioInputs()/getAudioOutputs() and `state.devices`.
   * Default: the browser's real `enumerateDevices()`.
   */
  devices?: DeviceSummary[];
  /** Whether selectAudioOutput works (default true); false makes it throw an UnsupportedError. */
  audioOutputSupported?: boolean;
  /** What enableScreenSharing(true) does: succeed (default) or reject with this error. */
  screenShareError?: { code: ConferenceErrorCode; message?: string };
  /** Milliseconds enableScreenSharing(true) takes (default 0). */
  screenShareDelay?: number;
  /**
   * `self.permissions` (docs/auth.md; see ADMIN_PERMISSIONS, LISTENER_PERMISSIONS): a partial set is
   * completed with the defaults (no record/admin grant). Default null (not joined yet).
   */
  permissions?: Partial<Permissions> | null;
  /** The room's recording at start (default: not recording). */
  recording?: RecordingState;
}

export interface FakeCall {
  method: string;
  args: unknown[];
}

type Listener = (payload: never) => void;

export class FakeSession implements SessionLike {
  readonly userId: string;
  readonly state: Store<SessionSnapshot>;
  readonly levels = new Store<LevelsSnapshot>({ levels: {}, activeSpeaker: null });
  /** Every SessionLike method call, in order. */
  readonly calls: FakeCall[] = [];
  joinError: FakeSessionOptions['joinError'];
  joinDelay: number;
  screenShareError: FakeSessionOptions['screenShareError'];
  screenShareDelay: number;
  /** When set, moderation calls reject with this error (else they follow the `admin` grant). */
  moderationError: { code: ConferenceErrorCode; message?: string } | undefined;
  #fixedDevices: DeviceSummary[] | undefined;

  readonly #listeners = new Map<SessionEventName, Set<Listener>>();

  constructor(options: FakeSessionOptions = {}) {
    this.userId = options.userId ?? 'me';
    this.joinError = options.joinError;
    this.joinDelay = options.joinDelay ?? 0;
    this.screenShareError = options.screenShareError;
    this.screenShareDelay = options.screenShareDelay ?? 0;
    this.#fixedDevices = options.devices;
    const callType = options.callType ?? 'video';
    this.state = new Store<SessionSnapshot>({
      connection: 'idle',
      roomId: null,
      self: {
        userId: this.userId,
        name: options.name ?? 'Me',
        callType,
        audioMuted: false,
        videoEnabled: callType === 'video',
        stream: options.stream ?? null,
        screenSharing: false,
        screen: null,
        permissions: options.permissions ? { ...DEFAULT_PERMISSIONS, ...options.permissions } : null,
        moderatorMute: null,
      },
      publishers: {},
      error: null,
      devices: { ...EMPTY_DEVICES, audioOutputSupported: options.audioOutputSupported ?? true },
      chat: EMPTY_CHAT,
      recording: options.recording ?? NOT_RECORDING,
    });
    if (options.devices) this.setDevices(options.devices);
  }

  get snapshot(): SessionSnapshot {
    return this.state.getSnapshot();
  }

  callsTo(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  // --- scripting ---------------------------------------------------------------------------

  setConnection(connection: ConnectionState, roomId: string | null = this.snapshot.roomId): void {
    this.state.update((s) => ({ ...s, connection, roomId }));
  }

  // Reconnect (docs/reliability.md; ./fake-reconnect.ts): lost, attempt n, back, or gave up.
  reconnecting = (attempt = 0): void => fakeReconnecting(this, attempt);
  reconnected = (): void => fakeReconnected(this);
  gaveUp = (code: ConferenceErrorCode = 'server-unreachable', message = 'could not reconnect to the server'): void => fakeGaveUp(this, code, message);

  setSelf(patch: Partial<SelfState>): void {
    this.state.update((s) => ({ ...s, self: { ...s.self, ...patch } }));
    if (patch.stream) this.emit('localstream', { stream: patch.stream });
  }

  addPublisher(partial: Partial<PublisherState> & { userId: string }): PublisherState {
    const stream = partial.stream ?? null;
    const publisher: PublisherState = {
      name: partial.userId,
      callType: 'video',
      audioMuted: false,
      videoEnabled: true,
      subscribed: !!stream,
      tracks: {
        audio: stream?.getAudioTracks()[0] ?? null,
        video: stream?.getVideoTracks()[0] ?? null,
      },
      stream,
      screen: null,
      ...partial,
    };
    this.state.update((s) => ({ ...s, publishers: { ...s.publishers, [publisher.userId]: publisher } }));
    this.emit('publishers', { userIds: Object.keys(this.snapshot.publishers) });
    return publisher;
  }

  updatePublisher(userId: string, patch: Partial<PublisherState>): void {
    const current = this.snapshot.publishers[userId];
    if (!current) throw new Error(`no publisher ${userId}`);
    this.state.update((s) => ({ ...s, publishers: { ...s.publishers, [userId]: { ...current, ...patch } } }));
    this.emit('publishers', { userIds: Object.keys(this.snapshot.publishers) });
  }

  removePublisher(userId: string): void {
    const { [userId]: _removed, ...rest } = this.snapshot.publishers;
    this.state.update((s) => ({ ...s, publishers: rest }));
    this.emit('publisherleft', { userId });
  }

  setLevels(levels: Record<string, number>, activeSpeaker: string | null = null): void {
    this.levels.set({ levels: { ...levels }, activeSpeaker });
  }

  setError(code: ConferenceErrorCode, message: string = code): ConferenceError {
    const error = new ConferenceError(code, message);
    this.state.update((s) => ({ ...s, error: { code, message } }));
    this.emit('error', { error });
    return error;
  }

  clearError(): void {
    this.state.update((s) => ({ ...s, error: null }));
  }

  /** Replaces the device lists (a hot-plug): updates `state.devices` and emits `devicechange`. */
  setDevices(devices: DeviceSummary[], labelled = devices.some((d) => d.label !== '')): void {
    this.#fixedDevices = devices;
    this.state.update((s) => setDeviceLists(s, { ...summarizeDevices(devices), labelled }));
    this.emit('devicechange', { devices: this.snapshot.devices });
  }

  /** Sets the device in use of one kind (as the real session does after a switch or a fallback). */
  setCurrentDevice(kind: DeviceKind, deviceId: string | null): void {
    this.state.update((s) =>
      kind === 'audiooutput' ? setCurrentDevice(s, kind, deviceId ?? '') : setCurrentDevice(s, kind, deviceId),
    );
    this.emit('devicechange', { devices: this.snapshot.devices });
  }

  /** Simulates the active device disappearing: falls back to `deviceId`, says so in state and in an event. */
  fallBack(kind: DeviceKind, deviceId: string | null): void {
    const previousDeviceId = this.snapshot.devices.current[kind] ?? '';
    const fallback = { kind, previousDeviceId, deviceId, at: Date.now() };
    this.state.update((s) => setLastFallback(s, fallback));
    this.setCurrentDevice(kind, deviceId);
    this.emit('devicefallback', fallback);
  }

  /** Sets `state.recording`, as a `recordingChanged` notification would (someone else started or stopped). */
  setRecording(recording: RecordingState): void {
    this.state.update((s) => applyRecording(s, recording));
  }

  /** Simulates the browser's own "Stop sharing" button. */
  endScreenShare(): void {
    if (!this.snapshot.self.screenSharing) return;
    this.setSelf({ screenSharing: false, screen: null });
    this.emit('screensharing', { active: false, withAudio: false, reason: 'ended' });
  }

  emit<K extends SessionEventName>(event: K, payload: SessionEventMap[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as (p: SessionEventMap[K]) => void)(payload);
  }

  // --- SessionLike -------------------------------------------------------------------------

  async join(roomId: string): Promise<void> {
    this.calls.push({ method: 'join', args: [roomId] });
    this.state.update((s) => ({ ...s, connection: 'connecting', roomId, error: null }));
    await new Promise((resolve) => setTimeout(resolve, this.joinDelay));
    if (this.joinError) {
      const error = this.setError(this.joinError.code, this.joinError.message);
      this.setConnection('closed');
      throw error;
    }
    this.setConnection('joined');
  }

  async startRecording(): Promise<RecordingState> {
    this.calls.push({ method: 'startRecording', args: [] });
    return fakeRecordingRequest(this.state, true, (e) => this.setError(e.code, e.message));
  }

  async stopRecording(): Promise<RecordingState> {
    this.calls.push({ method: 'stopRecording', args: [] });
    return fakeRecordingRequest(this.state, false, (e) => this.setError(e.code, e.message));
  }

  async leave(): Promise<void> {
    this.calls.push({ method: 'leave', args: [] });
    this.setConnection('closed');
    this.emit('closed', { reason: 'left' });
  }

  async subscribeToPublisher(userId: string): Promise<void> {
    this.calls.push({ method: 'subscribeToPublisher', args: [userId] });
    if (this.snapshot.publishers[userId]) this.updatePublisher(userId, { subscribed: true });
    this.emit('subscribed', { userId });
  }

  async unsubscribeFromPublisher(userId: string): Promise<void> {
    this.calls.push({ method: 'unsubscribeFromPublisher', args: [userId] });
    if (this.snapshot.publishers[userId]) this.updatePublisher(userId, { subscribed: false });
  }

  async setMicrophoneMute(muted: boolean): Promise<void> {
    this.calls.push({ method: 'setMicrophoneMute', args: [muted] });
    this.setSelf({ audioMuted: muted, ...(!muted && this.snapshot.self.moderatorMute?.source === 'mic' ? { moderatorMute: null } : {}) });
  }

  async setVideoEnabled(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setVideoEnabled', args: [enabled] });
    this.setSelf({ videoEnabled: enabled, ...(enabled && this.snapshot.self.moderatorMute?.source === 'camera' ? { moderatorMute: null } : {}) });
  }

  // --- access control (docs/auth.md; ./fake-moderation.ts) ---------------------------------

  async muteParticipant(userId: string, source: MediaSource): Promise<void> {
    this.calls.push({ method: 'muteParticipant', args: [userId, source] });
    fakeMute(this, userId, source);
  }

  async removeParticipant(userId: string): Promise<void> {
    this.calls.push({ method: 'removeParticipant', args: [userId] });
    fakeRemove(this, userId);
  }

  async endMeetingForAll(): Promise<void> {
    this.calls.push({ method: 'endMeetingForAll', args: [] });
    fakeEndForAll(this);
  }

  /** Scripting: a moderator muted your `source`. */
  mutedByModerator(source: MediaSource, by = 'moderator'): void {
    fakeMutedByModerator(this, source, by);
  }

  /** Scripting: a moderator removed you (final: error `removed`, connection 'closed'). */
  removedByModerator(by = 'moderator'): void {
    fakeRemoved(this, by);
  }

  // --- devices and screen sharing ------------------------------------------------------------

  async #list(kind: DeviceKind): Promise<DeviceSummary[]> {
    if (!this.#fixedDevices) {
      const real = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
      this.state.update((s) => setDeviceLists(s, summarizeDevices(real)));
    }
    const key = ({ videoinput: 'cameras', audioinput: 'audioInputs', audiooutput: 'audioOutputs' } as const)[kind];
    return [...this.snapshot.devices[key]];
  }

  getCameras(): Promise<DeviceSummary[]> {
    this.calls.push({ method: 'getCameras', args: [] });
    return this.#list('videoinput');
  }

  getAudioInputs(): Promise<DeviceSummary[]> {
    this.calls.push({ method: 'getAudioInputs', args: [] });
    return this.#list('audioinput');
  }

  getAudioOutputs(): Promise<DeviceSummary[]> {
    this.calls.push({ method: 'getAudioOutputs', args: [] });
    return this.#list('audiooutput');
  }

  async switchCamera(options: SwitchCameraOptions | string = {}): Promise<boolean> {
    this.calls.push({ method: 'switchCamera', args: [options] });
    const deviceId = typeof options === 'string' ? options : options.deviceId;
    if (deviceId) {
      this.setCurrentDevice('videoinput', deviceId);
      return true;
    }
    const next = this.snapshot.devices.facingMode === 'environment' ? 'user' : 'environment';
    this.state.update((s) => ({ ...s, devices: { ...s.devices, facingMode: next } }));
    return next === 'user';
  }

  async switchMicrophone(deviceId: string): Promise<void> {
    this.calls.push({ method: 'switchMicrophone', args: [deviceId] });
    this.setCurrentDevice('audioinput', deviceId);
  }

  async selectAudioOutput(deviceId: string): Promise<void> {
    this.calls.push({ method: 'selectAudioOutput', args: [deviceId] });
    if (!this.snapshot.devices.audioOutputSupported) throw new UnsupportedError('audio-output', 'no setSinkId here');
    this.setCurrentDevice('audiooutput', deviceId);
  }

  async replaceMediaStream(stream: MediaStream): Promise<void> {
    this.calls.push({ method: 'replaceMediaStream', args: [stream] });
    this.setSelf({ stream });
  }

  async setTorchEnabled(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setTorchEnabled', args: [enabled] });
    throw new UnsupportedError('torch', 'the fake camera has no torch');
  }

  async enableScreenSharing(enabled: boolean, options: ScreenShareOptions = {}): Promise<void> {
    this.calls.push({ method: 'enableScreenSharing', args: [enabled, options] });
    if (!enabled) {
      if (!this.snapshot.self.screenSharing) return;
      this.setSelf({ screenSharing: false, screen: null });
      this.emit('screensharing', { active: false, withAudio: !!options.withAudio, reason: 'stopped' });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, this.screenShareDelay));
    if (this.screenShareError) throw this.setError(this.screenShareError.code, this.screenShareError.message);
    this.setSelf({ screenSharing: true, screen: { video: null, audio: null, stream: null } });
    this.emit('screensharing', { active: true, withAudio: !!options.withAudio });
  }

  // --- simulcast, layers, bandwidth and stats (docs/quality.md) ----------------------------

  /** Active watchStats() registrations (tile badges, StatsReportsManager). */
  readonly statsWatchers = new Set<{ intervalMs: number; listener: (sample: StatsSample) => void }>();
  readonly statsReports = new EventStream<StatsReport>();
  maxBandwidth: number | null = null;

  /** Scripting: patches a publisher's `quality` (current layers, score, bitrate...). */
  setPublisherQuality(userId: string, patch: Partial<PublisherQuality>): void {
    this.state.update((s) => patchPublisherQuality(s, userId, patch));
  }

  /** Scripting: sets a publisher's (or, with `null`, your own) network status (docs/network-quality.md). */
  setNetwork(userId: string | null, network: NetworkStatus | undefined): void {
    if (userId === null) this.state.update((s) => ({ ...s, self: { ...s.self, network } }));
    else this.updatePublisher(userId, { network });
  }

  /** Scripting: delivers a stats round to every watcher and to `statsReports`. */
  emitStats(sample: StatsSample): void {
    for (const watcher of [...this.statsWatchers]) watcher.listener(sample);
    for (const user of sample.users) this.statsReports.emit(user);
  }

  async requestPreferredStreamForOpponent(userId: string, type: StreamType): Promise<void> {
    this.calls.push({ method: 'requestPreferredStreamForOpponent', args: [userId, type] });
    this.setPublisherQuality(userId, { requestedStreamType: type, audioOnly: false });
  }

  async requestPreferredStreamsForOpponents(types: Readonly<Record<string, StreamType>>): Promise<void> {
    this.calls.push({ method: 'requestPreferredStreamsForOpponents', args: [types] });
    for (const [userId, type] of Object.entries(types)) this.setPublisherQuality(userId, { requestedStreamType: type, audioOnly: false });
  }

  async requestPreferredLayerForOpponentStream(userId: string, layer: TemporalLayer): Promise<void> {
    this.calls.push({ method: 'requestPreferredLayerForOpponentStream', args: [userId, layer] });
    this.setPublisherQuality(userId, { requestedLayer: layer });
  }

  async requestPreferredLayersForOpponentsStreams(layers: Readonly<Record<string, TemporalLayer>>): Promise<void> {
    this.calls.push({ method: 'requestPreferredLayersForOpponentsStreams', args: [layers] });
    for (const [userId, layer] of Object.entries(layers)) this.setPublisherQuality(userId, { requestedLayer: layer });
  }

  async setOpponentQuality(userId: string, quality: QualityPreference): Promise<void> {
    this.calls.push({ method: 'setOpponentQuality', args: [userId, quality] });
    const current = publisherQuality(this.snapshot.publishers[userId]);
    this.setPublisherQuality(
      userId,
      quality === 'audio-only'
        ? { audioOnly: true }
        : { audioOnly: false, requestedStreamType: quality === 'auto' ? null : quality, requestedLayer: current.requestedLayer },
    );
  }

  /** Adaptive stream's layer per user (requestAdaptiveStreamForOpponent); not in state, like the real one. */
  readonly adaptiveStreams = new Map<string, StreamType | null>();
  /** Users whose video adaptive stream hid (setOpponentVideoVisible(userId, false)). */
  readonly hiddenVideo = new Set<string>();

  async requestAdaptiveStreamForOpponent(userId: string, type: StreamType | null): Promise<void> {
    this.calls.push({ method: 'requestAdaptiveStreamForOpponent', args: [userId, type] });
    this.adaptiveStreams.set(userId, type);
  }

  async setOpponentVideoVisible(userId: string, visible: boolean): Promise<void> {
    this.calls.push({ method: 'setOpponentVideoVisible', args: [userId, visible] });
    if (visible) this.hiddenVideo.delete(userId);
    else this.hiddenVideo.add(userId);
  }

  async setMaxBandwidth(kbps: number | null): Promise<void> {
    this.calls.push({ method: 'setMaxBandwidth', args: [kbps] });
    this.maxBandwidth = kbps || null;
  }

  watchStats(intervalMs: number, listener: (sample: StatsSample) => void = () => undefined): () => void {
    const watcher = { intervalMs, listener };
    this.statsWatchers.add(watcher);
    return () => this.statsWatchers.delete(watcher);
  }

  on<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => this.off(event, listener);
  }

  off<K extends SessionEventName>(event: K, listener: (payload: SessionEventMap[K]) => void): void {
    this.#listeners.get(event)?.delete(listener as Listener);
  }

  // --- chat (src/testing/fake-chat.ts): send like the server, simulate others, set history ---
  sendChatMessage = (text: string): Promise<ChatMessage> => fakeSendChat(this, text);
  markChatRead = (): void => (this.calls.push({ method: 'markChatRead', args: [] }), this.state.update(markChatRead));
  receiveChatMessage = (message: Partial<ChatMessage> & { text: string }): ChatMessage => fakeReceiveChat(this, message);
  setChat = (enabled: boolean, history: ChatMessage[] = []): void => fakeChatHistory(this, enabled, history);
}
