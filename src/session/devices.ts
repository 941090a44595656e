/**
 * DeviceController: the session's media devices. Lists cameras, microphones and speakers (live on
 * `devicechange`), switches the camera and microphone without renegotiation (replaceTrack), picks
 * the audio output, publishes custom streams, drives the torch, and falls back to the default
 * device when the one in use disappears. ConferenceSession owns one and forwards its public
 * device methods here; the state lives in `state.devices` (see docs/devices.md).
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  DEVICE_LIST_KEYS,
  isDeviceGone,
  setCurrentDevice,
  setDeviceLists,
  setDevicesPatch,
  setLastFallback,
  summarizeDevices,
} from '../state/devices.js';
import type { DeviceFallback, DeviceKind, DeviceSummary } from '../state/types.js';
import { isAudioOutputSelectionSupported } from './audio-output.js';
import { selectAudioOutput, setTorchEnabled } from './device-output.js';
import type { LocalSource, SessionInternals } from './internals.js';
import { mediaErrorCode, openTrack, toMediaError } from './media.js';
import type { SwitchCameraOptions } from './types.js';

const log = createLogger('conf-kit:devices');

type Facing = 'user' | 'environment';
type InputKind = 'audioinput' | 'videoinput';

const KIND_OF: Record<LocalSource, InputKind> = { mic: 'audioinput', camera: 'videoinput' };
const NOUN: Record<DeviceKind, string> = { audioinput: 'microphone', videoinput: 'camera', audiooutput: 'audio output' };

/** The part of `navigator.mediaDevices` the controller uses (injectable for tests). */
export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia' | 'addEventListener' | 'removeEventListener'>;

export interface DeviceControllerOptions {
  /** Default: `navigator.mediaDevices`. */
  mediaDevices?: MediaDevicesLike | null;
}

function defaultMediaDevices(): MediaDevicesLike | null {
  return (globalThis as { navigator?: Navigator }).navigator?.mediaDevices ?? null;
}

/** Errors worth stopping the old camera for and trying again: the device is busy (mobile, Windows). */
const BUSY = new Set(['NotReadableError', 'TrackStartError', 'AbortError']);

export class DeviceController {
  readonly #s: SessionInternals;
  readonly #md: MediaDevicesLike | null;
  /** Devices chosen by id; used for the next getUserMedia (join, unmute, fallback clears them). */
  readonly #preferred: { audioinput?: string; videoinput?: string } = {};
  /** Facing mode chosen before a camera track existed. */
  #preferredFacing: Facing | null = null;
  #watching = false;
  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;
  readonly #watchedTracks = new WeakSet<MediaStreamTrack>();
  readonly #fallingBack = new Set<DeviceKind>();
  readonly #onDeviceChange = (): void => void this.refresh();

  constructor(internals: SessionInternals, options: DeviceControllerOptions = {}) {
    this.#s = internals;
    this.#md = options.mediaDevices === undefined ? defaultMediaDevices() : options.mediaDevices;
    this.#s.state.update((s) => setDevicesPatch(s, { audioOutputSupported: isAudioOutputSelectionSupported() }));
  }

  /** Starts following `devicechange` (idempotent) and reads the lists once. */
  start(): Promise<void> {
    if (!this.#watching && this.#md) {
      this.#watching = true;
      this.#md.addEventListener('devicechange', this.#onDeviceChange);
    }
    return this.refresh();
  }

