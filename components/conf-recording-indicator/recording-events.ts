/** Typed events of the recording elements (bubbling, composed, prefixed `conf-`). */
import type { RecordingState } from '../../src/protocol/protocol.js';

/** The recording notice was dismissed. */
export class ConfRecordingNoticeDismissEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('conf-recording-notice-dismiss', { bubbles: true, composed: true, detail: {} });
  }
}

/** <conf-record-button> started or stopped the recording; `detail.recording` is the new state. */
export class ConfRecordingToggleEvent extends CustomEvent<{ recording: RecordingState }> {
  constructor(detail: { recording: RecordingState }) {
    super('conf-recording-toggle', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-recording-notice-dismiss': ConfRecordingNoticeDismissEvent;
    'conf-recording-toggle': ConfRecordingToggleEvent;
  }
}
