/** Receive-quality presets (PublisherState.quality, docs/quality.md) for the quality stories. */
import type { PublisherQuality } from '../../src/state/quality.js';

export type QualityCase = 'none' | 'high' | 'medium' | 'low' | 'half-frame-rate' | 'quarter-frame-rate' | 'poor' | 'audio-only';

export const qualityCases: QualityCase[] = [
  'none',
  'high',
  'medium',
  'low',
  'half-frame-rate',
  'quarter-frame-rate',
  'poor',
  'audio-only',
];

/** What the server forwards (and what the viewer asked) in each case; 'none' leaves the defaults. */
export const qualityPresets: Record<QualityCase, Partial<PublisherQuality>> = {
  none: {},
  // Auto: the SFU forwards the top simulcast layer at full frame rate.
  high: { currentStreamType: 'high', currentLayer: 2, frameWidth: 1280, frameHeight: 720, frameRate: 30, bitrate: 1450, score: 10, producerScore: 10 },
  // The viewer picked medium (SD): spatial layer 1.
  medium: {
    requestedStreamType: 'medium',
    currentStreamType: 'medium',
    currentLayer: 2,
    frameWidth: 640,
    frameHeight: 360,
    frameRate: 30,
    bitrate: 520,
    score: 10,
    producerScore: 10,
  },
  // The viewer picked low (LD): spatial layer 0.
  low: {
    requestedStreamType: 'low',
    currentStreamType: 'low',
    currentLayer: 2,
    frameWidth: 320,
    frameHeight: 180,
    frameRate: 30,
    bitrate: 160,
    score: 10,
    producerScore: 10,
  },
  // Temporal layer 1: half the frame rate.
  'half-frame-rate': {
    requestedLayer: 1,
    currentStreamType: 'high',
    currentLayer: 1,
    frameWidth: 1280,
    frameHeight: 720,
    frameRate: 15,
    bitrate: 900,
    score: 10,
    producerScore: 10,
  },
  // Temporal layer 0: a quarter of the frame rate.
  'quarter-frame-rate': {
    requestedLayer: 0,
    currentStreamType: 'high',
    currentLayer: 0,
    frameWidth: 1280,
    frameHeight: 720,
    frameRate: 7.5,
    bitrate: 560,
    score: 10,
    producerScore: 10,
  },
  // Auto, but the network is bad: the SFU fell back to the lowest spatial and temporal layer.
  poor: { currentStreamType: 'low', currentLayer: 0, frameWidth: 320, frameHeight: 180, frameRate: 4, bitrate: 38, score: 2, producerScore: 3 },
  // The viewer chose audio only: the video consumer is paused server-side.
  'audio-only': { audioOnly: true, currentStreamType: null, currentLayer: null, frameWidth: null, frameHeight: null, frameRate: null, bitrate: 0 },
};
