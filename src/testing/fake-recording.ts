/** FakeSession's recording behaviour (kept apart so fake-session.ts stays small). */
import { ConferenceError } from '../errors.js';
import type { Permissions, RecordingState } from '../protocol/protocol.js';
import { applyRecording, mayRecord } from '../state/recording.js';
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';

/** Everyone's defaults without a token (docs/auth.md): no `record`, no `admin`. */
export const DEFAULT_PERMISSIONS: Permissions = Object.freeze({ publish: true, subscribe: true, record: false, admin: false, ingest: false });

/**
 * What the server does for startRecording/stopRecording: `not-joined` outside a room,
 * `forbidden` without `record`/`admin` in `self.permissions`, else the new state (idempotent).
 */
export function fakeRecordingRequest(
  state: Store<SessionSnapshot>,
  start: boolean,
  report: (error: ConferenceError) => ConferenceError,
): RecordingState {
  const s = state.getSnapshot();
  if (s.connection !== 'joined') throw report(new ConferenceError('not-joined', `${start ? 'startRecording' : 'stopRecording'}() needs a joined session`));
  if (!mayRecord(s.self.permissions)) throw report(new ConferenceError('forbidden', 'you may not start or stop recordings in this room'));
  if (start && !s.recording.active) state.update((x) => applyRecording(x, { active: true, startedAt: Date.now(), by: s.self.userId }));
  if (!start) state.update((x) => applyRecording(x, { active: false, startedAt: null, by: null }));
  return state.getSnapshot().recording;
}
