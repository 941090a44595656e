/**
 * The elements a room shows on demand, in one chunk (components/lazy-elements.ts loads it when the
 * first of them is rendered): one request after the first paint instead of a dozen, and fewer,
 * better-compressed chunks in the bundle.
 */
import './conf-connection-banner/conf-connection-banner.js';
import './conf-chat/conf-chat.js';
import './conf-participants/conf-participants.js';
import './conf-stats-panel/conf-stats-panel.js';
import './conf-network-indicator/conf-network-indicator.js';
import './quality-badge/quality-badge.js';
import './quality-menu/quality-menu.js';
import './conf-recording-indicator/conf-recording-indicator.js';
import './conf-recording-indicator/conf-recording-notice.js';
import './conf-record-button/conf-record-button.js';
import './conf-add-participant/conf-add-participant.js';
import './conf-screen-tile/conf-screen-tile.js';
import './device-picker/device-picker.js';
