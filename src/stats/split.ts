/**
 * One `getStats()` per transport instead of one per consumer (docs/architecture.md, "Rendering
 * cost"). In Chromium, `RTCRtpReceiver.getStats()` gathers the whole peer connection's stats and
 * then filters them, so 22 consumers polled once a second cost 22 full gatherings. The session
 * gathers the receive transport once and splits the report here, the way the receiver would
 * (the stats selection algorithm: the receiver's inbound-rtp and every entry it references,
 * directly or not). Pure, no DOM.
 */
import type { RtcStatsEntry } from './derive.js';

type Report = ReadonlyMap<string, RtcStatsEntry>;

/** The ids of the inbound-rtp entries of `report`, by `trackIdentifier` (the receiving track's id). */
export function inboundByTrack(report: Report): Map<string, string[]> {
  const out = new Map<string, string[]>();
  report.forEach((entry, id) => {
    if (entry.type !== 'inbound-rtp') return;
    const track = (entry as { trackIdentifier?: unknown }).trackIdentifier;
    if (typeof track !== 'string') return;
    const ids = out.get(track);
    if (ids) ids.push(id);
    else out.set(track, [id]);
  });
  return out;
}

/**
 * The entries `roots` reference, followed through every string field named `...Id` whose value is
 * an id in `report` (transportId, codecId, remoteId, selectedCandidatePairId, localCandidateId, ...),
 * plus the roots themselves.
 */
export function selectStats(report: Report, roots: readonly string[]): Map<string, RtcStatsEntry> {
  const out = new Map<string, RtcStatsEntry>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    const entry = report.get(id);
    if (!entry) continue;
    out.set(id, entry);
    for (const [key, value] of Object.entries(entry)) {
      if (key !== 'id' && key.endsWith('Id') && typeof value === 'string' && report.has(value) && !out.has(value)) queue.push(value);
    }
  }
  return out;
}
