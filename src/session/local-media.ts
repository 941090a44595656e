/**
 * LocalTracks: the session's own microphone and camera tracks, `self.stream` built from them, and
 * the self flags (muted, video enabled). Producing them is the publisher's job (./publisher.ts).
 */
import { createLogger } from '../logger.js';
import { updateSelf, type StreamFactory } from '../state/publishers.js';
import type { SessionCore } from './core.js';
import type { DeviceController } from './devices.js';
import type { LocalSource } from './internals.js';
import { acquireLocalMedia, openTrack, type LocalMedia } from './media.js';

const log = createLogger('conf-kit:local-media');

export const createStream: StreamFactory = (tracks) => new MediaStream(tracks);

export class LocalTracks {
  readonly #c: SessionCore;
  readonly #devices: () => DeviceController;
  readonly #tracks: Record<LocalSource, MediaStreamTrack | null> = { mic: null, camera: null };

  constructor(core: SessionCore, devices: () => DeviceController) {
    this.#c = core;
    this.#devices = devices;
  }

  get(source: LocalSource): MediaStreamTrack | null {
    return this.#tracks[source];
  }

  /** Whether there is any local track (else the session is receive-only). */
  get any(): boolean {
    return this.#tracks.mic !== null || this.#tracks.camera !== null;
  }

  /**
   * getUserMedia for a join: mic (+ camera in video calls) from the chosen devices, degrading.
   * The device lists are read once it settled and `later` did (the first remote frame goes first).
   */
  acquireForJoin(later: Promise<unknown>): Promise<LocalMedia> {
    const devices = this.#devices();
    const media = acquireLocalMedia(
      this.#c.callType === 'video',
      devices.constrain('audio', this.#c.baseConstraints('audio')),
      devices.constrain('video', this.#c.baseConstraints('video')),
    );
    // Device lists become labelled once permission is granted: read them again then.
    const start = () => void later.then(() => devices.start());
    void media.then(start, start);
    return media;
  }

  /** A new track for `source` from the chosen device (unmuting or enabling video without one). */
  open(source: LocalSource): Promise<MediaStreamTrack> {
    const kind = source === 'mic' ? 'audio' : 'video';
    return openTrack(kind, this.#devices().constrain(kind, this.#c.baseConstraints(kind)));
  }

  /** Stops the tracks of `media` that were never adopted (a join that failed). */
  discard(media: Promise<LocalMedia>): void {
    void media.then((m) => {
      if (m.audio !== this.#tracks.mic) m.audio?.stop();
      if (m.video !== this.#tracks.camera) m.video?.stop();
    });
  }

  /** Takes the result of getUserMedia: tracks into the session, notice into state.error. */
  adopt(local: LocalMedia): void {
    this.#tracks.mic = local.audio;
    this.#tracks.camera = local.video;
    const self = this.#c.state.getSnapshot().self;
    if (local.audio) local.audio.enabled = !self.audioMuted;
    if (local.video) local.video.enabled = self.videoEnabled;
    this.#c.state.update((s) =>
      updateSelf(s, {
        audioMuted: s.self.audioMuted || !local.audio,
        videoEnabled: s.self.videoEnabled && !!local.video,
      }),
    );
    this.updateStream();
    if (local.notice) {
      log.warn('local media degraded', local.notice.code, local.notice.message);
      this.#c.report(local.notice);
    }
  }

  /** Puts `track` in place of `source`'s track; returns the previous one (the caller stops it). */
  replace(source: LocalSource, track: MediaStreamTrack): MediaStreamTrack | null {
    const old = this.#tracks[source];
    this.#tracks[source] = track;
    if (!old) this.setFlag(source, source === 'mic' || this.#c.callType === 'video');
    track.enabled = this.desired(source);
    this.updateStream();
    return old;
  }

  /** Rebuilds self.stream from the local tracks (a new object) and emits `localstream`. */
  updateStream(): void {
    const tracks = [this.#tracks.mic, this.#tracks.camera].filter((t): t is MediaStreamTrack => t !== null);
    const stream = tracks.length > 0 ? createStream(tracks) : null;
    this.#c.state.update((s) => updateSelf(s, { stream }));
    this.#devices().syncCurrent();
    if (stream) this.#c.events.emit('localstream', { stream });
  }

  /** Stops and forgets the track of `source` (not allowed to publish it); the source reads as off. */
  drop(source: LocalSource): void {
    const track = this.#tracks[source];
    if (!track) return;
    track.stop();
    this.#tracks[source] = null;
    this.setFlag(source, false);
    this.updateStream();
  }

  stop(): void {
    this.#tracks.mic?.stop();
    this.#tracks.camera?.stop();
    this.#tracks.mic = null;
    this.#tracks.camera = null;
    this.#c.state.update((s) => updateSelf(s, { stream: null }));
  }

  setFlag(source: LocalSource, on: boolean): void {
    this.#c.state.update((s) => updateSelf(s, source === 'mic' ? { audioMuted: !on } : { videoEnabled: on }));
  }

  /** Whether the user wants `source` on (not muted / video enabled). */
  desired(source: LocalSource): boolean {
    const { self } = this.#c.state.getSnapshot();
    return source === 'mic' ? !self.audioMuted : self.videoEnabled;
  }
}
