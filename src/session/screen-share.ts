/**
 * ScreenShareController: publishes the screen (and its audio, when granted) as its own producers,
 * sources 'screen' and 'screen-audio', beside the camera and microphone. Ends cleanly on
 * `enableScreenSharing(false)`, on the browser's own "Stop sharing" (the track ends), and when the
 * session closes; republishes after a reconnect. A refused picker never touches the camera.
 */
import type { Producer } from 'mediasoup-client/types';
import { ConferenceError, UnsupportedError } from '../errors.js';
import { createLogger } from '../logger.js';
import { updateSelf } from '../state/publishers.js';
import type { SessionSnapshot } from '../state/types.js';
import type { SessionInternals } from './internals.js';
import { mediaErrorCode } from './media.js';
import type { ScreenShareOptions } from './types.js';

const log = createLogger('conf-kit:screen');

/** What we ask getDisplayMedia for: about 720p, sharp text, up to 1080p on large screens. */
export const DEFAULT_SCREEN_VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280, max: 1920 },
  height: { ideal: 720, max: 1080 },
  frameRate: { ideal: 15, max: 30 },
};

/**
 * One plain encoding, no scalabilityMode: mediasoup 3.8.4 takes it as a single stream (a single
 * encoding *with* 'L1T3' would be SVC, which it rejects for VP8). Screens are consumed at full
 * resolution by everyone, so simulcast would only cost upload.
 */
export const SCREEN_ENCODING = Object.freeze({ maxBitrate: 1_500_000 });

/** Maps a getDisplayMedia failure to a ConferenceError. */
export function screenShareError(error: unknown): ConferenceError {
  if (error instanceof ConferenceError) return error;
  const name = (error as { name?: string } | null)?.name;
  const detail = (error as { message?: string } | null)?.message || String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new ConferenceError('screen-share-denied', `screen sharing was denied or cancelled: ${detail}`, { cause: error });
  }
  if (name === 'TypeError' || name === 'NotSupportedError') {
    return new UnsupportedError('screen-share', `screen sharing is not supported here: ${detail}`);
  }
  const code = mediaErrorCode(error);
  return new ConferenceError(code === 'permission-denied' ? 'screen-share-denied' : code, `screen sharing failed: ${detail}`, {
    cause: error,
  });
}

type DisplayMediaDevices = { getDisplayMedia?: (options?: DisplayMediaStreamOptions) => Promise<MediaStream> };

export class ScreenShareController {
  readonly #s: SessionInternals;
  #video: MediaStreamTrack | null = null;
  #audio: MediaStreamTrack | null = null;
  #producers: Producer[] = [];
  /** Bumped by every stop: a start that finishes after it was stopped throws its result away. */
  #generation = 0;
  #starting: Promise<void> | null = null;
  #republishing = false;

