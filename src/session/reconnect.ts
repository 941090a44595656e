/**
 * Reconnector: after the signalling or a transport is lost while joined, retires the connection,
 * keeps the local tracks, and tries to join again a few times (only for errors worth retrying).
 * Gives up with `server-unreachable` (or the final error) through the lifecycle's closeWith.
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import { EMPTY_LEVELS } from '../state/levels.js';
import { clearAllSubscriptions, setConnection } from '../state/publishers.js';
import type { ConferenceErrorCode } from '../state/types.js';
import { retire, StaleError, toConferenceError, type Connection } from './connection.js';
import type { SessionCore } from './core.js';

const log = createLogger('conf-kit:reconnect');

/** Waits before each reconnect attempt, in ms. */
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 4000];
/** Errors worth another reconnect attempt; anything else (room-full, protocol-mismatch...) is final. */
const RETRYABLE = new Set<ConferenceErrorCode>(['server-unreachable', 'timeout', 'internal']);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ReconnectHost {
  /** Joins `roomId` again with the current local tracks. */
  connect(roomId: string): Promise<void>;
  /** Ends the session for good. */
  giveUp(error: ConferenceError): void;
}

export class Reconnector {
  readonly #c: SessionCore;
  readonly #host: ReconnectHost;

  constructor(core: SessionCore, host: ReconnectHost) {
    this.#c = core;
    this.#host = host;
  }

  /** Retires `conn` (if still current), goes 'reconnecting' and queues the attempts. */
  start(conn: Connection): void {
    const c = this.#c;
    if (!c.isCurrent(conn)) return;
    retire(conn);
    c.conn = null;
    c.levels.set(EMPTY_LEVELS);
    c.state.update((s) => clearAllSubscriptions(setConnection(s, 'reconnecting')));
    const generation = c.generation;
    void c.queue.push(() => this.#loop(generation));
  }

  async #loop(generation: number): Promise<void> {
    const c = this.#c;
    const roomId = c.roomId;
    const stillReconnecting = () => generation === c.generation && c.state.getSnapshot().connection === 'reconnecting';
    if (!roomId) return;
    for (const [attempt, delay] of RECONNECT_DELAYS_MS.entries()) {
      await sleep(delay);
      if (!stillReconnecting()) return;
      log.debug('reconnect attempt', attempt + 1);
      try {
        await this.#host.connect(roomId);
        log.debug('reconnected');
        return;
      } catch (error) {
        if (error instanceof StaleError || !stillReconnecting()) return;
        const err = toConferenceError(error);
        log.warn('reconnect attempt failed', err.code, err.message);
        if (!RETRYABLE.has(err.code)) {
          this.#host.giveUp(err);
          return;
        }
      }
    }
    if (stillReconnecting()) this.#host.giveUp(new ConferenceError('server-unreachable', 'could not reconnect to the server'));
  }
}
