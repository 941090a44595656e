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

/** How long the forwarded stream must stay the same before its frames are read as the camera's size. */
export const STEADY_MS = 1500;

/**
 * One publisher's full camera size, read from its decoded frames only once the stream forwarded
 * to you has been the same for STEADY_MS. Right after a layer switch the stats still show the old
 * layer's frames: a 1280 px frame "at low" would read as a 5120 px camera, and a tile enlarged
 * then (a pin) would ask for low and keep it. Until a steady reading, the size is 1280×720.
 */
export class FullSizeEstimate {
  #stream: StreamType | null = null;
  #since = 0;
  #full: { width: number; height: number } | null = null;

  /** Takes the publisher's quality now (called on each state change). */
  note(frameWidth: number | null | undefined, frameHeight: number | null | undefined, current: StreamType | null | undefined, now: number): void {
    if ((current ?? null) !== this.#stream) {
      this.#stream = current ?? null;
      this.#since = now;
      return;
    }
    if (!frameWidth || !frameHeight || !current || now - this.#since < STEADY_MS) return;
    this.#full = fullSize(frameWidth, frameHeight, current);
  }

  get full(): { width: number; height: number } {
    return this.#full ?? fullSize(null, null, null);
  }
}
