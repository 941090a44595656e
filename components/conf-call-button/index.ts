export { ConfCallButton, type CallsLike } from './conf-call-button.js';
