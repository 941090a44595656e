/**
 * Receive quality of one publisher's video, as this session sees it (docs/quality.md): what was
 * requested (simulcast stream type, temporal layer, audio-only), what the server actually
 * forwards, and live numbers from the stats loop. Pure types and reducers, no DOM.
 */
import type { PublisherState, SessionSnapshot } from './types.js';

/** A simulcast stream: spatial layer 2 = high (full size), 1 = medium (1/2), 0 = low (1/4). */
export type StreamType = 'high' | 'medium' | 'low';
/** A temporal layer (frame rate): 2 = full, 1 = half, 0 = a quarter. */
export type TemporalLayer = 0 | 1 | 2;
/** What a viewer may ask for one publisher. `auto` lets the SFU pick; `audio-only` pauses the video consumer. */
export type QualityPreference = 'auto' | StreamType | 'audio-only';

export const STREAM_TYPES: readonly StreamType[] = Object.freeze(['high', 'medium', 'low']);
export const QUALITY_PREFERENCES: readonly QualityPreference[] = Object.freeze(['auto', 'high', 'medium', 'low', 'audio-only']);

export function spatialLayerOf(type: StreamType): 0 | 1 | 2 {
  return type === 'high' ? 2 : type === 'medium' ? 1 : 0;
}

export function streamTypeOf(spatialLayer: number): StreamType {
  return spatialLayer >= 2 ? 'high' : spatialLayer === 1 ? 'medium' : 'low';
}

export function isStreamType(value: unknown): value is StreamType {
  return value === 'high' || value === 'medium' || value === 'low';
}

export function isTemporalLayer(value: unknown): value is TemporalLayer {
  return value === 0 || value === 1 || value === 2;
}

export function isQualityPreference(value: unknown): value is QualityPreference {
  return typeof value === 'string' && (QUALITY_PREFERENCES as readonly string[]).includes(value);
}

/** `PublisherState.quality`. */
export interface PublisherQuality {
  /** The stream type asked for with requestPreferredStream*, or null for auto (the highest). */
  readonly requestedStreamType: StreamType | null;
  /** The temporal layer asked for with requestPreferredLayer*, or null for auto (the highest). */
  readonly requestedLayer: TemporalLayer | null;
  /** True while this session pauses the publisher's video consumer (audio-only viewing). */
  readonly audioOnly: boolean;
  /** The stream type the server forwards now (its `layerschange`), null when nothing is forwarded. */
  readonly currentStreamType: StreamType | null;
  /** The temporal layer the server forwards now, null when nothing is forwarded. */
  readonly currentLayer: TemporalLayer | null;
  /** The video consumer's score 0..10 (mediasoup), null until known. */
  readonly score: number | null;
  /** The score of the publisher's producer 0..10, null until known. */
  readonly producerScore: number | null;
  /** Received video bitrate in kbps (from the stats loop, at most once a second), null until measured. */
  readonly bitrate: number | null;
  /** Decoded frame size and rate of the received video, null until measured. */
  readonly frameWidth: number | null;
  readonly frameHeight: number | null;
  readonly frameRate: number | null;
}

export const DEFAULT_PUBLISHER_QUALITY: PublisherQuality = Object.freeze({
  requestedStreamType: null,
  requestedLayer: null,
  audioOnly: false,
  currentStreamType: null,
  currentLayer: null,
  score: null,
  producerScore: null,
  bitrate: null,
  frameWidth: null,
  frameHeight: null,
  frameRate: null,
});

/** The quality of a publisher (the defaults when the session never set one). */
export function publisherQuality(publisher: PublisherState | null | undefined): PublisherQuality {
  return publisher?.quality ?? DEFAULT_PUBLISHER_QUALITY;
}

/** The viewer's preference as one value: `audio-only`, a stream type, or `auto`. */
export function qualityPreferenceOf(quality: PublisherQuality): QualityPreference {
  return quality.audioOnly ? 'audio-only' : (quality.requestedStreamType ?? 'auto');
}

/** Patches a publisher's quality; the same snapshot when nothing changed or the publisher is unknown. */
export function patchPublisherQuality(
  snapshot: SessionSnapshot,
  userId: string,
  patch: Partial<PublisherQuality>,
): SessionSnapshot {
  const prev = snapshot.publishers[userId];
  if (!prev) return snapshot;
  const current = publisherQuality(prev);
  const keys = Object.keys(patch) as (keyof PublisherQuality)[];
  if (keys.every((key) => Object.is(current[key], patch[key]))) return snapshot;
  const quality: PublisherQuality = { ...current, ...patch };
  return { ...snapshot, publishers: { ...snapshot.publishers, [userId]: { ...prev, quality } } };
}
