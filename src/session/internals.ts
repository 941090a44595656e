/**
 * The narrow seam between ConferenceSession and its helpers (devices.ts, screen-share.ts).
 * ConferenceSession keeps its private fields private and hands the helpers exactly these
 * operations; the helpers hold no mediasoup transport or signalling of their own.
 */
import type { Producer } from 'mediasoup-client/types';
import type { ConferenceError } from '../errors.js';
import type { CallType } from '../protocol/protocol.js';
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';
import type { SessionEventMap, SessionEventName } from './types.js';

/** The local sources that replace one another on device switches. */
export type LocalSource = 'mic' | 'camera';

export interface SessionInternals {
  readonly callType: CallType;
  readonly state: Store<SessionSnapshot>;
  emit<K extends SessionEventName>(event: K, payload: SessionEventMap[K]): void;
  /** Records the error in state.error, emits `error`, returns it. */
  report(error: ConferenceError): ConferenceError;
  /** Runs `task` in the session's serial queue, after join, reconnects and earlier local-media changes. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** The current local track of `source`, or null. */
  localTrack(source: LocalSource): MediaStreamTrack | null;
  /**
   * Puts `track` in place of the local track of `source` (call it inside `exclusive`): publishes it
   * (replaceTrack, or a new producer when joined without one), rebuilds self.stream, emits
   * `localstream`, then stops the previous track.
   */
  setLocalTrack(source: LocalSource, track: MediaStreamTrack): Promise<void>;
  /** The session's getUserMedia constraints (without device choice). */
  baseConstraints(kind: 'audio' | 'video'): MediaTrackConstraints;
  /** Produces a screen source on the send transport (created when needed). Needs a joined session. */
  produceExtra(source: 'screen' | 'screen-audio', track: MediaStreamTrack): Promise<Producer>;
  /** Closes a producer made by produceExtra and tells the server (closeProducer). */
  closeExtra(producer: Producer): void;
}
