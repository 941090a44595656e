/**
 * Local media acquisition for the whole kit. `getUserMedia()` below is the only caller of
 * `navigator.mediaDevices.getUserMedia`: the session's join media, the device controller's
 * switches and fallbacks, and <conf-prejoin>'s preview all go through it, so every failure maps
 * to the same ConferenceError codes.
 */
import { ConferenceError, UnsupportedError } from '../errors.js';
import type { ConferenceErrorCode } from '../state/types.js';

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

/** The part of `navigator.mediaDevices` getUserMedia needs (injectable for tests). */
export type UserMediaSource = Pick<MediaDevices, 'getUserMedia'>;

function defaultSource(): UserMediaSource | null {
  const md = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
  return md && typeof md.getUserMedia === 'function' ? md : null;
}

const NOUN = { audio: 'microphone', video: 'camera' } as const;

/**
 * The kit's one getUserMedia: `constraints` from `source` (default `navigator.mediaDevices`).
 * Throws an UnsupportedError without getUserMedia, otherwise a ConferenceError whose code comes
 * from mediaErrorCode() and whose `cause` is the browser's error. `what` names it in the message.
 */
export async function getUserMedia(
  constraints: MediaStreamConstraints,
  what: string,
  source: UserMediaSource | null = defaultSource(),
): Promise<MediaStream> {
  if (typeof source?.getUserMedia !== 'function') {
    throw new UnsupportedError('getUserMedia', 'getUserMedia is not available (insecure origin?)');
  }
  try {
    return await source.getUserMedia(constraints);
  } catch (error) {
    throw toMediaError(error, what);
  }
}

/** One track of one kind (getUserMedia above), or a ConferenceError (`no-device` when none came back). */
export async function openTrack(
  kind: 'audio' | 'video',
  constraints: MediaTrackConstraints,
  source?: UserMediaSource | null,
): Promise<MediaStreamTrack> {
  const stream = await getUserMedia(kind === 'audio' ? { audio: constraints } : { video: constraints }, NOUN[kind], source);
  const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
  if (!track) throw new ConferenceError('no-device', `no ${NOUN[kind]} track`);
  return track;
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
  try {
    const stream = await getUserMedia({ audio, video: wantVideo ? video : false }, wantVideo ? 'camera and microphone' : 'microphone');
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, notice: null };
  } catch (first) {
    if (!wantVideo || first instanceof UnsupportedError) return { audio: null, video: null, notice: first as ConferenceError };
    const [audioResult, videoResult] = await Promise.allSettled([openTrack('audio', audio), openTrack('video', video)]);
    const audioTrack = audioResult.status === 'fulfilled' ? audioResult.value : null;
    const videoTrack = videoResult.status === 'fulfilled' ? videoResult.value : null;
    const notice =
      videoResult.status === 'rejected'
        ? (videoResult.reason as ConferenceError)
        : audioResult.status === 'rejected'
          ? (audioResult.reason as ConferenceError)
          : (first as ConferenceError);
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

/**
 * The first-frames guard of a new video consumer (subscriber.ts), at one of its checks after the
 * resume: `frames` decoded now, `last` at the previous check (0 at the first). `done` once it
 * decodes, and for a camera once it is still decoding at a second look; `ask` for a keyframe when
 * nothing was decoded since the last check (nothing yet, or a camera stuck on its first frames:
 * a lost keyframe, or an SFU that dropped what followed it); otherwise look again.
 */
export function firstFramesCheck(frames: number, last: number, camera: boolean): 'done' | 'ask' | 'look-again' {
  if (frames > last && (!camera || last > 0)) return 'done';
  return frames <= last ? 'ask' : 'look-again';
}
