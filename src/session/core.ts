/**
 * SessionCore: the state every part of a ConferenceSession shares (stores, events, queues, the
 * current connection, who is wanted), and the one way errors are reported. The parts
 * (lifecycle, publisher, subscriber, notifications, reconnect, local tracks, devices, screen,
 * quality) each hold the core; none holds another's private state.
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { CallType } from '../protocol/protocol.js';
import type { WebSocketConstructor } from '../signaling/SignalingClient.js';
import { EMPTY_LEVELS } from '../state/levels.js';
import { createInitialSnapshot, setError } from '../state/publishers.js';
import { Store } from '../state/store.js';
import type { LevelsSnapshot, SessionSnapshot } from '../state/types.js';
import { Emitter } from '../util/emitter.js';
import { StaleError, toConferenceError, type Connection } from './connection.js';
import { DEFAULT_AUDIO_CONSTRAINTS, DEFAULT_VIDEO_CONSTRAINTS } from './media.js';
import { KeyedQueue, SerialQueue } from './queue.js';
import { withMinimums } from './quality.js';
import type { ConferenceSessionOptions, SessionEventMap } from './types.js';

const log = createLogger('conf-kit:session');

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

export class SessionCore {
  readonly init: ConferenceSessionInit;
  readonly userId: string;
  readonly name: string;
  readonly callType: CallType;
  readonly autoSubscribe: boolean;
  readonly state: Store<SessionSnapshot>;
  readonly levels = new Store<LevelsSnapshot>(EMPTY_LEVELS);
  readonly events = new Emitter<SessionEventMap>();
  /** Lifecycle and local-media operations (join, reconnect, mute, device switches), one at a time. */
  readonly queue = new SerialQueue();
  /** Subscriptions, serialised per remote user and parallel across users. */
  readonly userQueue = new KeyedQueue();

  conn: Connection | null = null;
  roomId: string | null = null;
  /** Bumped whenever the session ends: joins queued before are cancelled, reconnect loops stop. */
  generation = 0;
  /** Users we want to consume. */
  readonly wanted = new Set<string>();
  /** Users explicitly unsubscribed: auto-subscribe leaves them alone. */
  readonly optedOut = new Set<string>();
  readonly #reported = new WeakSet<ConferenceError>();

  constructor(init: ConferenceSessionInit) {
    // mediaConfig's minimums go into the camera constraints of every new local stream.
    this.init = init.mediaConfig
      ? { ...init, videoConstraints: withMinimums(init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS, init.mediaConfig) }
      : init;
    this.userId = init.userId;
    this.name = init.name ?? init.userId;
    this.callType = init.callType ?? 'video';
    this.autoSubscribe = init.autoSubscribe ?? true;
    this.state = new Store(createInitialSnapshot({ userId: this.userId, name: this.name, callType: this.callType }));
  }

  isCurrent(conn: Connection): boolean {
    return this.conn === conn && !conn.retired;
  }

  /** Throws a StaleError unless `conn` is still the current connection. */
  check(conn: Connection): void {
    if (!this.isCurrent(conn)) throw new StaleError();
  }

  /** The current connection when joined, else null. */
  joinedConnection(): Connection | null {
    const conn = this.conn;
    return conn && this.isCurrent(conn) && this.state.getSnapshot().connection === 'joined' ? conn : null;
  }

  /**
   * The one way failures reach the app: records the error in `state.error` and emits `error`,
   * once per error object (reporting it again is a no-op), and returns it.
   */
  report(error: ConferenceError): ConferenceError {
    if (this.#reported.has(error)) return error;
    this.#reported.add(error);
    log.debug('error', error.code, error.message);
    this.state.update((s) => setError(s, { code: error.code, message: error.message }));
    this.events.emit('error', { error });
    return error;
  }

  /**
   * Runs a public operation and reports its failure: whatever it throws becomes a ConferenceError
   * (`fallback` code for foreign errors), goes to report(), and is rethrown.
   */
  async reporting<T>(operation: () => Promise<T>, fallback: ConferenceError['code'] = 'internal'): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.report(toConferenceError(error, fallback));
    }
  }

  emitPublishers(): void {
    this.events.emit('publishers', { userIds: Object.keys(this.state.getSnapshot().publishers) });
  }

  shouldAutoSubscribe(userId: string): boolean {
    return this.wanted.has(userId) || (this.autoSubscribe && !this.optedOut.has(userId));
  }

  /** The session's getUserMedia constraints (without the device choice). */
  baseConstraints(kind: 'audio' | 'video'): MediaTrackConstraints {
    return kind === 'audio'
      ? (this.init.audioConstraints ?? DEFAULT_AUDIO_CONSTRAINTS)
      : (this.init.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS);
  }
}
