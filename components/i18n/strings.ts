/**
 * Every user-visible string of the conf-kit elements, in one typed interface (docs/i18n.md).
 *
 * Plain strings are shown as they are; strings with parameters are functions, so a translation
 * can put the parameter where its grammar wants it (and choose plural forms). Records keyed by a
 * state or code (connection states, error codes, device kinds, quality choices) are merged one
 * level deep: overriding `errors['room-full']` keeps the other error texts.
 *
 * No Lit and no DOM here: the core can import the types without pulling in the UI.
 */
import type { ConferenceErrorCode, ConnectionState, DeviceKind } from '../../src/state/types.js';
import type { QualityPreference, StreamType, TemporalLayer } from '../../src/state/quality.js';
import type { CallStatus } from '../../src/protocol/calls.js'; // calls (issue 12)
import { meetingsEn, type MeetingsStrings } from './meetings-strings.js';
import { recordingStringsEn, type RecordingStrings } from './recording-strings.js'; // recording (issue 13)
import { networkStringsEn, type NetworkStrings } from './network-strings.js'; // network quality + stats panel
import { reconnectStringsEn, type ReconnectStrings } from './reconnect-strings.js'; // reconnect UI (issue 14)
import { controlsStringsEn, type ControlsStrings } from './controls-strings.js'; // overflow menu, self view keys

/** A human title and advice for an error. */
export interface ErrorText {
  title: string;
  advice: string;
}

/** The error codes every locale must explain. Others fall back to `errorFallbackTitle` and the session's message. */
export type DescribedErrorCode =
  | 'permission-denied'
  | 'no-device'
  | 'room-full'
  | 'server-unreachable'
  | 'protocol-mismatch'
  | 'timeout'
  | 'replaced'
  | 'room-closed'
  | 'unsupported'
  | 'media-failed'
  | 'screen-share-denied'
  | 'invalid-params'
  // Access control (docs/auth.md)
  | 'unauthorized'
  | 'forbidden'
  | 'removed'
  | 'rate-limited';

/** The errors <screen-share-button> names in its label. */
export type ScreenShareErrorCode = 'unsupported' | 'permission-denied' | 'screen-share-denied' | 'not-joined';

export interface ConfStrings extends MeetingsStrings, RecordingStrings, NetworkStrings, ReconnectStrings, ControlsStrings /* ./meetings-strings.ts, ./recording-strings.ts, ./network-strings.ts, ./reconnect-strings.ts, ./controls-strings.ts */ {
  // --- <conf-room> ------------------------------------------------------------------------------
  /** The connection status pill. */
  connection: Record<ConnectionState, string>;
  /** Error card titles and advice, by error code (also used by <conf-prejoin>'s notice). */
  errors: Record<DescribedErrorCode, ErrorText> & Partial<Record<ConferenceErrorCode, ErrorText>>;
  /** Title for an error code without a text; the advice is then the session's own message. */
  errorFallbackTitle: string;
  /** Closes an error toast shown during the call. */
  errorDismiss: string;
  /** Retries after a fatal error. */
  errorRetry: string;
  /** Reloads the page after a `protocol-mismatch`. */
  errorReload: string;
  /** The overlay while joining. */
  roomJoining: (room: string) => string;
  /** The overlay after leaving. */
  roomLeft: string;
  /** Rejoins after leaving. */
  roomRejoin: string;
  /** The overlay before joining, when the room can join. */
  roomReady: (room: string) => string;
  /** The overlay before joining, when server or room is missing. */
  roomNotConnected: string;
  /** The Join button of the overlay. */
  roomJoin: string;
  /** The accessible name of the tile grid. */
  participants: (count: number) => string;
  /** The accessible name of the screen-share stage. */
  screens: (count: number) => string;
  /** Layouts (docs/layouts.md): the layout picker in the controls and its choices. */
  layoutLabel: string;
  layoutNames: Record<'auto' | 'grid' | 'speaker', string>;
  /** The hide-self toggle, and the floating self view it shows. */
  selfViewHide: string;
  selfViewShow: string;
  selfViewLabel: string;
  /** The pin button of a tile. */
  pin: (name: string) => string;
  unpin: (name: string) => string;
  /** The stage and filmstrip of the speaker view. */
  stageLabel: string;
  filmstripLabel: string;
  /** The grid pager (announced through aria-live). */
  pageStatus: (page: number, pages: number) => string;
  pagePrevious: string;
  pageNext: string;

