/** Local media acquisition and the encodings the session publishes with (mediasoup types only). */
import { ConferenceError } from '../errors.js';
import type { ConferenceErrorCode } from '../state/types.js';
import type { RtpEncodingParameters } from 'mediasoup-client/types';

/** Three VP8 simulcast layers, always (mediasoup 3.8.4 takes a single L1T3 encoding as SVC and rejects it). */
export const CAMERA_ENCODINGS: readonly Readonly<RtpEncodingParameters>[] = Object.freeze([
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 96_000, scalabilityMode: 'L1T3' },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 512_000, scalabilityMode: 'L1T3' },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_024_000, scalabilityMode: 'L1T3' },
]);

export const DEFAULT_VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export const DEFAULT_AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** Maps a getUserMedia failure to a ConferenceError code. */
export function mediaErrorCode(error: unknown): ConferenceErrorCode {
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'no-device';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'media-failed';
  }
}

export function toMediaError(error: unknown, what: string): ConferenceError {
  if (error instanceof ConferenceError) return error;
  const code = mediaErrorCode(error);
  const detail = (error as { message?: string } | null)?.message || String(error);
  return new ConferenceError(code, `${what}: ${detail}`, { cause: error });
}

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** Why some media is missing (reported as a notice; the join goes on). */
  notice: ConferenceError | null;
}

function mediaDevices(): MediaDevices | null {
  const md = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
  return md && typeof md.getUserMedia === 'function' ? md : null;
}

/** Gets one track of one kind, or throws a ConferenceError. */
export async function getTrack(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<MediaStreamTrack> {
  const md = mediaDevices();
  if (!md) throw new ConferenceError('unsupported', 'getUserMedia is not available (insecure origin?)');
  try {
    const stream = await md.getUserMedia(kind === 'audio' ? { audio: constraints } : { video: constraints });
    const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) throw new ConferenceError('no-device', `no ${kind} track`);
    return track;
  } catch (error) {
    throw toMediaError(error, kind === 'audio' ? 'microphone' : 'camera');
  }
}

/**
 * Mic (+ camera for video calls). Degrades instead of failing: camera denied or missing but mic
 * fine -> audio only; mic denied but camera fine -> video only; nothing -> receive-only. The
 * first failure is returned as `notice`.
 */
export async function acquireLocalMedia(
  wantVideo: boolean,
  audio: MediaTrackConstraints,
  video: MediaTrackConstraints,
): Promise<LocalMedia> {
  const md = mediaDevices();
  if (!md) {
    return { audio: null, video: null, notice: new ConferenceError('unsupported', 'getUserMedia is not available (insecure origin?)') };
  }
  try {
    const stream = await md.getUserMedia({ audio, video: wantVideo ? video : false });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, notice: null };
  } catch (first) {
    if (!wantVideo) return { audio: null, video: null, notice: toMediaError(first, 'microphone') };
    const [audioResult, videoResult] = await Promise.allSettled([getTrack('audio', audio), getTrack('video', video)]);
    const audioTrack = audioResult.status === 'fulfilled' ? audioResult.value : null;
    const videoTrack = videoResult.status === 'fulfilled' ? videoResult.value : null;
    const notice =
      videoResult.status === 'rejected'
        ? (videoResult.reason as ConferenceError)
        : audioResult.status === 'rejected'
          ? (audioResult.reason as ConferenceError)
          : toMediaError(first, 'camera and microphone');
    return { audio: audioTrack, video: videoTrack, notice };
  }
}

/** framesDecoded of the video inbound-rtp entry of a stats report (0 when absent). */
export function framesDecoded(report: RTCStatsReport): number {
  let frames = 0;
  report.forEach((entry: { type?: string; kind?: string; mediaType?: string; framesDecoded?: number }) => {
    if (entry.type === 'inbound-rtp' && (entry.kind ?? entry.mediaType) === 'video') {
      frames = Math.max(frames, entry.framesDecoded ?? 0);
    }
  });
  return frames;
}
