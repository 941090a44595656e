/**
 * Typed events of the conf-kit elements (Web Awesome style). Every event is prefixed `conf-`,
 * bubbles, and is composed, so it can be listened to on <conf-room> or any ancestor.
 */
import type { ConferenceErrorCode, DeviceKind } from '../src/state/types.js';

abstract class ConfEvent<D> extends CustomEvent<D> {
  constructor(type: string, detail: D, init: { cancelable?: boolean } = {}) {
    super(type, { bubbles: true, composed: true, cancelable: init.cancelable ?? false, detail });
  }
}

/** The local user joined the room. */
export class ConfJoinedEvent extends ConfEvent<{ roomId: string | null; userId: string }> {
  constructor(detail: { roomId: string | null; userId: string }) {
    super('conf-joined', detail);
  }
}

/** The local user left the room (left, replaced, room closed, or reconnecting gave up). */
export class ConfLeftEvent extends ConfEvent<{ roomId: string | null; userId: string }> {
  constructor(detail: { roomId: string | null; userId: string }) {
    super('conf-left', detail);
  }
}

/** Something went wrong. `detail.code` is stable; `detail.message` is human readable. */
export class ConfErrorEvent extends ConfEvent<{ code: ConferenceErrorCode; message: string }> {
  constructor(detail: { code: ConferenceErrorCode; message: string }) {
    super('conf-error', detail);
  }
}

/** A remote participant joined. */
export class ConfPublisherJoinedEvent extends ConfEvent<{ userId: string; name: string }> {
  constructor(detail: { userId: string; name: string }) {
    super('conf-publisher-joined', detail);
  }
}

/** A remote participant left. */
export class ConfPublisherLeftEvent extends ConfEvent<{ userId: string }> {
  constructor(detail: { userId: string }) {
    super('conf-publisher-left', detail);
  }
}

export type { DeviceKind };

/** A device was picked in a <device-picker>. Cancel it to stop the picker calling the session. */
export class ConfDeviceSelectEvent extends ConfEvent<{ deviceId: string; kind: DeviceKind }> {
  constructor(detail: { deviceId: string; kind: DeviceKind }) {
    super('conf-device-select', detail, { cancelable: true });
  }
}

export type ScreenShareState = 'idle' | 'starting' | 'sharing' | 'error';

/** A <screen-share-button> changed state. `code` is set in the `error` state. */
export class ConfScreenShareChangeEvent extends ConfEvent<{ state: ScreenShareState; code?: ConferenceErrorCode }> {
  constructor(detail: { state: ScreenShareState; code?: ConferenceErrorCode }) {
    super('conf-screen-share-change', detail);
  }
}

/** What the user chose in a <conf-prejoin>. Device ids are '' for the default. */
export interface PrejoinChoice {
  name: string;
  audioInput: string;
  videoInput: string;
  audioOutput: string;
  audioEnabled: boolean;
  videoEnabled: boolean;
}

/** The Join button of a <conf-prejoin> was pressed. <conf-room prejoin> joins with these choices. */
export class ConfPrejoinJoinEvent extends ConfEvent<PrejoinChoice> {
  constructor(detail: PrejoinChoice) {
    super('conf-prejoin-join', detail, { cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-prejoin-join': ConfPrejoinJoinEvent;
    'conf-joined': ConfJoinedEvent;
    'conf-left': ConfLeftEvent;
    'conf-error': ConfErrorEvent;
    'conf-publisher-joined': ConfPublisherJoinedEvent;
    'conf-publisher-left': ConfPublisherLeftEvent;
    'conf-device-select': ConfDeviceSelectEvent;
    'conf-screen-share-change': ConfScreenShareChangeEvent;
  }
}
