/** Shared empty values of the snapshot (frozen, so they can be reused by identity). */
import type { DevicesState, DeviceSummary, ScreenState } from './types.js';

export const EMPTY_SCREEN: ScreenState = Object.freeze({ video: null, audio: null, stream: null });

export const EMPTY_DEVICES: DevicesState = Object.freeze({
  cameras: Object.freeze([]) as readonly DeviceSummary[],
  audioInputs: Object.freeze([]) as readonly DeviceSummary[],
  audioOutputs: Object.freeze([]) as readonly DeviceSummary[],
  labelled: false,
  current: Object.freeze({ videoinput: null, audioinput: null, audiooutput: '' }),
  facingMode: null,
  audioOutputSupported: false,
  lastFallback: null,
});