  // --- <conf-controls> --------------------------------------------------------------------------
  /** The accessible name of the control bar (`role="toolbar"`). */
  controlsLabel: string;
  /** Mic button's accessible name and tooltip while the mic is on / muted. */
  micMute: string;
  micUnmute: string;
  /** Mic button's visible text while the mic is on / muted. */
  micMuteShort: string;
  micUnmuteShort: string;
  /** Camera button's accessible name and visible text while the camera is off / on. */
  cameraStart: string;
  cameraStop: string;
  /** Tooltips: turn the camera on / off (also <conf-prejoin>'s camera toggle). */
  cameraTurnOn: string;
  cameraTurnOff: string;
  /** <conf-prejoin>'s microphone toggle. */
  micTurnOn: string;
  micTurnOff: string;
  /** Leave button: accessible name and tooltip, visible text. */
  leave: string;
  leaveShort: string;

  // --- <conf-tile> ------------------------------------------------------------------------------
  /** The local tile's name when the user has none. */
  tileYou: string;
  /** The local tile's name plate. */
  tileLocalName: (name: string) => string;
  /** Placeholder while a participant's video is on its way. */
  tileConnectingVideo: string;
  /** Placeholder while the participant is not known yet. */
  tileWaiting: string;
  /** Badges. */
  tileMicOff: string;
  tileCameraOff: string;

  // --- <mic-meter> (and <conf-prejoin>'s meter) --------------------------------------------------
  micLevel: string;

  // --- <device-picker> --------------------------------------------------------------------------
  /** The trigger's accessible name and tooltip. */
  deviceChoose: Record<DeviceKind, string>;
  /** The trigger's name when the browser cannot choose that kind (speakers in Firefox/Safari). */
  deviceUnavailable: Record<DeviceKind, string>;
  /** The menu heading and the list's accessible name. */
  deviceHeading: Record<DeviceKind, string>;
  /** Shown when there is no device of that kind. */
  deviceNone: Record<DeviceKind, string>;
  /** A device without a label ("Camera 2"). */
  deviceUnnamed: (kind: DeviceKind, position: number) => string;
  /** Shown when the list was read before permission was granted. */
  deviceNeedsPermission: string;

  // --- <screen-share-button> --------------------------------------------------------------------
  screenShareStart: string;
  screenShareStarting: string;
  screenShareStop: string;
  /** The label in the `error` state, by error code. */
  screenShareErrors: Record<ScreenShareErrorCode, string> & Partial<Record<ConferenceErrorCode, string>>;
  /** The label in the `error` state for other codes. */
  screenShareFailed: string;

  // --- <conf-screen-tile> -----------------------------------------------------------------------
  screenTileLocal: string;
  screenTileRemote: (name: string) => string;
  screenTileConnecting: string;

  // --- <conf-prejoin> ---------------------------------------------------------------------------
  prejoinHeading: string;
  prejoinHeadingRoom: (room: string) => string;
  prejoinAudioCall: string;
  prejoinCameraOff: string;
  prejoinNoCamera: string;
  prejoinTestSound: string;
  prejoinPlaying: string;
  /** Notice title when the error has no text in `errors`. */
  prejoinUnavailable: string;
  prejoinMicOnly: string;
  prejoinCameraOnly: string;
  prejoinWatchOnly: string;
  prejoinName: string;
  /** The Join button (unless the element's `join-label` is set). */
  prejoinJoin: string;

  // --- <quality-menu> ---------------------------------------------------------------------------
  /** The menu's choices. */
  qualityLabels: Record<QualityPreference, string>;
  /** The trigger's short visible text ("HD", "SD"). */
  qualityShortLabels: Record<QualityPreference, string>;
  /** The trigger's accessible name: starts with the visible text (WCAG 2.5.3). */
  qualityTrigger: (short: string, full: string) => string;
  qualityMenuLabel: string;
  qualityHeading: string;
  frameRateHeading: string;
  frameRates: Record<TemporalLayer, string>;

