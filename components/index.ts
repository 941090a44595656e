/**
 * The `conf-kit` entry: the framework-agnostic core (src/index-core.ts, also `conf-kit/core`)
 * plus the UI layer: context keys, reactive controllers, strings and every element, registered on
 * import. Importing it in Node (no DOM) is safe: registration is skipped where there
 * is no custom element registry.
 */
export * from '../src/index-core.js';

export { sessionContext, stringsContext, type SessionContext, type StringsContext } from './context.js';
export { StoreController, shallowEqual, type StoreControllerOptions } from './controllers/store-controller.js';
export { AudioLevelController, rmsToLevel } from './controllers/audio-level-controller.js';

// Strings (docs/i18n.md): the typed set, English defaults, the global registry and the controller.
// Locales are separate entries: `import { de } from 'conf-kit/i18n/de'`.
export * from './i18n/index.js';

export { ConfRoom } from './conf-room/conf-room.js';
export { ConfTile } from './conf-tile/conf-tile.js';
export { MicMeter } from './mic-meter/mic-meter.js';
export { ConfControls } from './conf-controls/conf-controls.js';
export { DevicePicker } from './device-picker/device-picker.js';
export { ScreenShareButton } from './screen-share-button/screen-share-button.js';
export { ConfScreenTile } from './conf-screen-tile/conf-screen-tile.js';
export { ConfPrejoin } from './conf-prejoin/conf-prejoin.js';
export { ConfParticipants, ConfParticipantMenu, ConfModerateEvent, participantRows, type ModerationAction } from './conf-participants/index.js';
export * from './events.js';
export { QualityBadge, formatQuality } from './quality-badge/quality-badge.js';
export { QualityMenu } from './quality-menu/quality-menu.js';
export { ConfQualityChangeEvent, ConfLayerChangeEvent } from './quality-menu/quality-events.js';
export { ConfLayoutPicker } from './conf-layout-picker/conf-layout-picker.js';
export { ConfRecordingIndicator, ConfRecordingNotice, ConfRecordingNoticeDismissEvent, ConfRecordingToggleEvent } from './conf-recording-indicator/index.js';
export { ConfRecordButton } from './conf-record-button/conf-record-button.js';
export { ConfNetworkIndicator, describeNetwork } from './conf-network-indicator/index.js';
export { ConfStatsPanel, ConfStatsOpenEvent, ConfStatsCloseEvent, StatsPanelHost } from './conf-stats-panel/index.js';
export { ConfConnectionBanner, ConfConnectionPhaseEvent, ConfRejoinEvent, type BannerPhase } from './conf-connection-banner/index.js'; // reconnect UI (issue 14)
export { ConfPinEvent, ConfLayoutChangeEvent, type PinDetail } from './conf-room/layout-events.js';
export { fitGrid, chooseStage, effectiveLayout, SpeakerHold, LAYOUT_MODES, type LayoutMode, type TileKey, type GridFit } from './conf-room/layout.js';
export { AdaptiveStreamController, type AdaptiveStreamOptions } from './controllers/adaptive-stream-controller.js';
export { streamTypeForSize } from './controllers/adaptive-layer.js';
// --- chat and meetings (docs/meetings.md) ---
export { ConfChat, ConfChatButton, ConfChatSendEvent, ConfChatToggleEvent, chatParts, type ChatPart } from './conf-chat/index.js';
export { ConfMeetings } from './conf-meetings/conf-meetings.js';
export * from './conf-meetings/meetings-events.js';

// Calls (docs/calls.md): online for calls, ringing, answering, inviting.
export { ConfCallCenter } from './conf-call-center/conf-call-center.js';
export { ConfCallButton, type CallsLike } from './conf-call-button/conf-call-button.js';
export { ConfIncomingCall, type CallAnswerDetail } from './conf-incoming-call/conf-incoming-call.js';
export { ConfAddParticipant } from './conf-add-participant/conf-add-participant.js';
export { callContext, type CallContext, type CallContextValue } from './call-context.js';

// Lazy loading (docs/architecture.md): the on-demand elements of a room, loaded on first use.
export { loadElement, preloadElements, lazyElementTags, LazyElementsController } from './lazy-elements.js';
