/**
 * Access control on the client (docs/auth.md): the join token (a string, or a provider function
 * asked before every join and reconnect and again before the token expires), `refreshToken`,
 * `self.permissions` and `self.moderatorMute` in state, and the admin-only moderation requests.
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { JoinResult, MediaSource, Notifications } from '../protocol/protocol.js';
import { canPublish } from '../state/permissions.js';
import { updateSelf } from '../state/publishers.js';
import { StaleError, toConferenceError, type Connection } from './connection.js';
import type { SessionCore } from './core.js';

const log = createLogger('conf-kit:auth');

/** Returns a fresh join token (for example from your backend, docs/auth.md). */
export type TokenProvider = () => string | Promise<string>;
/** A join token, or a provider asked before every join and before the token expires. */
export type TokenSource = string | TokenProvider;

/** A provider is asked this long before `tokenExpiresAt` (or at half the remaining lifetime, when shorter). */
export const REFRESH_LEAD_MS = 60_000;
/** Never refresh sooner than this after a join or a refresh. */
const MIN_REFRESH_DELAY_MS = 1_000;
/** After a failed refresh, try again this much later (while the token is still valid). */
const REFRESH_RETRY_MS = 5_000;

/** Milliseconds from `nowMs` until a token expiring at `expiresAtSec` (unix seconds) should be refreshed. */
export function refreshDelayMs(expiresAtSec: number, nowMs: number): number {
  const remaining = expiresAtSec * 1000 - nowMs;
  const lead = Math.min(REFRESH_LEAD_MS, remaining / 2);
  return Math.max(MIN_REFRESH_DELAY_MS, Math.round(remaining - lead));
}

export { canPublish };

/** What SessionAuth needs from the publisher: turning a local source off (a moderator mute). */
export interface AuthHost {
  disableSource(source: 'mic' | 'camera'): void;
}

export class SessionAuth {
  readonly #c: SessionCore;
  readonly #source: TokenSource | undefined;
  readonly #host: AuthHost;

  constructor(core: SessionCore, source: TokenSource | undefined, host: AuthHost) {
    if (source !== undefined && typeof source !== 'string' && typeof source !== 'function') {
      throw new ConferenceError('invalid-params', 'token must be a string or a function returning one');
    }
    if (source === '') throw new ConferenceError('invalid-params', 'token must not be empty');
    this.#c = core;
    this.#source = source;
    this.#host = host;
  }

  /** The token for the next `join` (asking the provider), or undefined without one. */
  async token(): Promise<string | undefined> {
    const source = this.#source;
    if (source === undefined || typeof source === 'string') return source;
    let token: unknown;
    try {
      token = await source();
    } catch (error) {
      if (error instanceof ConferenceError) throw error;
      const message = (error as { message?: string } | null)?.message ?? String(error);
      throw new ConferenceError('unauthorized', `the token provider failed: ${message}`, { cause: error });
    }
    if (typeof token !== 'string' || token === '') {
      throw new ConferenceError('unauthorized', 'the token provider returned no token');
    }
    return token;
  }

  /** Before a join: a new join clears the moderator notice. */
  joining(): void {
    this.#c.state.update((s) => (s.self.moderatorMute ? updateSelf(s, { moderatorMute: null }) : s));
  }

