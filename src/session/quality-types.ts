/**
 * Public types of simulcast, temporal layers, bandwidth caps and stats (docs/quality.md).
 * Types only; the logic is in ./quality.ts and ../stats/.
 */
import type { EventStreamLike } from '../stats/EventStream.js';
import type { StatsSample, UserStatsSample } from '../stats/derive.js';
import type { QualityPreference, StreamType, TemporalLayer } from '../state/quality.js';

export type { QualityPreference, StreamType, TemporalLayer } from '../state/quality.js';
export type { StatsSample, UserStatsSample, RtcStatsEntry } from '../stats/derive.js';

/** Simulcast bitrates per stream type, in kbps. */
export interface SimulcastConfig {
  /** Full resolution (default 1024). */
  high?: number;
  /** Half resolution (default 512). */
  medium?: number;
  /** Quarter resolution (default 96). */
  low?: number;
}

/** Local media settings (ConnectyCube's RTCMediaConfig), applied to new local streams. */
export interface MediaConfig {
  /** Camera constraints: `width.min`, `height.min`, `frameRate.min` (unset: no minimum). */
  minWidth?: number;
  minHeight?: number;
  minFrameRate?: number;
  /** Bitrates of the three simulcast encodings. */
  simulcastConfig?: SimulcastConfig;
  /** An initial send cap in kbps, as setMaxBandwidth() (0 or unset: none). */
  maxBandwidth?: number;
}

/** One `session.statsReports` value: a user's raw stats plus the derived numbers. */
export type StatsReport = UserStatsSample;

/** The simulcast, layer, bandwidth and stats API of a session. */
export interface QualityApi {
  /** Asks the server to forward `type` ('high' | 'medium' | 'low') of `userId`'s camera. */
  requestPreferredStreamForOpponent(userId: string, type: StreamType): Promise<void>;
  /** Many users at once, in one request. */
  requestPreferredStreamsForOpponents(types: Readonly<Record<string, StreamType>>): Promise<void>;
  /** Selects the temporal layer (frame rate) of `userId`'s camera: 0, 1 or 2 (full). */
  requestPreferredLayerForOpponentStream(userId: string, layer: TemporalLayer): Promise<void>;
  /** Many users at once, in one request. */
  requestPreferredLayersForOpponentsStreams(layers: Readonly<Record<string, TemporalLayer>>): Promise<void>;
  /**
   * One viewer preference: 'auto' (the SFU picks, highest layer preferred), a stream type, or
   * 'audio-only' (the video consumer is paused on the server: no video bytes flow).
   */
  setOpponentQuality(userId: string, quality: QualityPreference): Promise<void>;
  /**
   * Adaptive stream (docs/layouts.md): the layer that fits `userId`'s tile, or null for none. A
   * manual choice (requestPreferredStreamForOpponent, setOpponentQuality) wins over it, and it
   * never changes `quality.requestedStreamType`.
   */
  requestAdaptiveStreamForOpponent(userId: string, type: StreamType | null): Promise<void>;
  /**
   * Adaptive stream: false pauses `userId`'s camera consumer on the server (a hidden tile: no
   * bytes flow, also for a consumer created later); true resumes it with a keyframe. Audio is
   * never paused, and `quality.audioOnly` and the stored preference are untouched.
   */
  setOpponentVideoVisible(userId: string, visible: boolean): Promise<void>;
  /** Caps the bitrate of your own video in kbps; 0 or null removes the cap. */
  setMaxBandwidth(kbps: number | null): Promise<void>;
  /** The cap set with setMaxBandwidth (null: none). */
  readonly maxBandwidth: number | null;
  /** `{userId, stats, ...}` for every user, each `statsReportsInterval` ms (nothing when 0). */
  readonly statsReports: EventStreamLike<StatsReport>;
  /**
   * Runs the stats loop at least every `intervalMs` while watched: publisher state gets bitrate,
   * frame size and rate (at most once a second) and `listener` gets every round. Returns the
   * function that stops watching.
   */
  watchStats(intervalMs: number, listener?: (sample: StatsSample) => void): () => void;
}
