export { ConfRecordingIndicator } from './conf-recording-indicator.js';
export { ConfRecordingNotice } from './conf-recording-notice.js';
export { ConfRecordingNoticeDismissEvent, ConfRecordingToggleEvent } from './recording-events.js';