  constructor(internals: SessionInternals) {
    this.#s = internals;
    let previous = internals.state.getSnapshot().connection;
    internals.state.subscribe((s) => {
      const connection = s.connection;
      if (connection === previous) return;
      previous = connection;
      if (!this.#video) return;
      if (connection === 'closed' || connection === 'idle') this.stop('left');
      else if (connection === 'joined') void this.#republish();
    });
  }

  /** Whether the screen is being shared (or starting). */
  get active(): boolean {
    return this.#video !== null || this.#starting !== null;
  }

  /**
   * `enable(true, {withAudio})` asks the browser for a screen, window or tab and publishes it;
   * resolves once published. Rejects with `screen-share-denied` when the picker is refused or
   * closed, `unsupported` without getDisplayMedia, `not-joined` before joining. `enable(false)`
   * stops sharing (no-op when not sharing). ConferenceSession reports every rejection (state.error
   * and the `error` event).
   */
  enable(enabled: boolean, options: ScreenShareOptions = {}): Promise<void> {
    if (!enabled) {
      this.stop('stopped');
      return Promise.resolve();
    }
    if (this.#video) return Promise.resolve();
    this.#starting ??= this.#start(options).finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #start(options: ScreenShareOptions): Promise<void> {
    const md = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices as DisplayMediaDevices | undefined;
    if (typeof md?.getDisplayMedia !== 'function') {
      throw new UnsupportedError('screen-share', 'this browser cannot share the screen (no getDisplayMedia)');
    }
    if (this.#s.state.getSnapshot().connection !== 'joined') {
      throw new ConferenceError('not-joined', 'join the room before sharing the screen');
    }
    const generation = this.#generation;
    const withAudio = options.withAudio ?? false;
    let stream: MediaStream;
    try {
      stream = await md.getDisplayMedia({
        video: options.video ?? DEFAULT_SCREEN_VIDEO_CONSTRAINTS,
        audio: withAudio,
      });
    } catch (error) {
      throw screenShareError(error);
    }
    log.debug('screen captured', stream.getTracks().map((t) => t.kind).join('+'));
    const video = stream.getVideoTracks()[0] ?? null;
    const audio = withAudio ? (stream.getAudioTracks()[0] ?? null) : null;
    for (const track of stream.getTracks()) if (track !== video && track !== audio) track.stop();
    const discard = () => {
      video?.stop();
      audio?.stop();
    };
    if (!video) {
      discard();
      throw new ConferenceError('media-failed', 'the screen capture has no video track');
    }
    if (generation !== this.#generation || this.#s.state.getSnapshot().connection !== 'joined') {
      discard();
      throw new ConferenceError('not-joined', 'screen sharing was stopped, or the session left, while starting');
    }
    if ('contentHint' in video) video.contentHint = 'detail'; // Keep text sharp: resolution over frame rate.
    this.#video = video;
    this.#audio = audio;
    video.addEventListener('ended', () => {
      if (this.#video === video) {
        log.debug('the screen track ended (the browser stopped sharing)');
        this.stop('ended');
      }
    });
    this.#s.state.update((s) => this.#withSelfScreen(s));
    try {
      await this.#publish(generation);
    } catch (error) {
      if (generation === this.#generation) this.stop('failed');
      throw error;
    }
    this.#s.emit('screensharing', { active: true, withAudio: !!audio });
    log.debug('sharing the screen', audio ? 'with audio' : 'without audio');
  }

  async #publish(generation: number): Promise<void> {
    const video = this.#video;
    if (!video) return;
    const producer = await this.#s.produceExtra('screen', video);
    if (generation !== this.#generation) {
      this.#s.closeExtra(producer);
      return;
    }
    this.#producers.push(producer);
    const audio = this.#audio;
    if (!audio) return;
    try {
      const audioProducer = await this.#s.produceExtra('screen-audio', audio);
      if (generation !== this.#generation) this.#s.closeExtra(audioProducer);
      else this.#producers.push(audioProducer);
    } catch (error) {
      // The screen itself is shared; its sound is a bonus.
      log.warn('screen audio could not be published', error);
    }
  }

  /** After a reconnect the old producers are gone with their transport: publish the screen again. */
  async #republish(): Promise<void> {
    if (this.#republishing || !this.#video || this.#producers.some((p) => !p.closed)) return;
    this.#republishing = true;
    this.#producers = [];
    try {
      await this.#publish(this.#generation);
    } catch (error) {
      log.warn('republishing the screen failed', error);
      this.stop('failed');
    } finally {
      this.#republishing = false;
    }
  }

  /** Stops sharing everywhere: closes the producers (others get publisherUpdated), stops the tracks. */
  stop(reason: 'stopped' | 'ended' | 'left' | 'failed'): void {
    this.#generation++;
    const wasSharing = this.#video !== null;
    const withAudio = this.#audio !== null;
    for (const producer of this.#producers.splice(0)) {
      if (!producer.closed) this.#s.closeExtra(producer);
    }
    this.#video?.stop();
    this.#audio?.stop();
    this.#video = null;
    this.#audio = null;
    if (!wasSharing) return;
    this.#s.state.update((s) => updateSelf(s, { screenSharing: false, screen: null }));
    this.#s.emit('screensharing', { active: false, withAudio, reason });
  }

  #withSelfScreen(s: SessionSnapshot): SessionSnapshot {
    const tracks = [this.#video, this.#audio].filter((t): t is MediaStreamTrack => t !== null);
    return updateSelf(s, {
      screenSharing: true,
      screen: { video: this.#video, audio: this.#audio, stream: new MediaStream(tracks) },
    });
  }
}
