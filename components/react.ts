/**
 * `conf-kit/react`: React components for every conf-kit element, made with `@lit/react`.
 *
 * Each wrapper renders the real custom element (importing this module registers them all), sets
 * its props as element *properties* (so objects such as `session` pass through as they are), and
 * maps the element's `conf-*` events to typed `onConf*` callbacks:
 *
 * ```tsx
 * import { ConfRoom } from 'conf-kit/react';
 *
 * <ConfRoom server="https://sfu.example.com" room="standup" userId="ada" name="Ada" autoJoin
 *   onConfJoined={(e) => console.log(e.detail.roomId)} onConfError={(e) => alert(e.detail.code)} />
 * ```
 *
 * `react` is a peer dependency (17, 18 or 19); `@lit/react` is a dependency of conf-kit.
 * Events that bubble (every `conf-*` event does, composed) also reach the wrappers of the
 * elements that contain their source: `<ConfRoom onConfDeviceSelect>` hears the pickers of its
 * default control bar, `<ConfTile onConfQualityChange>` its quality menu.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ConfRoom as ConfRoomElement } from './conf-room/conf-room.js';
import { ConfTile as ConfTileElement } from './conf-tile/conf-tile.js';
import { MicMeter as MicMeterElement } from './mic-meter/mic-meter.js';
import { ConfControls as ConfControlsElement } from './conf-controls/conf-controls.js';
import { DevicePicker as DevicePickerElement } from './device-picker/device-picker.js';
import { ScreenShareButton as ScreenShareButtonElement } from './screen-share-button/screen-share-button.js';
import { ConfPrejoin as ConfPrejoinElement } from './conf-prejoin/conf-prejoin.js';
import { ConfScreenTile as ConfScreenTileElement } from './conf-screen-tile/conf-screen-tile.js';
import { QualityBadge as QualityBadgeElement } from './quality-badge/quality-badge.js';
import { QualityMenu as QualityMenuElement } from './quality-menu/quality-menu.js';
import { ConfLayoutPicker as ConfLayoutPickerElement } from './conf-layout-picker/conf-layout-picker.js';
import type { ConfLayoutChangeEvent, ConfPinEvent } from './conf-room/layout-events.js';
// --- calls (docs/calls.md) ---
import { ConfCallCenter as ConfCallCenterElement } from './conf-call-center/conf-call-center.js';
import { ConfCallButton as ConfCallButtonElement } from './conf-call-button/conf-call-button.js';
import { ConfIncomingCall as ConfIncomingCallElement, type CallAnswerDetail } from './conf-incoming-call/conf-incoming-call.js';
import { ConfAddParticipant as ConfAddParticipantElement } from './conf-add-participant/conf-add-participant.js';
import type { ActiveCall } from '../src/calls/CallsClient.js';
import { ConfParticipants as ConfParticipantsElement } from './conf-participants/conf-participants.js';
import { ConfParticipantMenu as ConfParticipantMenuElement } from './conf-participants/participant-menu.js';
import type { ConfModerateEvent } from './conf-participants/events.js';
import { ConfNetworkIndicator as ConfNetworkIndicatorElement } from './conf-network-indicator/conf-network-indicator.js';
import { ConfStatsPanel as ConfStatsPanelElement } from './conf-stats-panel/conf-stats-panel.js';
import type { ConfStatsCloseEvent, ConfStatsOpenEvent } from './conf-stats-panel/stats-events.js';
import type {
  ConfDeviceSelectEvent,
  ConfErrorEvent,
  ConfJoinedEvent,
  ConfLeftEvent,
  ConfPrejoinJoinEvent,
  ConfPublisherJoinedEvent,
  ConfPublisherLeftEvent,
  ConfScreenShareChangeEvent,
} from './events.js';
import type { ConfLayerChangeEvent, ConfQualityChangeEvent } from './quality-menu/quality-events.js';
// chat and meetings (docs/meetings.md)
import { ConfChat as ConfChatElement } from './conf-chat/conf-chat.js';
import { ConfChatButton as ConfChatButtonElement } from './conf-chat/conf-chat-button.js';
import type { ConfChatSendEvent, ConfChatToggleEvent } from './conf-chat/chat-events.js';
import { ConfMeetings as ConfMeetingsElement } from './conf-meetings/conf-meetings.js';
import type { ConfMeetingDeletedEvent, ConfMeetingJoinEvent, ConfMeetingLinkEvent, ConfMeetingSavedEvent } from './conf-meetings/meetings-events.js';
// recording (issue 13)
import { ConfRecordingIndicator as ConfRecordingIndicatorElement } from './conf-recording-indicator/conf-recording-indicator.js';
import { ConfConnectionBanner as ConfConnectionBannerElement } from './conf-connection-banner/conf-connection-banner.js';
import type { ConfConnectionPhaseEvent, ConfRejoinEvent } from './conf-connection-banner/events.js';
import { ConfRecordingNotice as ConfRecordingNoticeElement } from './conf-recording-indicator/conf-recording-notice.js';
import { ConfRecordButton as ConfRecordButtonElement } from './conf-record-button/conf-record-button.js';
import type { ConfRecordingNoticeDismissEvent, ConfRecordingToggleEvent } from './conf-recording-indicator/recording-events.js';

export type {
  ConfDeviceSelectEvent,
  ConfErrorEvent,
  ConfJoinedEvent,
  ConfLeftEvent,
  ConfPrejoinJoinEvent,
  ConfPublisherJoinedEvent,
  ConfPublisherLeftEvent,
  ConfScreenShareChangeEvent,
  ConfLayerChangeEvent,
  ConfQualityChangeEvent,
};

/** React prop name -> DOM event name, typed with the event class the callback receives. */
const deviceSelect = { onConfDeviceSelect: 'conf-device-select' as EventName<ConfDeviceSelectEvent> };
const screenShareChange = { onConfScreenShareChange: 'conf-screen-share-change' as EventName<ConfScreenShareChangeEvent> };
const prejoinJoin = { onConfPrejoinJoin: 'conf-prejoin-join' as EventName<ConfPrejoinJoinEvent> };
const qualityEvents = {
  onConfQualityChange: 'conf-quality-change' as EventName<ConfQualityChangeEvent>,
  onConfLayerChange: 'conf-layer-change' as EventName<ConfLayerChangeEvent>,
};
const moderate = { onConfModerate: 'conf-moderate' as EventName<ConfModerateEvent> };

