import type { ConferenceErrorCode, ConnectionState } from '../../src/state/types.js';
import { defaultStrings, type ConfStrings, type ErrorText } from '../i18n/strings.js';
import { getStrings } from '../i18n/registry.js';
import { html, nothing } from 'lit';
import type { SessionSnapshot } from '../../src/state/types.js';

/** The notice after a moderator muted you (`self.moderatorMute`, docs/auth.md), while joined. */
export function renderModeratorNotice(s: SessionSnapshot | undefined, t: ConfStrings) {
  const mute = s?.connection === 'joined' ? s.self.moderatorMute : null;
  return mute ? html`<div part="notice" class="card toast" role="status" data-source=${mute.source}>${t.moderatorMuted(mute.source)}</div>` : nothing;
}

/**
 * The English error texts by code (kept for compatibility: the texts live in `ConfStrings.errors`,
 * components/i18n/strings.ts, and are overridden with `setStrings` or `<conf-room>.strings`).
 */
export const errorMessages: Partial<Record<ConferenceErrorCode, ErrorText>> = defaultStrings.errors;

/** A human title and advice for `code` in `strings`. Unknown codes fall back to the session's message. */
export function describeError(code: ConferenceErrorCode, message: string, strings: ConfStrings = getStrings()): ErrorText {
  return strings.errors[code] ?? { title: strings.errorFallbackTitle, advice: message || code };
}

/** The English connection labels (kept for compatibility; see `ConfStrings.connection`). */
export const connectionLabels: Record<ConnectionState, string> = defaultStrings.connection;

/** Columns of the tile grid for `count` tiles: 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4. */
export function gridColumns(count: number, narrow = false): number {
  if (narrow) return count <= 2 ? 1 : 2;
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}
