/**
 * The Origin check on WebSocket upgrades (docs/auth.md#allowed-origins). Browsers always send
 * Origin on a WebSocket handshake, so a page on a foreign site cannot ride a user's network
 * position; clients without Origin (Node bots, curl) are not browsers and are allowed.
 */
export interface OriginPolicy {
  /** Explicit list from ALLOWED_ORIGINS (`*` = any). Undefined: the defaults below. */
  allowed: readonly string[] | undefined;
  /** Open mode also allows http(s)://localhost, 127.0.0.1 and [::1] on any port by default. */
  allowLocalhost: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `scheme://host[:port]` in lower case, or null when `value` is not an http(s) origin. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Parses ALLOWED_ORIGINS. Throws a message naming the bad entry. */
export function parseAllowedOrigins(text: string): string[] {
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  return entries.map((entry) => {
    if (entry === '*') return '*';
    const origin = normaliseOrigin(entry);
    if (!origin) throw new Error(`not an http(s) origin: ${JSON.stringify(entry)}`);
    return origin;
  });
}

/**
 * Whether an upgrade with this Origin header may proceed. `host` is the request's Host header:
 * the server's own origin (same host and port, either scheme) is allowed unless an explicit
 * list is given.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false;
  if (policy.allowed) return policy.allowed.includes('*') || policy.allowed.includes(normalised);
  const url = new URL(normalised);
  if (host && url.host === host.toLowerCase()) return true;
  return policy.allowLocalhost && LOCAL_HOSTS.has(url.hostname);
}
