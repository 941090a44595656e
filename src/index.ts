/**
 * The `conf-kit` entry: the framework-agnostic core (./index-core.js) plus every element,
 * registered on import. Importing it in Node (no DOM) is safe: registration is skipped where there
 * is no custom element registry.
 */
export * from './index-core.js';

export { sessionContext, stringsContext, type SessionContext, type StringsContext } from './context.js';
export { StoreController, shallowEqual, type StoreControllerOptions } from './controllers/store-controller.js';
export { AudioLevelController, rmsToLevel } from './controllers/audio-level-controller.js';

// Strings (docs/i18n.md): the typed set, English defaults, the global registry and the controller.
// Locales are separate entries: `import { de } from 'conf-kit/i18n/de'`.
export * from './i18n/index.js';

export { ConfRoom } from '../components/conf-room/conf-room.js';
export { ConfTile } from '../components/conf-tile/conf-tile.js';
export { MicMeter } from '../components/mic-meter/mic-meter.js';
export { ConfControls } from '../components/conf-controls/conf-controls.js';
export { DevicePicker } from '../components/device-picker/device-picker.js';
export { ScreenShareButton } from '../components/screen-share-button/screen-share-button.js';
export { ConfScreenTile } from '../components/conf-screen-tile/conf-screen-tile.js';
export { ConfPrejoin } from '../components/conf-prejoin/conf-prejoin.js';
export * from '../components/events.js';
export { QualityBadge, formatQuality } from '../components/quality-badge/quality-badge.js';
export { QualityMenu } from '../components/quality-menu/quality-menu.js';
export { ConfQualityChangeEvent, ConfLayerChangeEvent } from '../components/quality-menu/quality-events.js';
