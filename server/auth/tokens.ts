/**
 * Access tokens (HS256 JWTs via `jose`): the shared auth contract.
 *
 * Minimal implementation of exactly the contract in the access-control issue, so that the
 * meetings code can depend on it; the access-control branch owns this file and replaces it.
 */
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { ErrorCode, MediaSource } from '../../src/protocol/protocol.js';
import { ProtocolError } from '../protocol-schema.js';

export interface Grants {
  publish: boolean | MediaSource[];
  subscribe: boolean;
  record: boolean;
  admin: boolean;
  ingest: boolean;
}

/** Defaults: publish true, subscribe true, record false, admin false, ingest false. */
export const DEFAULT_GRANTS: Readonly<Grants> = Object.freeze({ publish: true, subscribe: true, record: false, admin: false, ingest: false });

export interface Identity {
  /** The token's `sub`. */
  userId: string;
  /** The token's `name`. */
  name: string | undefined;
  /** One room id, or '*' (a token without `room` means '*'). */
  room: string;
  /** Normalised, defaults applied. */
  grants: Grants;
  /** Unix seconds (exp). */
  expiresAt: number;
  /** Claim `guest: true` (guest tokens for public meetings). */
  guest: boolean;
}

export interface CreateTokenClaims {
  sub: string;
  name?: string;
  room?: string;
  grants?: Partial<Grants>;
  guest?: boolean;
  /** Default 3600. */
  ttlSeconds?: number;
}

const DEFAULT_TTL = 3600;
const DEFAULT_MAX_TTL = 24 * 3600;
const CLOCK_SKEW = 10;
const SOURCES: readonly MediaSource[] = ['mic', 'camera', 'screen', 'screen-audio'];
// Until the access-control branch adds 'unauthorized' to ErrorCode (see the auth contract).
const UNAUTHORIZED = 'unauthorized' as ErrorCode;

const key = (secret: string) => new TextEncoder().encode(secret);
const unauthorized = (message: string) => new ProtocolError(UNAUTHORIZED, message);

/** Signs an HS256 JWT carrying `sub`, optional `name`/`room`/`grants`/`guest`, `iat` and `exp`. */
export async function createToken(secret: string, claims: CreateTokenClaims): Promise<string> {
  if (!secret) throw new TypeError('createToken: secret must not be empty');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new TypeError('createToken: sub must be a non-empty string');
  const ttl = claims.ttlSeconds ?? DEFAULT_TTL;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError('createToken: ttlSeconds must be a positive integer');
  const payload: JWTPayload = {};
  if (claims.name !== undefined) payload.name = claims.name;
  if (claims.room !== undefined) payload.room = claims.room;
  if (claims.grants !== undefined) payload.grants = claims.grants;
  if (claims.guest) payload.guest = true;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key(secret));
}

function normaliseGrants(raw: unknown): Grants {
  if (raw === undefined) return { ...DEFAULT_GRANTS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw unauthorized('token grants are malformed');
  const g = raw as Record<string, unknown>;
  const bool = (name: keyof Grants): boolean => {
    const v = g[name];
    if (v === undefined) return DEFAULT_GRANTS[name] as boolean;
    if (typeof v !== 'boolean') throw unauthorized(`token grant ${name} is malformed`);
    return v;
  };
  let publish: Grants['publish'] = DEFAULT_GRANTS.publish;
  if (g.publish !== undefined) {
    if (typeof g.publish === 'boolean') publish = g.publish;
    else if (Array.isArray(g.publish) && g.publish.every((s) => SOURCES.includes(s as MediaSource))) publish = [...g.publish] as MediaSource[];
    else throw unauthorized('token grant publish is malformed');
  }
  return { publish, subscribe: bool('subscribe'), record: bool('record'), admin: bool('admin'), ingest: bool('ingest') };
}

/**
 * Verifies a token. Throws ProtocolError('unauthorized', message) for a missing, malformed,
 * badly signed, expired or not-yet-valid token, or a TTL above `maxTtlSeconds` (default 24 h).
 * Allows 10 s of clock skew. Never puts the token or the secret in the message.
 */
export async function verifyToken(secret: string, token: string | undefined, options: { maxTtlSeconds?: number } = {}): Promise<Identity> {
  if (!token) throw unauthorized('a token is required');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], clockTolerance: CLOCK_SKEW }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('the token has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthorized('the token is not valid yet');
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthorized('the token signature is invalid');
    throw unauthorized('the token is malformed');
  }
  const { sub, exp, iat, nbf } = payload;
  if (typeof sub !== 'string' || sub === '') throw unauthorized('the token has no subject');
  if (typeof exp !== 'number') throw unauthorized('the token has no expiry');
  const maxTtl = options.maxTtlSeconds ?? DEFAULT_MAX_TTL;
  const start = typeof iat === 'number' ? iat : typeof nbf === 'number' ? nbf : Math.floor(Date.now() / 1000);
  if (exp - start > maxTtl) throw unauthorized(`the token lifetime exceeds ${maxTtl} s`);
  const name = payload.name;
  if (name !== undefined && typeof name !== 'string') throw unauthorized('the token name is malformed');
  const room = payload.room;
  if (room !== undefined && (typeof room !== 'string' || room === '')) throw unauthorized('the token room is malformed');
  return {
    userId: sub,
    name,
    room: (room as string | undefined) ?? '*',
    grants: normaliseGrants(payload.grants),
    expiresAt: exp,
    guest: payload.guest === true,
  };
}