const pinEvent = { onConfPin: 'conf-pin' as EventName<ConfPinEvent> };

const statsOpen = { onConfStatsOpen: 'conf-stats-open' as EventName<ConfStatsOpenEvent> };

const roomEvents = {
  onConfJoined: 'conf-joined' as EventName<ConfJoinedEvent>,
  onConfLeft: 'conf-left' as EventName<ConfLeftEvent>,
  onConfError: 'conf-error' as EventName<ConfErrorEvent>,
  onConfPublisherJoined: 'conf-publisher-joined' as EventName<ConfPublisherJoinedEvent>,
  onConfPublisherLeft: 'conf-publisher-left' as EventName<ConfPublisherLeftEvent>,
  // From the elements it renders (composed events bubble out of its shadow root):
  ...prejoinJoin,
  ...deviceSelect,
  ...screenShareChange,
  ...qualityEvents,
  onConfRecordingToggle: 'conf-recording-toggle' as EventName<ConfRecordingToggleEvent>, // recording
  onConfRecordingNoticeDismiss: 'conf-recording-notice-dismiss' as EventName<ConfRecordingNoticeDismissEvent>,
  ...statsOpen,
};

/** The events a wrapper maps, keyed by React prop. */
type EventMap = Record<string, EventName | string>;

/** The wrappers' event maps by tag name (checked against custom-elements.json by the unit tests). */
export const reactEvents: Record<string, EventMap> = {};

function wrap<I extends HTMLElement, E extends EventMap = {}>(
  tagName: string,
  elementClass: { new (): I },
  displayName: string,
  events?: E,
) {
  reactEvents[tagName] = events ?? {};
  return createComponent<I, E>({ react: React, tagName, elementClass, events, displayName });
}

const pin = { onConfPin: 'conf-pin' as EventName<ConfPinEvent> };
const layoutChange = { onConfLayoutChange: 'conf-layout-change' as EventName<ConfLayoutChangeEvent> };
const confError = { onConfError: 'conf-error' as EventName<ConfErrorEvent> };

