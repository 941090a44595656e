/**
 * The room's recording as every participant sees it (docs/recording.md), and the session's
 * permissions from the join result. Pure reducers: the same snapshot back when nothing changed.
 */
import type { Permissions, RecordingState } from '../protocol/protocol.js';
import type { SessionSnapshot } from './types.js';

export type { Permissions, RecordingState } from '../protocol/protocol.js';

/** Not being recorded (the state before joining and after leaving). */
export const NOT_RECORDING: RecordingState = Object.freeze({ active: false, startedAt: null, by: null });

const sameRecording = (a: RecordingState, b: RecordingState) =>
  a.active === b.active && a.startedAt === b.startedAt && a.by === b.by;

/** Sets `state.recording` (from the join result or a `recordingChanged` notification). */
export function applyRecording(s: SessionSnapshot, recording: RecordingState): SessionSnapshot {
  const next = recording.active ? { active: true, startedAt: recording.startedAt, by: recording.by } : NOT_RECORDING;
  return sameRecording(s.recording, next) ? s : { ...s, recording: next };
}

/** Sets `state.self.permissions` (the join result's, the token's grants with defaults applied). */
export function applyPermissions(s: SessionSnapshot, permissions: Permissions): SessionSnapshot {
  return { ...s, self: { ...s.self, permissions: Object.freeze({ ...permissions }) } };
}

/** Whether these permissions allow starting and stopping recordings (the `record` or `admin` grant). */
export function mayRecord(permissions: Pick<Permissions, 'record' | 'admin'> | undefined | null): boolean {
  return !!permissions && (permissions.record || permissions.admin);
}
