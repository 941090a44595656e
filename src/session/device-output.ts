/**
 * The device controls that need no device list: the audio output (setSinkId, probed on a detached
 * element first) and the camera torch. DeviceController (./devices.ts) forwards to them.
 */
import { ConferenceError, UnsupportedError } from '../errors.js';
import { setCurrentDevice } from '../state/devices.js';
import { isAudioOutputSelectionSupported } from './audio-output.js';
import type { SessionInternals } from './internals.js';
import { toMediaError } from './media.js';

/**
 * Plays remote audio on `deviceId` ('' = system default). Throws an UnsupportedError where the
 * browser has no `setSinkId`, a `no-device` error for an unknown output. The choice goes to
 * `state.devices.current.audiooutput`; elements apply it to every remote media element.
 */
export async function selectAudioOutput(s: SessionInternals, deviceId: string): Promise<void> {
  if (!isAudioOutputSelectionSupported()) {
    throw new UnsupportedError('audio-output', 'this browser cannot choose the audio output (no HTMLMediaElement.setSinkId)');
  }
  if (deviceId && deviceId !== 'default') {
    // Try it on a detached element first: an unknown or forbidden id fails here, not in every tile.
    const probe = document.createElement('audio') as HTMLAudioElement & { setSinkId(id: string): Promise<void> };
    try {
      await probe.setSinkId(deviceId);
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'NotFoundError') throw new ConferenceError('no-device', `no audio output ${deviceId}`, { cause: error });
      throw toMediaError(error, 'audio output');
    }
  }
  const before = s.state.getSnapshot().devices;
  s.state.update((snapshot) => setCurrentDevice(snapshot, 'audiooutput', deviceId));
  const after = s.state.getSnapshot().devices;
  if (after !== before) s.emit('devicechange', { devices: after });
}
/** Turns the camera's torch (flash) on or off; UnsupportedError where the track has none. */
export async function setTorchEnabled(s: SessionInternals, enabled: boolean): Promise<void> {
  const track = s.localTrack('camera');
  if (!track) throw new ConferenceError('no-device', 'there is no camera track');
  const capabilities = (track.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: unknown };
  if (!('torch' in capabilities) || capabilities.torch === false) {
    throw new UnsupportedError('torch', 'this camera has no torch (or the browser cannot control it)');
  }
  try {
    await track.applyConstraints({ advanced: [{ torch: enabled } as MediaTrackConstraintSet] });
  } catch (error) {
    throw new UnsupportedError('torch', `the torch could not be set: ${(error as Error)?.message ?? error}`);
  }
}
