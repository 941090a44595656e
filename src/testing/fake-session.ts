/**
 * A scriptable SessionLike for component tests and stories. No network, no mediasoup: tests drive
 * it with methods (`setConnection`, `addPublisher`, `setLevels`, `setError`, ...) and read back
 * the calls the elements made (`calls`, `callsTo`). Snapshots are immutable, like the real one.
 */
import { ConferenceError } from '../errors.js';
import type { CallType } from '../protocol/protocol.js';
import type { SessionEventMap, SessionEventName, SessionLike } from '../session/types.js';
import { Store } from '../state/store.js';
import type {
  ConferenceErrorCode,
  ConnectionState,
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

  readonly #listeners = new Map<SessionEventName, Set<Listener>>();

  constructor(options: FakeSessionOptions = {}) {
    this.userId = options.userId ?? 'me';
    this.joinError = options.joinError;
    this.joinDelay = options.joinDelay ?? 0;
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
      },
      publishers: {},
      error: null,
    });
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
    this.setSelf({ audioMuted: muted });
  }

  async setVideoEnabled(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setVideoEnabled', args: [enabled] });
    this.setSelf({ videoEnabled: enabled });
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
}
