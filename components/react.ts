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

/** `<conf-room>`: a whole call. Props: server, room, userId, name, callType, autoJoin, prejoin, theme, session. */
export const ConfRoom = wrap('conf-room', ConfRoomElement, 'ConfRoom', roomEvents);

/** `<conf-tile>`: one participant. Props: userId, local, quality, hideStats, session. */
export const ConfTile = wrap('conf-tile', ConfTileElement, 'ConfTile', { ...qualityEvents, ...statsOpen });

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
export const ConfScreenTile = wrap('conf-screen-tile', ConfScreenTileElement, 'ConfScreenTile');

/** `<quality-badge>`: resolution, frame rate and bitrate of a tile. Props: userId, session. */
export const QualityBadge = wrap('quality-badge', QualityBadgeElement, 'QualityBadge');

/** `<quality-menu>`: quality and frame-rate choices for one remote video. Props: userId, open, session. */
export const QualityMenu = wrap('quality-menu', QualityMenuElement, 'QualityMenu', qualityEvents);

/** `<conf-network-indicator>`: signal bars and whose connection is poor. Props: userId, local, session. */
export const ConfNetworkIndicator = wrap('conf-network-indicator', ConfNetworkIndicatorElement, 'ConfNetworkIndicator');

/** `<conf-stats-panel>`: live call statistics and "Copy diagnostics". Props: open, userId, session. */
export const ConfStatsPanel = wrap('conf-stats-panel', ConfStatsPanelElement, 'ConfStatsPanel', {
  onConfStatsClose: 'conf-stats-close' as EventName<ConfStatsCloseEvent>,
});
export type { ConfStatsCloseEvent, ConfStatsOpenEvent };

/** The props of a wrapper, e.g. `ConfKitProps<typeof ConfRoom>`. */
export type ConfKitProps<C> = C extends React.ComponentType<infer P> ? P : never;
