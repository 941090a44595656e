/**
 * Self-healing for `cause: 'your-downlink'` (docs/network-quality.md): while your own network
 * status blames your downlink, adaptive stream asks for smaller remote layers, the tiles off the
 * stage first. Pure, no DOM: unit-tested in test/unit/network-quality.test.ts. Reversible: the
 * choice returns to the size-based one as soon as the status stops blaming your downlink.
 */
import type { StreamType } from '../../src/state/quality.js';
import type { SessionSnapshot } from '../../src/state/types.js';

/** Whether your own status blames your downlink. */
export const downlinkPoor = (s: SessionSnapshot): boolean => s.self.network?.cause === 'your-downlink';

const LOWER: Record<StreamType, StreamType> = { high: 'medium', medium: 'low', low: 'low' };

/**
 * The stream to ask for: `type` (adaptive stream's size-based choice) when the downlink is fine;
 * otherwise 'low' for tiles off the stage, and one step lower for the stage (or pinned) tile.
 */
export function healedStreamType(type: StreamType, options: { downlinkPoor: boolean; onStage: boolean }): StreamType {
  if (!options.downlinkPoor) return type;
  return options.onStage ? LOWER[type] : 'low';
}
