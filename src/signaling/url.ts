import { ConferenceError } from '../errors.js';
import { SIGNALING_PATH } from '../protocol/protocol.js';

/**
 * Turns the server base URL given to ConferenceClient into the signalling WebSocket URL:
 * http -> ws, https -> wss; `SIGNALING_PATH` ('/ws') is appended when the URL has no path.
 * Relative URLs resolve against `base` (the page's location in a browser).
 */
export function resolveSignalingUrl(url: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, base ?? (globalThis as { location?: { href: string } }).location?.href);
  } catch {
    throw new ConferenceError('invalid-params', `invalid server url: ${url}`);
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  else if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new ConferenceError('invalid-params', `unsupported server url scheme: ${parsed.protocol}`);
  }
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = SIGNALING_PATH;
  parsed.hash = '';
  return parsed.toString();
}