/** `<conf-room>`: a whole call. Props: server, room, userId, name, callType, autoJoin, prejoin, theme, session. */
export const ConfRoom = wrap('conf-room', ConfRoomElement, 'ConfRoom', roomEvents);

/** `<conf-tile>`: one participant. Props: userId, local, quality, hideStats, session. */
export const ConfTile = wrap('conf-tile', ConfTileElement, 'ConfTile', { ...qualityEvents, ...pin, ...statsOpen });

/** `<mic-meter>`: live microphone level. Props: userId, local, session. */
export const MicMeter = wrap('mic-meter', MicMeterElement, 'MicMeter');

/** `<conf-controls>`: mic, camera and leave buttons (and slotted pickers / share button). */
export const ConfControls = wrap('conf-controls', ConfControlsElement, 'ConfControls', { ...deviceSelect, ...screenShareChange, ...statsOpen });

/** `<device-picker>`: a device menu. Props: kind, open, selectedId, session. */
export const DevicePicker = wrap('device-picker', DevicePickerElement, 'DevicePicker', deviceSelect);

/** `<screen-share-button>`: starts and stops screen sharing. Props: withAudio, session. */
export const ScreenShareButton = wrap('screen-share-button', ScreenShareButtonElement, 'ScreenShareButton', screenShareChange);

/** `<conf-prejoin>`: preview, devices and name before joining. Props: name, callType, room, joinLabel, busy. */
export const ConfPrejoin = wrap('conf-prejoin', ConfPrejoinElement, 'ConfPrejoin', { ...prejoinJoin, ...deviceSelect });

/** `<conf-screen-tile>`: one screen share. Props: userId, local, session. */
export const ConfScreenTile = wrap('conf-screen-tile', ConfScreenTileElement, 'ConfScreenTile', pin);

/** `<quality-badge>`: resolution, frame rate and bitrate of a tile. Props: userId, session. */
export const QualityBadge = wrap('quality-badge', QualityBadgeElement, 'QualityBadge');

/** `<quality-menu>`: quality and frame-rate choices for one remote video. Props: userId, open, session. */
export const QualityMenu = wrap('quality-menu', QualityMenuElement, 'QualityMenu', qualityEvents);

/** `<conf-layout-picker>`: grid, speaker or auto, and hide-self. Props: layout, hideSelf. */
export const ConfLayoutPicker = wrap('conf-layout-picker', ConfLayoutPickerElement, 'ConfLayoutPicker', layoutChange);

// --- calls (docs/calls.md) ---
/** `<conf-call-center>`: online for calls; mounts a room for an accepted call. Props: server, userId, name, token, calls. */
export const ConfCallCenter = wrap('conf-call-center', ConfCallCenterElement, 'ConfCallCenter', confError);

/** `<conf-call-button>`: rings `users` and shows their statuses. Props: users, callType, meetingId, calls. */
export const ConfCallButton = wrap('conf-call-button', ConfCallButtonElement, 'ConfCallButton', {
  onConfCallStarted: 'conf-call-started' as EventName<CustomEvent<ActiveCall>>,
  ...confError,
});

/** `<conf-incoming-call>`: one ringing call. Props: call, muted. */
export const ConfIncomingCall = wrap('conf-incoming-call', ConfIncomingCallElement, 'ConfIncomingCall', {
  onConfCallAccept: 'conf-call-accept' as EventName<CustomEvent<CallAnswerDetail>>,
  onConfCallDecline: 'conf-call-decline' as EventName<CustomEvent<{ callId: string }>>,
});

/** `<conf-add-participant>`: invites more people into a call. Props: calls, callId, open. */
export const ConfAddParticipant = wrap('conf-add-participant', ConfAddParticipantElement, 'ConfAddParticipant', {
  onConfCallInvited: 'conf-call-invited' as EventName<CustomEvent<{ callId: string; userIds: string[] }>>,
  ...confError,
});
// --- end calls ---

// --- recording (issue 13) ---
const recordingToggle = { onConfRecordingToggle: 'conf-recording-toggle' as EventName<ConfRecordingToggleEvent> };
const noticeDismiss = { onConfRecordingNoticeDismiss: 'conf-recording-notice-dismiss' as EventName<ConfRecordingNoticeDismissEvent> };