  // --- <quality-badge> --------------------------------------------------------------------------
  /** The forwarded simulcast stream. */
  streamTypes: Record<StreamType, string>;
  qualityAudioOnly: string;
  bitrate: (kbps: number) => string;
  /** The badge's accessible name. */
  receivedVideo: (summary: string) => string;

  // --- access control (docs/auth.md): <conf-participants>, moderator notices -----------------
  /** <conf-room>'s notice after a moderator muted your `source`. */
  moderatorMuted: (source: 'mic' | 'camera' | 'screen' | 'screen-audio') => string;
  /** <conf-controls>' button that opens the participants panel, with the count. */
  participantsOpen: (count: number) => string;
  participantsHeading: string;
  participantsClose: string;
  participantYou: string;
  participantSpeaking: string;
  participantMicOn: string;
  participantMicOff: string;
  participantCameraOn: string;
  participantCameraOff: string;
  /** The per-person moderation menu's trigger. */
  participantActions: (name: string) => string;
  participantMuteMic: string;
  participantStopVideo: string;
  participantRemove: string;

  // --- calls (issue 12): <conf-incoming-call>, <conf-call-button>, <conf-add-participant> -------
  /** The incoming call's heading, e.g. "Ada is calling". */
  callIncoming: (name: string) => string;
  callTypes: Record<'video' | 'audio', string>;
  /** Accessible names must start with "Accept"/"Decline" in English. */
  callAcceptVideo: string;
  callAcceptAudio: string;
  callDecline: string;
  callMuteRingtone: string;
  callStatuses: Record<CallStatus, string>;
  /** <conf-call-button>'s label, with the callees' ids. */
  callStart: (users: string) => string;
  callCancel: string;
  callAddLabel: string;
  callAddInvite: string;
  /** <conf-add-participant>'s toggle button. */
  callAddPeople: string;
  /** Shown when an invitation was refused, with the error code (room-full, forbidden, ...). */
  callAddFailed: (code: string) => string;
  // --- end calls ---
}

/**
 * An override: any subset of the keys; records (connection, errors, ...) may give a subset of
 * their entries.
 */
export type PartialConfStrings = {
  [K in keyof ConfStrings]?: ConfStrings[K] extends (...args: never[]) => unknown ? ConfStrings[K] : ConfStrings[K] extends object ? Partial<ConfStrings[K]> : ConfStrings[K];
};

const kinds = { videoinput: 'Camera', audioinput: 'Microphone', audiooutput: 'Speaker' } as const;