  /** After the join result: permissions into state, moderator notifications, the refresh timer. */
  joined(conn: Connection, result: Pick<JoinResult, 'permissions' | 'tokenExpiresAt'>): void {
    this.#c.state.update((s) => updateSelf(s, { permissions: result.permissions }));
    conn.offs.push(conn.signaling.on('mutedByModerator', (data) => this.#onMuted(conn, data)));
    this.#schedule(conn, result.tokenExpiresAt, refreshDelayMs);
  }

  /** The user turned `source` on again: the moderator notice for it goes. */
  sourceEnabled(source: MediaSource): void {
    this.#c.state.update((s) => (s.self.moderatorMute?.source === source ? updateSelf(s, { moderatorMute: null }) : s));
  }

  /** Rejects with `forbidden` (reported) when the permissions do not allow publishing `source`. */
  assertCanPublish(source: MediaSource): void {
    if (!canPublish(this.#c.state.getSnapshot().self.permissions, source)) {
      throw this.#c.report(new ConferenceError('forbidden', `your token does not allow publishing ${source}`));
    }
  }

  // --- moderation (admin grant; the server decides) -----------------------------------------

  muteParticipant(userId: string, source: MediaSource): Promise<void> {
    return this.#moderate('muteParticipant', () => this.#request('muteParticipant', { userId, source }));
  }

  removeParticipant(userId: string): Promise<void> {
    return this.#moderate('removeParticipant', () => this.#request('removeParticipant', { userId }));
  }

  /** Ends the room for everyone; this session ends too (`closed` {reason: 'ended'}). */
  endMeetingForAll(): Promise<void> {
    return this.#moderate('endMeetingForAll', async () => {
      const conn = this.#joined('endMeetingForAll');
      try {
        await conn.signaling.request('endMeetingForAll', {});
      } catch (error) {
        // The room closed (and our socket with it) before the answer arrived: done.
        if (!this.#c.isCurrent(conn) && this.#c.state.getSnapshot().connection === 'closed') return;
        throw error;
      }
    });
  }

  #moderate(method: string, run: () => Promise<void>): Promise<void> {
    return this.#c.reporting(async () => {
      try {
        await run();
      } catch (error) {
        if (error instanceof StaleError) throw new ConferenceError('not-joined', `${method}() was interrupted (left or reconnecting)`);
        throw error;
      }
    });
  }

  #joined(method: string): Connection {
    const conn = this.#c.joinedConnection();
    if (!conn) throw new ConferenceError('not-joined', `${method}() needs a joined session`);
    return conn;
  }

  async #request(method: 'muteParticipant' | 'removeParticipant', params: { userId: string; source?: MediaSource }): Promise<void> {
    if (typeof params.userId !== 'string' || params.userId === '') {
      throw new ConferenceError('invalid-params', `${method}() needs a userId`);
    }
    const conn = this.#joined(method);
    if (method === 'muteParticipant') await conn.signaling.request(method, params as { userId: string; source: MediaSource });
    else await conn.signaling.request(method, { userId: params.userId });
  }

  // --- internals ----------------------------------------------------------------------------

  #onMuted(conn: Connection, { source, by }: Notifications['mutedByModerator']): void {
    if (!this.#c.isCurrent(conn)) return;
    log.debug('muted by a moderator', source, by);
    if (source === 'mic' || source === 'camera') this.#host.disableSource(source);
    this.#c.state.update((s) => updateSelf(s, { moderatorMute: { source, by } }));
  }

  /** With a provider and an expiring token: refresh before it expires, on this connection only. */
  #schedule(conn: Connection, expiresAt: number | null, delay: (expiresAt: number, now: number) => number): void {
    if (typeof this.#source !== 'function' || expiresAt === null || conn.retired) return;
    const timer = setTimeout(() => void this.#refresh(conn, expiresAt), delay(expiresAt, Date.now()));
    conn.offs.push(() => clearTimeout(timer));
  }

  async #refresh(conn: Connection, expiresAt: number): Promise<void> {
    const c = this.#c;
    if (!c.isCurrent(conn)) return;
    try {
      const token = (await this.token())!;
      c.check(conn);
      const result = await conn.signaling.request('refreshToken', { token });
      if (!c.isCurrent(conn)) return;
      c.state.update((s) => updateSelf(s, { permissions: result.permissions }));
      log.debug('token refreshed; expires at', result.tokenExpiresAt);
      c.events.emit('tokenrefresh', { expiresAt: result.tokenExpiresAt });
      this.#schedule(conn, result.tokenExpiresAt, refreshDelayMs);
    } catch (error) {
      if (error instanceof StaleError || !c.isCurrent(conn)) return;
      const err = toConferenceError(error);
      log.warn('token refresh failed', err.code, err.message);
      c.report(err);
      // The call goes on with the old token; try again while it is still valid.
      if (expiresAt * 1000 - Date.now() > REFRESH_RETRY_MS) this.#schedule(conn, expiresAt, () => REFRESH_RETRY_MS);
    }
  }
}
