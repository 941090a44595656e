/**
 * The strings of the recording elements (docs/recording.md): <conf-recording-indicator>,
 * <conf-record-button> and the recording notice. Part of `ConfStrings`; English here, German in
 * locales/de.ts (`recordingStringsDe`).
 */
export interface RecordingStrings {
  /** The short visible mark while recording ("REC"). */
  recordingMark: string;
  /** The elapsed time, for screen readers and the tooltip: `seconds` since the recording started. */
  recordingElapsed: (seconds: number) => string;
  /** Announced once when a recording starts while you are in the room. */
  recordingStarted: string;
  /** Announced once when it stops. */
  recordingStopped: string;
  /** The notice for people who join a room that is being recorded (pre-join screen and room). */
  recordingNoticeTitle: string;
  recordingNoticeText: string;
  /** Closes the notice in the room. */
  recordingNoticeDismiss: string;
  /** <conf-record-button>: the accessible name and tooltip, and the visible label (the name unless `icons-only`). */
  recordStart: string;
  recordStop: string;
  recordStartShort: string;
  recordStopShort: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export const recordingStringsEn: RecordingStrings = {
  recordingMark: 'REC',
  recordingElapsed: (seconds) => `Recording for ${formatElapsed(seconds)}`,
  recordingStarted: 'This room is now being recorded.',
  recordingStopped: 'Recording stopped.',
  recordingNoticeTitle: 'This room is being recorded',
  recordingNoticeText: 'Everything you say and show in this room will be in the recording.',
  recordingNoticeDismiss: 'OK',
  recordStart: 'Start recording',
  recordStop: 'Stop recording',
  recordStartShort: 'Record',
  recordStopShort: 'Stop recording',
};

export const recordingStringsDe: RecordingStrings = {
  recordingMark: 'AUFN.',
  recordingElapsed: (seconds) => `Aufnahme läuft seit ${formatElapsed(seconds)}`,
  recordingStarted: 'Dieser Raum wird jetzt aufgezeichnet.',
  recordingStopped: 'Aufnahme beendet.',
  recordingNoticeTitle: 'Dieser Raum wird aufgezeichnet',
  recordingNoticeText: 'Alles, was Sie in diesem Raum sagen und zeigen, wird aufgezeichnet.',
  recordingNoticeDismiss: 'Verstanden',
  recordStart: 'Aufnahme starten',
  recordStop: 'Aufnahme beenden',
  recordStartShort: 'Aufnehmen',
  recordStopShort: 'Aufnahme beenden',
};