/** The English strings: what the elements show unless overridden. */
export const defaultStrings: ConfStrings = {
  ...meetingsEn,
  ...networkStringsEn,
  ...controlsStringsEn,
  connection: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    joined: 'Connected',
    reconnecting: 'Reconnecting…',
    closed: 'Disconnected',
  },
  errors: {
    'permission-denied': {
      title: 'Camera or microphone blocked',
      advice:
        "Your browser isn't allowing access to your camera or microphone. Allow it in the site settings (the icon in the address bar), then try again.",
    },
    'no-device': {
      title: 'No camera or microphone found',
      advice: 'Connect a camera or microphone, or check that no other app is using it, then try again.',
    },
    'room-full': {
      title: 'This room is full',
      advice: 'The room has reached its participant limit. Try again when someone leaves, or use another room.',
    },
    'server-unreachable': {
      title: "Can't reach the conference server",
      advice: 'Check your internet connection. If it works, the server may be down; try again in a moment.',
    },
    'protocol-mismatch': {
      title: 'This page is out of date',
      advice: 'The conference server runs a different version of the app. Reload the page to update it.',
    },
    timeout: {
      title: 'The server is not responding',
      advice: 'The connection is too slow or the server is busy. Try again in a moment.',
    },
    replaced: {
      title: 'You joined from somewhere else',
      advice: 'This call continues in another tab or on another device.',
    },
    'room-closed': {
      title: 'The room was closed',
      advice: 'The server closed this room. You can rejoin to start it again.',
    },
    unsupported: {
      title: "Your browser can't join this call",
      advice: 'Use a recent version of Chrome, Edge, Firefox or Safari.',
    },
    'media-failed': {
      title: "Couldn't start your camera or microphone",
      advice: 'Another app may be using it. Close it, then try again.',
    },
    'screen-share-denied': {
      title: "Screen sharing didn't start",
      advice:
        'The screen picker was closed, or your browser blocked screen capture. Try again and pick a screen, window or tab; your camera and microphone keep working.',
    },
    'invalid-params': {
      title: 'Missing call details',
      advice: 'Set the server and room to join.',
    },
    unauthorized: {
      title: 'You are not signed in to this call',
      advice: 'Your access link is missing, invalid or has expired. Get a new invitation or sign in again.',
    },
    forbidden: {
      title: 'You may not do that here',
      advice: 'Your access does not allow this room or this action. Ask the organiser for access.',
    },
    removed: {
      title: 'You were removed from the meeting',
      advice: 'A moderator removed you from this meeting.',
    },
    'rate-limited': {
      title: 'Too many requests',
      advice: 'Slow down for a moment, then try again.',
    },
  },
  errorFallbackTitle: 'Something went wrong',
  errorDismiss: 'Dismiss',
  errorRetry: 'Try again',
  errorReload: 'Reload page',
  roomJoining: (room) => `Joining ${room}…`,
  roomLeft: 'You left the call',
  roomRejoin: 'Rejoin',
  roomReady: (room) => `Ready to join ${room}`,
  roomNotConnected: 'Not connected',
  roomJoin: 'Join',
  participants: (n) => (n === 1 ? '1 participant' : `${n} participants`),
  screens: (n) => (n === 1 ? 'Shared screen' : `${n} shared screens`),
  layoutLabel: 'Layout',
  layoutNames: { auto: 'Auto', grid: 'Grid', speaker: 'Speaker' },
  selfViewHide: 'Hide self view',
  selfViewShow: 'Show self view',
  selfViewLabel: 'Your video (drag or use the arrow keys to move)',
  pin: (name) => `Pin ${name}`,
  unpin: (name) => `Unpin ${name}`,
  stageLabel: 'Stage',
  filmstripLabel: 'Other participants',
  pageStatus: (page, pages) => `Page ${page} of ${pages}`,
  pagePrevious: 'Previous page',
  pageNext: 'Next page',

  controlsLabel: 'Call controls',
  micMute: 'Mute microphone',
  micUnmute: 'Unmute microphone',
  micMuteShort: 'Mute',
  micUnmuteShort: 'Unmute',
  cameraStart: 'Start video',
  cameraStop: 'Stop video',
  cameraTurnOn: 'Turn camera on',
  cameraTurnOff: 'Turn camera off',
  micTurnOn: 'Turn microphone on',
  micTurnOff: 'Turn microphone off',
  leave: 'Leave call',
  leaveShort: 'Leave',

  tileYou: 'You',
  tileLocalName: (name) => `${name} (you)`,
  tileConnectingVideo: 'Connecting video…',
  tileWaiting: 'Waiting…',
  tileMicOff: 'Microphone off',
  tileCameraOff: 'Camera off',

  micLevel: 'Microphone level',

  deviceChoose: { videoinput: 'Choose camera', audioinput: 'Choose microphone', audiooutput: 'Choose speaker' },
  deviceUnavailable: {
    videoinput: 'This browser cannot choose the camera',
    audioinput: 'This browser cannot choose the microphone',
    audiooutput: 'This browser cannot choose the speaker',
  },
  deviceHeading: { ...kinds },
  deviceNone: { videoinput: 'No camera found', audioinput: 'No microphone found', audiooutput: 'No speaker found' },
  deviceUnnamed: (kind, n) => `${kinds[kind]} ${n}`,
  deviceNeedsPermission: "Allow camera and microphone access to see your devices' names.",

  screenShareStart: 'Share screen',
  screenShareStarting: 'Starting…',
  screenShareStop: 'Stop sharing',
  screenShareErrors: {
    unsupported: 'Screen sharing is not available here',
    'permission-denied': 'Screen sharing was blocked',
    'screen-share-denied': 'Screen sharing was blocked or cancelled',
    'not-joined': 'Join the call to share your screen',
  },
  screenShareFailed: 'Screen sharing failed',

  screenTileLocal: 'You are sharing your screen',
  screenTileRemote: (name) => `${name}’s screen`,
  screenTileConnecting: 'Connecting screen…',

  prejoinHeading: 'Ready to join?',
  prejoinHeadingRoom: (room) => `Join ${room}`,
  prejoinAudioCall: 'Audio call',
  prejoinCameraOff: 'Camera is off',
  prejoinNoCamera: 'No camera',
  prejoinTestSound: 'Test speaker',
  prejoinPlaying: 'Playing…',
  prejoinUnavailable: 'Camera or microphone unavailable',
  prejoinMicOnly: 'You can join with your microphone only.',
  prejoinCameraOnly: 'You can join with your camera only.',
  prejoinWatchOnly: 'You can still join to watch and listen.',
  prejoinName: 'Your name',
  prejoinJoin: 'Join',

  qualityLabels: { auto: 'Auto', high: 'High', medium: 'Medium', low: 'Low', 'audio-only': 'Audio only' },
  qualityShortLabels: { auto: 'Auto', high: 'HD', medium: 'SD', low: 'LD', 'audio-only': 'Audio' },
  qualityTrigger: (short, full) => (short === full ? `${short} video quality` : `${short} video quality (${full})`),
  qualityMenuLabel: 'Video quality',
  qualityHeading: 'Quality',
  frameRateHeading: 'Frame rate',
  frameRates: { 2: 'Full frame rate', 1: 'Half frame rate', 0: 'Quarter frame rate' },

  streamTypes: { high: 'high', medium: 'medium', low: 'low' },
  qualityAudioOnly: 'audio only',
  bitrate: (kbps) => `${kbps} kbps`,
  receivedVideo: (summary) => `Received video: ${summary}`,

  // --- calls (issue 12) ---
  callIncoming: (name) => `${name} is calling`,
  callTypes: { video: 'Video call', audio: 'Audio call' },
  callAcceptVideo: 'Accept with video',
  callAcceptAudio: 'Accept audio only',
  callDecline: 'Decline',
  callMuteRingtone: 'Mute ringtone',
  callStatuses: {
    ringing: 'ringing',
    accepted: 'accepted',
    declined: 'declined',
    busy: 'busy',
    'no-answer': 'no answer',
    offline: 'offline',
    cancelled: 'cancelled',
  },
  callStart: (users) => `Call ${users}`,
  callCancel: 'Cancel call',
  callAddLabel: 'Add people (user ids, comma separated)',
  callAddInvite: 'Invite',
  callAddPeople: 'Add people',
  callAddFailed: (code) => `Could not invite (${code})`,
  moderatorMuted: (source) =>
    source === 'mic'
      ? 'A moderator muted your microphone. You can unmute yourself.'
      : source === 'camera'
        ? 'A moderator stopped your video. You can turn it on again.'
        : 'A moderator paused your screen share.',
  participantsOpen: (count) => `Participants ${count}`,
  participantsHeading: 'Participants',
  participantsClose: 'Close participants',
  participantYou: '(you)',
  participantSpeaking: 'speaking',
  participantMicOn: 'microphone on',
  participantMicOff: 'microphone off',
  participantCameraOn: 'camera on',
  participantCameraOff: 'camera off',
  participantActions: (name) => `Actions for ${name}`,
  participantMuteMic: 'Mute microphone',
  participantStopVideo: 'Stop video',
  participantRemove: 'Remove from meeting',
  // --- end calls ---
  ...recordingStringsEn, // recording (issue 13)
  ...reconnectStringsEn, // reconnect UI (issue 14)
};
