/**
 * Whether a room is being recorded, before joining it (docs/recording.md): the pre-join screen
 * tells people so. `GET /api/rooms/:roomId/recording` is public and says only `{active,
 * startedAt}` (not who started it); once joined, `state.recording` has the whole state.
 */
import { ConferenceError } from '../errors.js';

export interface RoomRecordingStatus {
  readonly active: boolean;
  /** ms since epoch, or null when not recording. */
  readonly startedAt: number | null;
}

/** The http(s) origin of a server URL given as http(s) or ws(s) (relative URLs resolve against `base`). */
export function httpOrigin(url: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, base ?? (globalThis as { location?: { href: string } }).location?.href);
  } catch {
    throw new ConferenceError('invalid-params', `invalid server url: ${url}`);
  }
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  else if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  else if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConferenceError('invalid-params', `unsupported server url scheme: ${parsed.protocol}`);
  }
  return parsed.origin;
}

/**
 * Asks `server` whether `roomId` is being recorded. Rejects with a ConferenceError:
 * `invalid-params` (bad URL or room), `server-unreachable` (network), `internal` (bad answer).
 */
export async function fetchRoomRecording(
  server: string,
  roomId: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<RoomRecordingStatus> {
  if (!roomId) throw new ConferenceError('invalid-params', 'no room');
  const url = `${httpOrigin(server)}/api/rooms/${encodeURIComponent(roomId)}/recording`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ConferenceError('server-unreachable', `cannot reach ${url}: ${String(error)}`, { cause: error });
  }
  const body = (await response.json().catch(() => null)) as { recording?: { active?: unknown; startedAt?: unknown } } | null;
  const r = body?.recording;
  if (!response.ok || !r || typeof r.active !== 'boolean') {
    throw new ConferenceError('internal', `unexpected answer from ${url} (HTTP ${response.status})`);
  }
  return { active: r.active, startedAt: r.active && typeof r.startedAt === 'number' ? r.startedAt : null };
}
