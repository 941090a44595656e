/**
 * Reconnector (docs/reliability.md): after the signalling or a transport is lost while joined,
 * tries to **resume** first (a new socket re-attaches to the participant the server kept; the
 * transports, producers and consumers stay, media keeps flowing) and does a **full rejoin** only
 * when resume is impossible (grace expired, server restarted). Local tracks are kept either way.
 * `serverShutdown` makes the first attempt wait exactly `reconnectInMs` and go straight to a rejoin; `roomClosed {rejoin}`
 * rejoins at once. Gives up with `server-unreachable` (or the final error) after the attempts
 * (`reconnect.maxAttempts` of the session options, default MAX_RECONNECT_ATTEMPTS).
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import { EMPTY_LEVELS } from '../state/levels.js';
import { clearAllSubscriptions, setConnection } from '../state/publishers.js';
import type { ConferenceErrorCode } from '../state/types.js';
import { retire, StaleError, toConferenceError, type Connection } from './connection.js';
import type { SessionCore } from './core.js';
import { RETRYABLE_CODES } from './retry.js';
import type { ReconnectOptions } from './types.js';

const log = createLogger('conf-kit:reconnect');

/** Reconnect attempts before giving up (about a minute: the first 20 about a second apart, within the server's resume grace). */
export const MAX_RECONNECT_ATTEMPTS = 30;
/** The largest `reconnect.maxAttempts` accepted (attempts past 20 are 4 s apart: about 11 hours). */
export const RECONNECT_ATTEMPTS_LIMIT = 10_000;

/**
 * The attempt limit of `options.reconnect` (ConferenceSessionOptions), default
 * MAX_RECONNECT_ATTEMPTS. Throws ConferenceError('invalid-params') unless `maxAttempts` is an
 * integer from 1 to RECONNECT_ATTEMPTS_LIMIT.
 */
export function reconnectMaxAttempts(options: ReconnectOptions | undefined): number {
  if (options === undefined) return MAX_RECONNECT_ATTEMPTS;
  if (typeof options !== 'object' || options === null) {
    throw new ConferenceError('invalid-params', 'reconnect: must be an object such as { maxAttempts: 5 }');
  }
  const { maxAttempts = MAX_RECONNECT_ATTEMPTS } = options;
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > RECONNECT_ATTEMPTS_LIMIT) {
    throw new ConferenceError(
      'invalid-params',
      `reconnect.maxAttempts: must be an integer from 1 to ${RECONNECT_ATTEMPTS_LIMIT}, got ${String(maxAttempts)}`,
    );
  }
  return maxAttempts;
}
/** The wait before attempt `n` (1-based) when nothing says otherwise. */
export function reconnectDelayMs(attempt: number): number {
  if (attempt <= 1) return 250;
  if (attempt <= 20) return Math.min(1000, 250 * 2 ** (attempt - 1));
  return 4000;
}
/**
 * Errors worth another reconnect attempt: those a request is retried on (retry.ts), plus a room
 * that closed under us (its worker died: rejoin recreates it). Anything else (room-full,
 * unauthorized, forbidden...) is final.
 */
const worthReconnecting = (code: ConferenceErrorCode) => RETRYABLE_CODES.has(code) || code === 'room-closed';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ReconnectHost {
  /** Tries to resume `conn` on a new socket; false when there is nothing to resume. */
  resume(conn: Connection): Promise<boolean>;
  /** Joins `roomId` again with the current local tracks. */
  connect(roomId: string): Promise<void>;
  /** Ends the session for good. */
  giveUp(error: ConferenceError): void;
}

export class Reconnector {
  readonly #c: SessionCore;
  readonly #host: ReconnectHost;
  /** Attempts before giving up (`options.reconnect.maxAttempts`, validated here at construction). */
  readonly maxAttempts: number;

  constructor(core: SessionCore, host: ReconnectHost) {
    this.#c = core;
    this.#host = host;
    this.maxAttempts = reconnectMaxAttempts(core.init.reconnect);
  }

  /**
   * Goes 'reconnecting' and queues the attempts. `resume`: keep `conn` (and its media) for a
   * resume; `rejoin`: retire it and join again at once.
   */
  start(conn: Connection, mode: 'resume' | 'rejoin' = 'resume'): void {
    const c = this.#c;
    if (!c.isCurrent(conn)) return;
    // After serverShutdown the server restarts without our state: a resume could only fail, so rejoin.
    const kept = mode === 'resume' && conn.resumeToken !== null && conn.shutdownReconnectMs === null ? conn : null;
    const firstDelay = mode === 'rejoin' ? 0 : (conn.shutdownReconnectMs ?? reconnectDelayMs(1));
    if (kept) conn.signaling.close(); // the old socket is gone (or going); its requests fail now
    else this.#drop(conn);
    c.state.update((s) => ({ ...setConnection(s, 'reconnecting'), reconnectAttempt: 0 }));
    const generation = c.generation;
    void c.queue.push(() => this.#loop(generation, kept, firstDelay));
  }

  /** Retires a connection for a full rejoin: its tiles stay, unsubscribed, until the join result. */
  #drop(conn: Connection): void {
    const c = this.#c;
    retire(conn);
    if (c.conn === conn) c.conn = null;
    c.levels.set(EMPTY_LEVELS);
    c.state.update((s) => clearAllSubscriptions(s));
  }

  async #loop(generation: number, kept: Connection | null, firstDelay: number): Promise<void> {
    const c = this.#c;
    const roomId = c.roomId;
    const stillReconnecting = () => generation === c.generation && c.state.getSnapshot().connection === 'reconnecting';
    if (!roomId) return;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await sleep(attempt === 1 ? firstDelay : reconnectDelayMs(attempt));
      if (!stillReconnecting()) return;
      c.state.update((s) => ({ ...s, reconnectAttempt: attempt }));
      log.debug('reconnect attempt', attempt, kept ? '(resume)' : '(rejoin)');
      try {
        if (kept && (await this.#host.resume(kept))) {
          if (!stillReconnecting()) return;
          c.state.update((s) => ({ ...setConnection(s, 'joined'), reconnectAttempt: 0 }));
          c.events.emit('publishers', { userIds: Object.keys(c.state.getSnapshot().publishers) });
          log.debug('resumed');
          return;
        }
        if (kept) {
          this.#drop(kept);
          kept = null;
        }
        await this.#host.connect(roomId);
        c.state.update((s) => ({ ...s, reconnectAttempt: 0 }));
        log.debug('rejoined');
        return;
      } catch (error) {
        if (error instanceof StaleError || !stillReconnecting()) return;
        const err = toConferenceError(error);
        log.warn('reconnect attempt failed', err.code, err.message);
        if (!worthReconnecting(err.code)) {
          this.#host.giveUp(err);
          return;
        }
      }
    }
    if (stillReconnecting()) this.#host.giveUp(new ConferenceError('server-unreachable', 'could not reconnect to the server'));
  }
}
