/**
 * What <conf-room> itself renders from a snapshot, as an equality for its StoreController: the
 * room re-renders when the connection, the error, your own tile's shape or the set of tiles
 * changes, not on every publisher detail (bitrate, scores, network quality, mute), which each
 * tile, badge and indicator follows on its own (docs/architecture.md, "Rendering cost").
 */
import type { SessionSnapshot } from '../../src/state/types.js';

/** True when the room's own render (layout, overlays, notices, transition events) would not change. */
export function sameRoomView(a: SessionSnapshot, b: SessionSnapshot): boolean {
  if (a === b) return true;
  if (a.connection !== b.connection || a.roomId !== b.roomId || a.error !== b.error) return false;
  const sa = a.self, sb = b.self;
  if (sa !== sb && (sa.userId !== sb.userId || sa.callType !== sb.callType || sa.screenSharing !== sb.screenSharing || sa.moderatorMute !== sb.moderatorMute)) {
    return false;
  }
  if (a.publishers === b.publishers) return true;
  const ka = Object.keys(a.publishers), kb = Object.keys(b.publishers);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const id = ka[i]!;
    if (id !== kb[i]) return false;
    // Tiles are keyed by id; a screen share adds or removes a screen tile.
    if (!a.publishers[id]!.screen !== !b.publishers[id]!.screen) return false;
  }
  return true;
}
