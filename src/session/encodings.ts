/**
 * The camera's simulcast encodings and constraint minimums (docs/quality.md). Pure functions,
 * used by ./quality.ts and ./core.ts.
 */
import type { RtpEncodingParameters } from 'mediasoup-client/types';

import type { MediaConfig } from './quality-types.js';

/** Default simulcast bitrates in kbps (ConnectyCube's RTCMediaConfig). */
export const DEFAULT_SIMULCAST_KBPS = Object.freeze({ high: 1024, medium: 512, low: 96 });

/** The three camera encodings (r0 quarter, r1 half, r2 full size) with bitrates from `config`, scaled under `capKbps`. */
export function cameraEncodings(config: MediaConfig['simulcastConfig'], capKbps: number | null): RtpEncodingParameters[] {
  const kbps = scaledBitrates(config, capKbps);
  return [
    { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: kbps[0] * 1000, scalabilityMode: 'L1T3' },
    { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: kbps[1] * 1000, scalabilityMode: 'L1T3' },
    { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: kbps[2] * 1000, scalabilityMode: 'L1T3' },
  ];
}

/**
 * [low, medium, high] kbps. Under a cap smaller than their sum, all three are scaled by the same
 * factor so the sum stays at or under the cap; all three encodings stay active (mediasoup 3.8.4
 * needs two or more, see MEDIASOUP.md).
 */
export function scaledBitrates(config: MediaConfig['simulcastConfig'], capKbps: number | null): [number, number, number] {
  const base: [number, number, number] = [
    positive(config?.low) ?? DEFAULT_SIMULCAST_KBPS.low,
    positive(config?.medium) ?? DEFAULT_SIMULCAST_KBPS.medium,
    positive(config?.high) ?? DEFAULT_SIMULCAST_KBPS.high,
  ];
  const total = base[0] + base[1] + base[2];
  if (!capKbps || capKbps >= total) return base;
  const factor = capKbps / total;
  return base.map((b) => Math.max(1, Math.floor(b * factor))) as [number, number, number];
}

/** `value` when it is a finite number > 0, else null. */
export function positive(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** getUserMedia video constraints with the mediaConfig minimums added. */
export function withMinimums(constraints: MediaTrackConstraints, config: MediaConfig | undefined): MediaTrackConstraints {
  if (!config) return constraints;
  const next: MediaTrackConstraints = { ...constraints };
  const merge = (key: 'width' | 'height' | 'frameRate', min: number | undefined) => {
    if (positive(min) === null) return;
    const current = next[key];
    const base = typeof current === 'object' && current !== null ? current : current === undefined ? {} : { ideal: current };
    next[key] = { ...(base as ConstrainDoubleRange), min };
  };
  merge('width', config.minWidth);
  merge('height', config.minHeight);
  merge('frameRate', config.minFrameRate);
  return next;
}