/** `<conf-recording-indicator>`: the REC mark and elapsed time while the room is recorded. Props: session. */
export const ConfRecordingIndicator = wrap('conf-recording-indicator', ConfRecordingIndicatorElement, 'ConfRecordingIndicator', noticeDismiss);

/** `<conf-recording-notice>`: "this room is being recorded". Props: dismissible. */
export const ConfRecordingNotice = wrap('conf-recording-notice', ConfRecordingNoticeElement, 'ConfRecordingNotice', noticeDismiss);

/** `<conf-record-button>`: starts and stops recording (with the record or admin grant). Props: iconsOnly, session. */
export const ConfRecordButton = wrap('conf-record-button', ConfRecordButtonElement, 'ConfRecordButton', recordingToggle);
// --- end recording ---
/** `<conf-participants>`: everyone in the call; admins get a moderation menu per person. */
export const ConfParticipants = wrap('conf-participants', ConfParticipantsElement, 'ConfParticipants', moderate);

/** `<conf-participant-menu>`: one person's moderation menu. Props: userId, name, micOn, cameraOn, open, session. */
export const ConfParticipantMenu = wrap('conf-participant-menu', ConfParticipantMenuElement, 'ConfParticipantMenu', moderate);
/** `<conf-network-indicator>`: signal bars and whose connection is poor. Props: userId, local, session. */
export const ConfNetworkIndicator = wrap('conf-network-indicator', ConfNetworkIndicatorElement, 'ConfNetworkIndicator');

/** `<conf-stats-panel>`: live call statistics and "Copy diagnostics". Props: open, userId, session. */
export const ConfStatsPanel = wrap('conf-stats-panel', ConfStatsPanelElement, 'ConfStatsPanel', {
  onConfStatsClose: 'conf-stats-close' as EventName<ConfStatsCloseEvent>,
});
export type { ConfStatsCloseEvent, ConfStatsOpenEvent };

// --- reconnect UI (issue 14, docs/reliability.md) ---
/** `<conf-connection-banner>`: reconnecting (attempt n of N), restored, or gave up with Rejoin. Props: restoredDuration, maxAttempts, session. */
export const ConfConnectionBanner = wrap('conf-connection-banner', ConfConnectionBannerElement, 'ConfConnectionBanner', {
  onConfConnectionPhase: 'conf-connection-phase' as EventName<ConfConnectionPhaseEvent>,
  onConfRejoin: 'conf-rejoin' as EventName<ConfRejoinEvent>,
});
export type { ConfConnectionPhaseEvent, ConfRejoinEvent };

/** The props of a wrapper, e.g. `ConfKitProps<typeof ConfRoom>`. */
export type ConfKitProps<C> = C extends React.ComponentType<infer P> ? P : never;

// --- chat and meetings (docs/meetings.md) ---
const chatToggle = { onConfChatToggle: 'conf-chat-toggle' as EventName<ConfChatToggleEvent> };

/** `<conf-chat>`: the room chat panel. Props: open, session. */
export const ConfChat = wrap('conf-chat', ConfChatElement, 'ConfChat', {
  onConfChatSend: 'conf-chat-send' as EventName<ConfChatSendEvent>,
  ...chatToggle,
});

/** `<conf-chat-button>`: opens the chat, with the unread count. Props: open, session. */
export const ConfChatButton = wrap('conf-chat-button', ConfChatButtonElement, 'ConfChatButton', chatToggle);

/** `<conf-meetings>`: my meetings, a create/edit form, Join and Copy-link. Props: client. */
export const ConfMeetings = wrap('conf-meetings', ConfMeetingsElement, 'ConfMeetings', {
  onConfMeetingJoin: 'conf-meeting-join' as EventName<ConfMeetingJoinEvent>,
  onConfMeetingLink: 'conf-meeting-link' as EventName<ConfMeetingLinkEvent>,
  onConfMeetingSaved: 'conf-meeting-saved' as EventName<ConfMeetingSavedEvent>,
  onConfMeetingDeleted: 'conf-meeting-deleted' as EventName<ConfMeetingDeletedEvent>,
});
// --- end chat and meetings ---