  /** Stops following `devicechange`. */
  stop(): void {
    if (!this.#watching) return;
    this.#watching = false;
    this.#md?.removeEventListener('devicechange', this.#onDeviceChange);
  }

  /**
   * Re-reads the device lists into the state (emitting `devicechange` when they changed), then
   * falls back to a default for any device in use that disappeared. Concurrent calls coalesce.
   */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        await this.#readLists();
      } while (this.#refreshAgain);
    })().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #readLists(): Promise<void> {
    if (typeof this.#md?.enumerateDevices !== 'function') return;
    let list: MediaDeviceInfo[];
    try {
      list = await this.#md.enumerateDevices();
    } catch (error) {
      log.warn('enumerateDevices failed', error);
      return;
    }
    const before = this.#s.state.getSnapshot();
    this.#s.state.update((s) => setDeviceLists(s, summarizeDevices(list)));
    const after = this.#s.state.getSnapshot();
    if (after.devices !== before.devices) this.#s.emit('devicechange', { devices: after.devices });
    this.#checkGone();
  }

  async #list(kind: DeviceKind): Promise<DeviceSummary[]> {
    await this.start();
    return [...this.#s.state.getSnapshot().devices[DEVICE_LIST_KEYS[kind]]];
  }

  getCameras(): Promise<DeviceSummary[]> {
    return this.#list('videoinput');
  }

  getAudioInputs(): Promise<DeviceSummary[]> {
    return this.#list('audioinput');
  }

  getAudioOutputs(): Promise<DeviceSummary[]> {
    return this.#list('audiooutput');
  }

  /** `base` plus the chosen device (exact deviceId) or facing mode, for getUserMedia. */
  constrain(kind: 'audio' | 'video', base: MediaTrackConstraints): MediaTrackConstraints {
    const deviceId = this.#preferred[kind === 'audio' ? 'audioinput' : 'videoinput'];
    if (deviceId) return { ...base, deviceId: { exact: deviceId } };
    if (kind === 'video' && this.#preferredFacing) return { ...base, facingMode: { ideal: this.#preferredFacing } };
    return base;
  }

  /**
   * Reads the devices of the local tracks into `state.devices.current` and watches the tracks for
   * `ended` (a device unplugged or revoked). ConferenceSession calls it whenever its tracks change.
   */
  syncCurrent(): void {
    for (const source of ['mic', 'camera'] as const) {
      const track = this.#s.localTrack(source);
      const kind = KIND_OF[source];
      if (!track) {
        // No track: the choice made before joining (or nothing).
        this.#s.state.update((s) => setCurrentDevice(s, kind, this.#preferred[kind] ?? null));
        continue;
      }
      const settings = track.getSettings?.() ?? {};
      this.#s.state.update((s) => setCurrentDevice(s, kind, settings.deviceId ?? this.#preferred[kind] ?? null));
      if (source === 'camera') {
        const facing = settings.facingMode === 'user' || settings.facingMode === 'environment' ? settings.facingMode : null;
        this.#s.state.update((s) => setDevicesPatch(s, { facingMode: facing ?? this.#preferredFacing }));
      }
      if (!this.#watchedTracks.has(track)) {
        this.#watchedTracks.add(track);
        track.addEventListener('ended', () => {
          if (this.#s.localTrack(source) !== track) return;
          log.warn(source, 'track ended; checking devices');
          void this.refresh().then(() => this.#checkGone());
        });
      }
    }
  }

  // -------------------------------------------------------------------------
  // Switching
  // -------------------------------------------------------------------------

  /**
   * Switches to the camera `deviceId`, or, without one, flips between the front and back camera
   * (facingMode; when the browser cannot tell, to the next camera in the list). Resolves to
   * whether the front camera is now in use. Before joining it only records the choice.
   */
  switchCamera(options: SwitchCameraOptions | string = {}): Promise<boolean> {
    const deviceId = typeof options === 'string' ? options : options.deviceId;
    return this.#s.exclusive(async () => {
      const old = this.#s.localTrack('camera');
      const base = this.#s.baseConstraints('video');
      if (deviceId) {
        this.#preferred.videoinput = deviceId;
        this.#preferredFacing = null;
        if (!old || old.getSettings().deviceId === deviceId) {
          this.#s.state.update((s) => setCurrentDevice(s, 'videoinput', deviceId));
          return this.#isFront(old, null);
        }
        const track = await this.#acquire('video', { ...base, deviceId: { exact: deviceId } }, old);
        await this.#install('camera', track);
        return this.#isFront(track, null);
      }

      const facing = (old?.getSettings().facingMode as Facing | undefined) || this.#s.state.getSnapshot().devices.facingMode || 'user';
      const next: Facing = facing === 'user' ? 'environment' : 'user';
      if (!old) {
        this.#preferredFacing = next;
        delete this.#preferred.videoinput;
        this.#s.state.update((s) => setDevicesPatch(s, { facingMode: next }));
        return next === 'user';
      }
      let track: MediaStreamTrack;
      try {
        track = await this.#acquire('video', { ...base, facingMode: { exact: next } }, old);
      } catch (error) {
        if (!(error instanceof ConferenceError) || error.code !== 'no-device') throw error;
        // No facingMode support (desktop): cycle through the cameras instead.
        const cameras = (await this.getCameras()).filter((c) => c.deviceId);
        const index = cameras.findIndex((c) => c.deviceId === old.getSettings().deviceId);
        const other = cameras.length > 1 ? cameras[(index + 1) % cameras.length] : undefined;
        if (!other || other.deviceId === old.getSettings().deviceId) {
          throw new ConferenceError('no-device', 'there is no other camera to switch to');
        }
        track = await this.#acquire('video', { ...base, deviceId: { exact: other.deviceId } }, old);
        await this.#install('camera', track);
        return this.#isFront(track, null);
      }
      this.#preferredFacing = next;
      await this.#install('camera', track);
      return this.#isFront(track, next);
    });
  }

  /** Switches to the microphone `deviceId` (replaceTrack: no renegotiation, mute state kept). */
  switchMicrophone(deviceId: string): Promise<void> {
    return this.#s.exclusive(async () => {
      this.#preferred.audioinput = deviceId;
      const old = this.#s.localTrack('mic');
      if (!old || old.getSettings().deviceId === deviceId) {
        this.#s.state.update((s) => setCurrentDevice(s, 'audioinput', deviceId));
        return;
      }
      const track = await this.#acquire('audio', { ...this.#s.baseConstraints('audio'), deviceId: { exact: deviceId } }, old);
      await this.#install('mic', track);
    });
  }

  /** Plays remote audio on `deviceId` ('' = default); see ./device-output.ts. */
  selectAudioOutput(deviceId: string): Promise<void> {
    return selectAudioOutput(this.#s, deviceId);
  }


  /**
   * Publishes `stream` in place of the camera and microphone: its audio track replaces the mic,
   * its video track the camera (video only in video calls). Kinds the stream lacks stay as they
   * are. The session owns the tracks from then on (it stops them on leave or on the next switch).
   */
  replaceMediaStream(stream: MediaStream): Promise<void> {
    return this.#s.exclusive(async () => {
      const audio = stream.getAudioTracks()[0];
      const video = this.#s.callType === 'video' ? stream.getVideoTracks()[0] : undefined;
      if (!audio && !video) throw new ConferenceError('no-device', 'the stream has no usable track');
      if (audio) await this.#install('mic', audio);
      if (video) await this.#install('camera', video);
    });
  }

  /** Turns the camera's torch (flash) on or off; see ./device-output.ts. */
  setTorchEnabled(enabled: boolean): Promise<void> {
    return setTorchEnabled(this.#s, enabled);
  }


  // -------------------------------------------------------------------------

  #isFront(track: MediaStreamTrack | null, requested: Facing | null): boolean {
    const facing = track?.getSettings().facingMode || requested || this.#s.state.getSnapshot().devices.facingMode;
    // Desktop webcams do not say; they face the user.
    return facing !== 'environment';
  }

  /** Publishes `track` for `source` and refreshes `current`. */
  async #install(source: LocalSource, track: MediaStreamTrack): Promise<void> {
    try {
      await this.#s.setLocalTrack(source, track);
    } catch (error) {
      track.stop();
      throw error instanceof ConferenceError ? error : toMediaError(error, NOUN[KIND_OF[source]]);
    }
    this.syncCurrent();
  }

  /**
   * getUserMedia for one kind. When the device is busy (phones cannot open two cameras), stops
   * `old` and tries again; if that fails too, re-opens `old`'s device so the call keeps media.
   */
  async #acquire(kind: 'audio' | 'video', constraints: MediaTrackConstraints, old: MediaStreamTrack | null): Promise<MediaStreamTrack> {
    const noun = kind === 'audio' ? 'microphone' : 'camera';
    try {
      return await openTrack(kind, constraints, this.#md);
    } catch (first) {
      const cause = (first as { cause?: { name?: string } } | null)?.cause;
      if (!old || !BUSY.has(cause?.name ?? '')) throw first;
      log.debug(noun, 'busy; stopping the old one and retrying');
      const oldId = old.getSettings().deviceId;
      old.stop();
      try {
        return await openTrack(kind, constraints, this.#md);
      } catch (second) {
        try {
          const restored = await openTrack(kind, { ...this.#s.baseConstraints(kind), deviceId: oldId ? { exact: oldId } : undefined }, this.#md);
          await this.#install(kind === 'audio' ? 'mic' : 'camera', restored);
        } catch (restoreError) {
          log.warn('could not restore the previous', noun, restoreError);
        }
        throw second;
      }
    }
  }

  // -------------------------------------------------------------------------
  // Hot-plug
  // -------------------------------------------------------------------------

  /** Falls back for every device in use that is no longer listed (or whose track ended). */
  #checkGone(): void {
    const { devices } = this.#s.state.getSnapshot();
    for (const source of ['mic', 'camera'] as const) {
      const kind = KIND_OF[source];
      const track = this.#s.localTrack(source);
      const list = devices[DEVICE_LIST_KEYS[kind]];
      if (!track) {
        // A choice made before joining whose device vanished: forget it quietly.
        const preferred = this.#preferred[kind];
        if (preferred && isDeviceGone(preferred, list, devices.labelled)) {
          delete this.#preferred[kind];
          this.#s.state.update((s) => setCurrentDevice(s, kind, null));
        }
        continue;
      }
      const id = track.getSettings?.().deviceId ?? null;
      if (track.readyState === 'ended' || isDeviceGone(id, list, devices.labelled)) void this.#fallBack(source, id ?? '');
    }
    const output = devices.current.audiooutput;
    if (isDeviceGone(output, devices.audioOutputs, devices.labelled)) {
      this.#s.state.update((s) => setCurrentDevice(s, 'audiooutput', ''));
      this.#announce({ kind: 'audiooutput', previousDeviceId: output, deviceId: '', at: Date.now() });
    }
  }

  #fallBack(source: LocalSource, previousDeviceId: string): Promise<void> {
    const kind = KIND_OF[source];
    if (this.#fallingBack.has(kind)) return Promise.resolve();
    this.#fallingBack.add(kind);
    return this.#s
      .exclusive(async () => {
        const track = this.#s.localTrack(source);
        const { devices } = this.#s.state.getSnapshot();
        const list = devices[DEVICE_LIST_KEYS[kind]];
        const id = track?.getSettings?.().deviceId ?? null;
        if (!track || (track.readyState !== 'ended' && !isDeviceGone(id, list, devices.labelled))) return; // Resolved meanwhile.
        log.warn(NOUN[kind], previousDeviceId, 'disappeared; falling back to the default');
        delete this.#preferred[kind];
        if (kind === 'videoinput') this.#preferredFacing = null;
        // The same device if it is still listed (its track merely ended), else the default.
        const stillListed = !!previousDeviceId && list.some((d) => d.deviceId === previousDeviceId);
        const base = this.#s.baseConstraints(source === 'mic' ? 'audio' : 'video');
        let deviceId: string | null = null;
        try {
          const next = await this.#acquire(
            source === 'mic' ? 'audio' : 'video',
            stillListed ? { ...base, deviceId: { ideal: previousDeviceId } } : base,
            null,
          );
          await this.#install(source, next);
          deviceId = next.getSettings().deviceId ?? '';
        } catch (error) {
          const code = mediaErrorCode(error);
          this.#s.report(
            new ConferenceError(
              code === 'permission-denied' ? code : 'no-device',
              `your ${NOUN[kind]} was disconnected and no other ${NOUN[kind]} could be opened`,
              { cause: error },
            ),
          );
          this.syncCurrent();
        }
        this.#announce({ kind, previousDeviceId, deviceId, at: Date.now() });
      })
      .finally(() => this.#fallingBack.delete(kind));
  }

  #announce(fallback: DeviceFallback): void {
    this.#s.state.update((s) => setLastFallback(s, fallback));
    this.#s.emit('devicefallback', fallback);
    this.#s.emit('devicechange', { devices: this.#s.state.getSnapshot().devices });
  }
}
