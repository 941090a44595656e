/**
 * Join tokens: HS256 JWTs signed by the app's backend with CONF_KIT_SECRET (docs/auth.md).
 * Signing and verification are jose's; this file only maps claims to an Identity and jose's
 * failures to `unauthorized` errors whose messages never contain the token or the secret.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { MediaSource, Permissions } from '../../src/protocol/protocol.js';
import { LIMITS, ProtocolError } from '../protocol-schema.js';

/** The normalised grants of a token (the protocol's `Permissions`). */
export type Grants = Permissions;

export interface Identity {
  /** The token's `sub`. */
  userId: string;
  /** The token's `name`. */
  name: string | undefined;
  /** One room id, or '*' (a token without `room` means '*'). */
  room: string;
  /** Normalised, defaults applied. */
  grants: Grants;
  /** Unix seconds (`exp`). */
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

export const MEDIA_SOURCES: readonly MediaSource[] = ['mic', 'camera', 'screen', 'screen-audio'];
export const DEFAULT_GRANTS: Readonly<Grants> = Object.freeze({
  publish: true,
  subscribe: true,
  record: false,
  admin: false,
  ingest: false,
});
/** Allowed clock difference between the token's issuer and this server. */
export const CLOCK_SKEW_SECONDS = 10;
export const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;
export const DEFAULT_TTL_SECONDS = 3600;
/** HS256 keys shorter than this are refused (CONF_KIT_SECRET and createToken). */
export const MIN_SECRET_LENGTH = 32;

const ALG = 'HS256';

const mediaSource = z.enum(['mic', 'camera', 'screen', 'screen-audio']);
export const grantsSchema = z.strictObject({
  publish: z.union([z.boolean(), z.array(mediaSource).max(8)]).optional(),
  subscribe: z.boolean().optional(),
  record: z.boolean().optional(),
  admin: z.boolean().optional(),
  ingest: z.boolean().optional(),
});

const claimsSchema = z.looseObject({
  sub: z.string().min(1).max(LIMITS.userId),
  name: z.string().max(LIMITS.name).optional(),
  room: z.string().min(1).max(LIMITS.roomId).optional(),
  grants: grantsSchema.optional(),
  guest: z.boolean().optional(),
  exp: z.number(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
});

/** Applies the defaults; a publish list is deduplicated and put in a fixed order. */
export function normaliseGrants(grants: Partial<Grants> | undefined): Grants {
  const g = grantsSchema.parse(grants ?? {});
  const list = g.publish;
  const publish = Array.isArray(list) ? MEDIA_SOURCES.filter((s) => list.includes(s)) : (list ?? DEFAULT_GRANTS.publish);
  return {
    publish,
    subscribe: g.subscribe ?? DEFAULT_GRANTS.subscribe,
    record: g.record ?? DEFAULT_GRANTS.record,
    admin: g.admin ?? DEFAULT_GRANTS.admin,
    ingest: g.ingest ?? DEFAULT_GRANTS.ingest,
  };
}

/** Whether `grants` allow producing `source`. */
export function canPublish(grants: Grants, source: MediaSource): boolean {
  return grants.publish === true || (Array.isArray(grants.publish) && grants.publish.includes(source));
}

/** Whether a token's `room` claim allows `roomId`. */
export function roomAllowed(identity: Pick<Identity, 'room'>, roomId: string): boolean {
  return identity.room === '*' || identity.room === roomId;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs a join token (HS256) for an app backend. Throws TypeError for a short secret or bad claims. */
export async function createToken(secret: string, claims: CreateTokenClaims): Promise<string> {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`createToken: the secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const ttl = claims.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError('createToken: ttlSeconds must be a positive integer');
  const payload: Record<string, unknown> = {};
  if (claims.name !== undefined) payload.name = claims.name;
  if (claims.room !== undefined) payload.room = claims.room;
  if (claims.grants !== undefined) payload.grants = grantsSchema.parse(claims.grants);
  if (claims.guest) payload.guest = true;
  const checked = claimsSchema.safeParse({ ...payload, sub: claims.sub, exp: 0 });
  if (!checked.success) {
    throw new TypeError(`createToken: invalid claims: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key(secret));
}

function unauthorized(message: string): ProtocolError {
  return new ProtocolError('unauthorized', message);
}

/** Maps jose's errors to a human message that names the problem, never the token. */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired; get a new one';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf is in the future)';
    return `the token's ${error.claim} claim is invalid`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'the token signature is invalid (signed with another secret?)';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `the token must be signed with ${ALG}`;
  return 'the token is malformed (expected a JWT)';
}

/**
 * Verifies a join token. Throws ProtocolError('unauthorized', message) for a missing, malformed,
 * badly signed, expired or not-yet-valid token, or one whose lifetime exceeds maxTtlSeconds.
 */
export async function verifyToken(
  secret: string,
  token: string | undefined,
  options: { maxTtlSeconds?: number } = {},
): Promise<Identity> {
  if (token === undefined || token === '') throw unauthorized('a token is required to join this server');
  if (typeof token !== 'string' || token.length > LIMITS.token) throw unauthorized('the token is malformed (expected a JWT)');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: [ALG],
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw unauthorized(describeJoseError(error));
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)');
    throw unauthorized(`the token's claims are invalid (${where.join(', ')})`);
  }
  const claims = parsed.data;
  const maxTtl = options.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = Math.min(claims.iat ?? now, now);
  if (claims.exp - issuedAt > maxTtl + CLOCK_SKEW_SECONDS) {
    throw unauthorized(`the token lives longer than this server allows (max ${maxTtl} s); mint a shorter one`);
  }
  return {
    userId: claims.sub,
    name: claims.name,
    room: claims.room ?? '*',
    grants: normaliseGrants(claims.grants),
    expiresAt: claims.exp,
    guest: claims.guest === true,
  };
}

/**
 * Parses a duration: plain seconds (`3600`) or a number with a unit (`90s`, `30m`, `2h`, `1d`).
 * Returns seconds, or null when the text is not a positive duration.
 */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/i.exec(text);
  if (!match) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const seconds = Math.round(Number(match[1]) * unit);
  return seconds > 0 ? seconds : null;
}
