/**
 * Pure reducers for `SessionSnapshot.devices` and the screen-share slots (`self.screen`,
 * `PublisherState.screen`). Same rules as ./publishers.ts: new objects along the changed path,
 * the very same snapshot when nothing changed. No DOM.
 */
import type { MediaKind, MediaSource } from '../protocol/protocol.js';
import { EMPTY_DEVICES, EMPTY_SCREEN } from './empty.js';
import { removePublisherTrack, setPublisherTrack, type StreamFactory } from './publishers.js';
import type {
  DeviceFallback,
  DeviceKind,
  DevicesState,
  DeviceSummary,
  ScreenState,
  SessionSnapshot,
} from './types.js';

export { EMPTY_DEVICES, EMPTY_SCREEN };

/** The state key of each device kind's list. */
export const DEVICE_LIST_KEYS = {
  videoinput: 'cameras',
  audioinput: 'audioInputs',
  audiooutput: 'audioOutputs',
} as const satisfies Record<DeviceKind, keyof DevicesState>;

/** Plain copies of `enumerateDevices()` entries, split by kind. `labelled` when any label is known. */
export function summarizeDevices(list: readonly Pick<MediaDeviceInfo, 'deviceId' | 'groupId' | 'kind' | 'label'>[]): {
  cameras: DeviceSummary[];
  audioInputs: DeviceSummary[];
  audioOutputs: DeviceSummary[];
  labelled: boolean;
} {
  const out = { cameras: [] as DeviceSummary[], audioInputs: [] as DeviceSummary[], audioOutputs: [] as DeviceSummary[] };
  for (const d of list) {
    const kind = d.kind as DeviceKind;
    if (!(kind in DEVICE_LIST_KEYS)) continue;
    out[DEVICE_LIST_KEYS[kind]].push({ deviceId: d.deviceId, groupId: d.groupId, kind, label: d.label });
  }
  const labelled = list.some((d) => d.label !== '');
  return { ...out, labelled };
}

const sameList = (a: readonly DeviceSummary[], b: readonly DeviceSummary[]) =>
  a.length === b.length &&
  a.every((d, i) => d.deviceId === b[i]!.deviceId && d.label === b[i]!.label && d.groupId === b[i]!.groupId);

function withDevices(snapshot: SessionSnapshot, patch: Partial<DevicesState>): SessionSnapshot {
  const prev = snapshot.devices;
  const changed = (Object.keys(patch) as (keyof DevicesState)[]).some((k) => !Object.is(prev[k], patch[k]));
  return changed ? { ...snapshot, devices: { ...prev, ...patch } } : snapshot;
}

/** Replaces the device lists; unchanged lists keep their identity. */
export function setDeviceLists(snapshot: SessionSnapshot, lists: ReturnType<typeof summarizeDevices>): SessionSnapshot {
  const prev = snapshot.devices;
  return withDevices(snapshot, {
    cameras: sameList(prev.cameras, lists.cameras) ? prev.cameras : lists.cameras,
    audioInputs: sameList(prev.audioInputs, lists.audioInputs) ? prev.audioInputs : lists.audioInputs,
    audioOutputs: sameList(prev.audioOutputs, lists.audioOutputs) ? prev.audioOutputs : lists.audioOutputs,
    labelled: lists.labelled,
  });
}

export function setCurrentDevice(snapshot: SessionSnapshot, kind: 'videoinput' | 'audioinput', deviceId: string | null): SessionSnapshot;
export function setCurrentDevice(snapshot: SessionSnapshot, kind: 'audiooutput', deviceId: string): SessionSnapshot;
export function setCurrentDevice(snapshot: SessionSnapshot, kind: DeviceKind, deviceId: string | null): SessionSnapshot {
  const current = snapshot.devices.current;
  if (current[kind] === deviceId) return snapshot;
  return withDevices(snapshot, { current: { ...current, [kind]: deviceId } });
}

export function setDevicesPatch(
  snapshot: SessionSnapshot,
  patch: Partial<Pick<DevicesState, 'facingMode' | 'audioOutputSupported'>>,
): SessionSnapshot {
  return withDevices(snapshot, patch);
}

export function setLastFallback(snapshot: SessionSnapshot, fallback: DeviceFallback): SessionSnapshot {
  return withDevices(snapshot, { lastFallback: fallback });
}

/**
 * Whether the device in use (`currentId`) is gone from `list`. An unknown current device, an
 * unlabelled list (before permission ids are not stable) or the default entry never count.
 */
export function isDeviceGone(currentId: string | null, list: readonly DeviceSummary[], labelled: boolean): boolean {
  if (!currentId || currentId === 'default' || !labelled) return false;
  return !list.some((d) => d.deviceId === currentId);
}

// ---------------------------------------------------------------------------
// Screen shares
// ---------------------------------------------------------------------------

const isScreenSource = (source: MediaSource) => source === 'screen' || source === 'screen-audio';

/** A ScreenState with `track` set (or cleared) for its kind; a new stream when the track set changes. */
export function withScreenTrack(
  screen: ScreenState,
  kind: MediaKind,
  track: MediaStreamTrack | null,
  createStream: StreamFactory,
): ScreenState {
  if (screen[kind] === track) return screen;
  const next = { ...screen, [kind]: track };
  const list = [next.video, next.audio].filter((t): t is MediaStreamTrack => t !== null);
  return { ...next, stream: list.length > 0 ? createStream(list) : null };
}

/**
 * Sets a received track of any source: mic/camera go to `tracks`/`stream` (setPublisherTrack),
 * screen/screen-audio to `screen` (created when missing).
 */
export function setPublisherSourceTrack(
  snapshot: SessionSnapshot,
  userId: string,
  source: MediaSource,
  kind: MediaKind,
  track: MediaStreamTrack | null,
  createStream: StreamFactory,
): SessionSnapshot {
  if (!isScreenSource(source)) return setPublisherTrack(snapshot, userId, kind, track, createStream);
  const prev = snapshot.publishers[userId];
  if (!prev) return snapshot;
  if (!prev.screen && !track) return snapshot;
  const screen = withScreenTrack(prev.screen ?? EMPTY_SCREEN, kind, track, createStream);
  if (screen === prev.screen) return snapshot;
  return { ...snapshot, publishers: { ...snapshot.publishers, [userId]: { ...prev, screen } } };
}

/** Clears `track` if it is still the publisher's current one of that source and kind. */
export function removePublisherSourceTrack(
  snapshot: SessionSnapshot,
  userId: string,
  source: MediaSource,
  kind: MediaKind,
  track: MediaStreamTrack,
  createStream: StreamFactory,
): SessionSnapshot {
  if (!isScreenSource(source)) return removePublisherTrack(snapshot, userId, kind, track, createStream);
  const prev = snapshot.publishers[userId];
  if (!prev?.screen || prev.screen[kind] !== track) return snapshot;
  return setPublisherSourceTrack(snapshot, userId, source, kind, null, createStream);
}
