/**
 * Access control for one server (docs/auth.md): who a join is (from its token in secure mode),
 * what it may do, and the per-IP rate limits. Connections and handlers ask this; they never
 * look at tokens themselves.
 */
import type { MediaSource, Permissions } from '../../src/protocol/protocol.js';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { ProtocolError } from '../protocol-schema.js';
import type { OriginPolicy } from './origin.js';
import { KeyedBuckets, TokenBucket, type Clock } from './token-bucket.js';
import { DEFAULT_GRANTS, canPublish, roomAllowed, verifyToken, type Identity } from './tokens.js';

export type AuthMode = 'secure' | 'open';

/** Who a session is and what it may do. */
export interface SessionIdentity {
  userId: string;
  name: string;
  permissions: Permissions;
  /** Unix seconds, or null for a tokenless open-mode join. */
  tokenExpiresAt: number | null;
  guest: boolean;
}

export type AccessConfig = Pick<
  Config,
  'secret' | 'tokenMaxTtlSeconds' | 'allowedOrigins' | 'connectionsPerMinute' | 'joinsPerMinute' | 'requestsPerSecond' | 'requestBurst'
>;

/** How a meeting's room admits a verified identity (server/meetings/access.ts). */
export type MeetingAccessCheck = (roomId: string, identity: Identity) => Promise<'not-a-meeting' | 'allowed' | 'forbidden'>;

export interface AccessOptions {
  /** Open mode's signing secret (the meetings service keeps it in DATA_DIR); a per-process one otherwise. */
  devSecret?: string;
  /** Secure mode: a meeting's room admits only its host, its attendees, or anyone when public. */
  meetingAccess?: MeetingAccessCheck;
}

const SWEEP_INTERVAL_MS = 60_000;

function perMinute(limit: number, now?: Clock): KeyedBuckets | null {
  return limit > 0 ? new KeyedBuckets({ capacity: limit, refillPerSecond: limit / 60, now }) : null;
}

export class AccessControl {
  readonly mode: AuthMode;
  readonly originPolicy: OriginPolicy;
  private readonly secret: string;
  private readonly connections: KeyedBuckets | null;
  private readonly joins: KeyedBuckets | null;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly config: AccessConfig,
    private readonly now?: Clock,
    private readonly options: AccessOptions = {},
  ) {
    this.mode = config.secret ? 'secure' : 'open';
    this.secret = config.secret ?? options.devSecret ?? randomBytes(32).toString('base64url');
    this.originPolicy = { allowed: config.allowedOrigins, allowLocalhost: this.mode === 'open' };
    this.connections = perMinute(config.connectionsPerMinute, now);
    this.joins = perMinute(config.joinsPerMinute, now);
    this.sweeper = setInterval(() => {
      this.connections?.sweep();
      this.joins?.sweep();
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Counts one new connection from `ip`; false when over RATE_LIMIT_CONNECTIONS_PER_MINUTE. */
  takeConnection(ip: string): boolean {
    return this.connections?.take(ip) ?? true;
  }

  /** A fresh per-socket request bucket, or null when RATE_LIMIT_REQUESTS_PER_SECOND is 0. */
  requestBucket(): TokenBucket | null {
    const { requestsPerSecond, requestBurst } = this.config;
    if (requestsPerSecond <= 0) return null;
    return new TokenBucket({ capacity: Math.max(requestBurst, 1), refillPerSecond: requestsPerSecond, now: this.now });
  }

  /**
   * Resolves who a join is. Secure mode: the token decides (and params naming another user are
   * `forbidden`). Open mode: a token is optional; when given it is verified with the dev secret.
   */
  async identifyJoin(
    params: { roomId: string; userId?: string; name?: string; token?: string },
    ip: string,
  ): Promise<SessionIdentity> {
    if (this.joins && !this.joins.take(ip)) {
      throw new ProtocolError('rate-limited', `too many joins from your address; the limit is ${this.config.joinsPerMinute} per minute`);
    }
    if (this.mode === 'open' && params.token === undefined) {
      if (!params.userId) throw new ProtocolError('invalid-params', 'invalid params for join: userId is required without a token');
      // Open mode trusts a tokenless join: the default grants plus ingest (load bots, docs/bots.md)
      // and record (docs/recording.md). Moderation (admin) always needs a token.
      return { userId: params.userId, name: params.name ?? params.userId, permissions: { ...DEFAULT_GRANTS, ingest: true, record: true }, tokenExpiresAt: null, guest: false };
    }
    const identity = await this.verify(params.token);
    this.checkRoom(identity, params.roomId);
    if (params.userId !== undefined && params.userId !== identity.userId) {
      throw new ProtocolError('forbidden', 'the token is for another user; a join cannot name a different userId');
    }
    if (this.mode === 'secure' && this.options.meetingAccess) {
      const verdict = await this.options.meetingAccess(params.roomId, identity);
      if (verdict === 'forbidden') {
        throw new ProtocolError('forbidden', `meeting ${params.roomId} is private: only its host and attendees may join`);
      }
    }
    return {
      userId: identity.userId,
      name: identity.name ?? params.name ?? identity.userId,
      permissions: identity.grants,
      tokenExpiresAt: identity.expiresAt,
      guest: identity.guest,
    };
  }

  /** Verifies a token presented mid-call: same user, still allowed in this room. */
  async refresh(current: { userId: string }, token: string, roomId: string): Promise<Identity> {
    const identity = await this.verify(token);
    if (identity.userId !== current.userId) {
      throw new ProtocolError('forbidden', 'the new token is for another user; refreshToken needs a token with the same sub');
    }
    this.checkRoom(identity, roomId);
    return identity;
  }

  /** Who a token says its bearer is (secure mode: the secret; open mode: the dev secret). */
  verifyIdentity(token: string | undefined): Promise<Identity> {
    return this.verify(token);
  }

  private verify(token: string | undefined): Promise<Identity> {
    return verifyToken(this.secret, token, { maxTtlSeconds: this.config.tokenMaxTtlSeconds });
  }

  private checkRoom(identity: Identity, roomId: string): void {
    if (!roomAllowed(identity, roomId)) throw new ProtocolError('forbidden', `the token does not allow room ${roomId}`);
  }
}

/** Throws `forbidden` unless `permissions` allow producing `source`. */
export function assertCanPublish(permissions: Permissions, source: MediaSource): void {
  if (permissions.publish === false) throw new ProtocolError('forbidden', 'you joined as a listener; your token does not allow publishing');
  if (!canPublish(permissions, source)) throw new ProtocolError('forbidden', `your token does not allow publishing ${source}`);
}

export function assertCanSubscribe(permissions: Permissions): void {
  if (!permissions.subscribe) throw new ProtocolError('forbidden', 'your token does not allow receiving media');
}

export function assertAdmin(permissions: Permissions, action: string): void {
  if (!permissions.admin) throw new ProtocolError('forbidden', `${action} needs the admin grant`);
}
