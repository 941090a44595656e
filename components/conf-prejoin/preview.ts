/**
 * The pre-join preview: a camera + microphone stream of the chosen devices, owned by
 * <conf-prejoin> until the user joins (then released, so the session can open the same devices).
 * Degrades like the session does: no camera -> microphone only -> nothing, with a notice.
 */
import type { ConferenceError } from '../../src/errors.js';
import { openTrack as openDeviceTrack } from '../../src/session/media.js';

export interface PreviewChoice {
  audioInput: string;
  videoInput: string;
  wantVideo: boolean;
}

export interface PreviewResult {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  notice: ConferenceError | null;
}

/** The core's getUserMedia helper, on one device ('' = the default one). */
const one = (kind: 'audio' | 'video', deviceId: string): Promise<MediaStreamTrack> =>
  openDeviceTrack(kind, deviceId ? { deviceId: { exact: deviceId } } : {});

/** Opens the chosen microphone and (when wanted) camera, each on its own so one failing keeps the other. */
export async function openPreview(choice: PreviewChoice): Promise<PreviewResult> {
  const [audio, video] = await Promise.allSettled([
    one('audio', choice.audioInput),
    choice.wantVideo ? one('video', choice.videoInput) : Promise.resolve(null),
  ]);
  const notice =
    video.status === 'rejected'
      ? (video.reason as ConferenceError)
      : audio.status === 'rejected'
        ? (audio.reason as ConferenceError)
        : null;
  return {
    audio: audio.status === 'fulfilled' ? audio.value : null,
    video: video.status === 'fulfilled' ? video.value : null,
    notice,
  };
}

/** Reopens one kind with another device. */
export function openTrack(kind: 'audio' | 'video', deviceId: string): Promise<MediaStreamTrack> {
  return one(kind, deviceId);
}

/** A short test tone on `sinkId` ('' = default output). Resolves when it has played. */
export async function playTestSound(sinkId: string, durationMs = 800): Promise<void> {
  const context = new AudioContext();
  try {
    await context.resume().catch(() => undefined);
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 660;
    gain.gain.setValueAtTime(0.0001, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.3, context.currentTime + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + durationMs / 1000);
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    // Through a media element, so the chosen output applies (setSinkId) in every browser that has it.
    const audio = document.createElement('audio') as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    audio.srcObject = destination.stream;
    if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId).catch(() => undefined);
    oscillator.start();
    await audio.play().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    oscillator.stop();
    audio.srcObject = null;
  } finally {
    void context.close().catch(() => undefined);
  }
}
