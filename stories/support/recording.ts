/** Shared FakeSession set-up of the recording stories (docs/recording.md). */
import { FakeSession } from '../../src/testing/index.js';

export interface RecordingArgs {
  /** Whether the room is being recorded. */
  recording: boolean;
  /** How long ago it started, in seconds. */
  elapsed: number;
  /** Whether this user holds the `record` grant (the button shows only then). */
  allowed: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

export const recordingArgs: RecordingArgs = { recording: true, elapsed: 83, allowed: true };

export const recordingArgTypes = {
  recording: { control: 'boolean', table: { category: 'fake session' } },
  elapsed: { control: { type: 'number', min: 0 }, table: { category: 'fake session' } },
  allowed: { control: 'boolean', table: { category: 'fake session' } },
} as const;

/** A FakeSession in room `standup`: joined, then the recording set (as if someone else started it). */
export function recordingSession(args: RecordingArgs, joinWhileRecording = false): FakeSession {
  const recording = args.recording ? { active: true, startedAt: Date.now() - args.elapsed * 1000, by: 'alice' } : undefined;
  const s = new FakeSession({ userId: 'me', permissions: { record: args.allowed }, recording: joinWhileRecording ? recording : undefined });
  s.setConnection('joined', 'standup');
  if (recording && !joinWhileRecording) s.setRecording(recording);
  return s;
}
