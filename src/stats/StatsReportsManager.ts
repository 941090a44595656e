/**
 * StatsReportsManager (ConnectyCube's CubeStatsReportsManager): per-user mic level and video
 * bitrate streams on top of a session's stats loop.
 *
 * ```ts
 * const stats = new StatsReportsManager();
 * stats.init(session);                       // polls every statsReportsInterval ms, or 1000
 * const off = stats.micLevel.subscribe(({ userId, micLevel }) => meter(userId, micLevel));
 * stats.videoBitrate.subscribe(({ userId, bitrate }) => label(userId, `${bitrate} kbps`));
 * stats.dispose();                           // no timers, no listeners left
 * ```
 */
import type { StatsSample } from './derive.js';
import { EventStream, type EventStreamLike } from './EventStream.js';

/** What the manager needs of a session: its stats loop. ConferenceSession has it. */
export interface StatsSource {
  watchStats?(intervalMs: number, listener?: (sample: StatsSample) => void): () => void;
  /** Used as the default interval when > 0. */
  readonly statsReportsInterval?: number;
}

export interface MicLevelEvent {
  readonly userId: string;
  /** 0..1: received audio for a publisher, the microphone for yourself. */
  readonly micLevel: number;
}

export interface VideoBitrateEvent {
  readonly userId: string;
  /** kbps: received from a publisher, sent (all layers) for yourself. */
  readonly bitrate: number;
}

export interface StatsReportsManagerOptions {
  /** Polling interval in ms (default: the session's statsReportsInterval, else 1000). */
  intervalMs?: number;
}

export class StatsReportsManager {
  readonly #micLevel = new EventStream<MicLevelEvent>();
  readonly #videoBitrate = new EventStream<VideoBitrateEvent>();
  readonly #lastMic = new Map<string, number>();
  readonly #lastBitrate = new Map<string, number>();
  #release: (() => void) | null = null;

  /** Mic level of every user (yourself included), each round. */
  get micLevel(): EventStreamLike<MicLevelEvent> {
    return this.#micLevel;
  }

  /** Video bitrate of every user with video, each round. */
  get videoBitrate(): EventStreamLike<VideoBitrateEvent> {
    return this.#videoBitrate;
  }

  /** Whether init() ran and dispose() did not. */
  get active(): boolean {
    return this.#release !== null;
  }

  /** Starts listening to `session`'s stats. A second init() replaces the first. */
  init(session: StatsSource, options: StatsReportsManagerOptions = {}): void {
    this.#stop();
    if (typeof session.watchStats !== 'function') throw new TypeError('this session has no stats loop (watchStats)');
    const interval = options.intervalMs ?? (session.statsReportsInterval && session.statsReportsInterval > 0 ? session.statsReportsInterval : 1000);
    this.#release = session.watchStats(interval, (sample) => this.#onSample(sample));
  }

  /** The last mic level of `userId` (0..1), or null. */
  micLevelOf(userId: string): number | null {
    return this.#lastMic.get(userId) ?? null;
  }

  /** The last video bitrate of `userId` in kbps, or null. */
  videoBitrateOf(userId: string): number | null {
    return this.#lastBitrate.get(userId) ?? null;
  }

  /** Only `userId`'s mic levels. */
  onMicLevel(userId: string, listener: (micLevel: number) => void): () => void {
    return this.#micLevel.subscribe((e) => e.userId === userId && listener(e.micLevel));
  }

  /** Only `userId`'s video bitrate. */
  onVideoBitrate(userId: string, listener: (kbps: number) => void): () => void {
    return this.#videoBitrate.subscribe((e) => e.userId === userId && listener(e.bitrate));
  }

  /** Stops polling and drops every listener and value. */
  dispose(): void {
    this.#stop();
    this.#micLevel.clear();
    this.#videoBitrate.clear();
    this.#lastMic.clear();
    this.#lastBitrate.clear();
  }

  /** Listener counts (tests). */
  get listenerCount(): number {
    return this.#micLevel.listenerCount + this.#videoBitrate.listenerCount;
  }

  #stop(): void {
    this.#release?.();
    this.#release = null;
  }

  #onSample(sample: StatsSample): void {
    if (!this.#release) return;
    for (const user of sample.users) {
      if (user.micLevel !== null) {
        this.#lastMic.set(user.userId, user.micLevel);
        this.#micLevel.emit({ userId: user.userId, micLevel: user.micLevel });
      }
      if (user.videoBitrate !== null) {
        this.#lastBitrate.set(user.userId, user.videoBitrate);
        this.#videoBitrate.emit({ userId: user.userId, bitrate: user.videoBitrate });
      }
    }
  }
}
