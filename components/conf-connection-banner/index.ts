export { ConfConnectionBanner, DEFAULT_MAX_ATTEMPTS } from './conf-connection-banner.js';
export { ConfConnectionPhaseEvent, ConfRejoinEvent } from './events.js';
export { nextMemory, type BannerPhase } from './phase.js';
