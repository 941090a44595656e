/**
 * Adaptive stream's layer choice (docs/layouts.md): the smallest simulcast stream that covers a
 * tile's rendered size. Pure, no DOM: unit-tested in test/unit/layout.test.ts.
 */
import type { StreamType } from '../../src/state/quality.js';

/** How much smaller than the full size each stream is (docs/quality.md: 1, 1/2, 1/4). */
const SCALE: Record<StreamType, number> = { high: 1, medium: 2, low: 4 };

/**
 * The publisher's full (high) camera size, from the decoded frame size and the stream it came
 * from, or 1280×720 when unknown.
 */
export function fullSize(
  frameWidth: number | null | undefined,
  frameHeight: number | null | undefined,
  current: StreamType | null | undefined,
): { width: number; height: number } {
  if (frameWidth && frameHeight && current) return { width: frameWidth * SCALE[current], height: frameHeight * SCALE[current] };
  return { width: 1280, height: 720 };
}

/**
 * The smallest stream whose size covers `width` × `height` device pixels (the tile's CSS size
 * times devicePixelRatio), for a camera whose full size is `full`.
 */
export function streamTypeForSize(width: number, height: number, full = { width: 1280, height: 720 }): StreamType {
  const need = Math.max(width / full.width, height / full.height);
  if (need <= 1 / SCALE.low) return 'low';
  if (need <= 1 / SCALE.medium) return 'medium';
  return 'high';
}
