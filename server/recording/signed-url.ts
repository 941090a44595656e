/** Signed download URLs: HMAC-SHA256 over `id.expires` with a server secret. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_URL_TTL_SECONDS = 3600;

function mac(secret: string, id: string, expires: number): string {
  return createHmac('sha256', secret).update(`${id}.${expires}`).digest('base64url');
}

/** The path + query of a download link for recording `id`, valid for `ttlSeconds`. */
export function signDownload(secret: string, id: string, ttlSeconds = DEFAULT_URL_TTL_SECONDS, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  return `/api/recordings/${encodeURIComponent(id)}/download?expires=${expires}&sig=${mac(secret, id, expires)}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'expired' | 'bad-signature' | 'malformed' };

export function verifyDownload(secret: string, id: string, expires: string | null, sig: string | null, now = Date.now()): VerifyResult {
  if (!expires || !sig || !/^\d{1,12}$/.test(expires)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, id, Number(expires)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (Number(expires) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true };
}
