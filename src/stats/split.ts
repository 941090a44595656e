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
 * One round's report as a plain Map, built with a single `forEach`. Chromium's RTCStatsReport is
 * native: every `get()` or `has()` converts an entry again, so splitting it per consumer straight
 * from the report cost more than the gathering. Index it once per round, then split the index.
 */
export interface StatsIndex {
  readonly entries: ReadonlyMap<string, RtcStatsEntry>;
  /** Per id, the ids its `...Id` fields reference (filled on first use, shared by every split). */
  readonly refs: Map<string, readonly string[]>;
}

export function indexStats(report: Report): StatsIndex {
  const entries = new Map<string, RtcStatsEntry>();
  report.forEach((entry, id) => entries.set(id, entry));
  return { entries, refs: new Map() };
}

const isIndex = (x: Report | StatsIndex): x is StatsIndex => 'refs' in x && 'entries' in x;

/** The ids `entry` references that are in `entries`. */
function referenced(entries: ReadonlyMap<string, RtcStatsEntry>, entry: RtcStatsEntry): string[] {
  const out: string[] = [];
  for (const key in entry) {
    if (key === 'id' || !key.endsWith('Id')) continue;
    const value = (entry as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' && entries.has(value)) out.push(value);
  }
  return out;
}

/**
 * The entries `roots` reference, followed through every string field named `...Id` whose value is
 * an id in `report` (transportId, codecId, remoteId, selectedCandidatePairId, localCandidateId, ...),
 * plus the roots themselves. Pass a `StatsIndex` (indexStats) when splitting one report many times.
 */
export function selectStats(report: Report | StatsIndex, roots: readonly string[]): Map<string, RtcStatsEntry> {
  const { entries, refs } = isIndex(report) ? report : { entries: report, refs: new Map<string, readonly string[]>() };
  const out = new Map<string, RtcStatsEntry>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    const entry = entries.get(id);
    if (!entry) continue;
    out.set(id, entry);
    let ids = refs.get(id);
    if (!ids) refs.set(id, (ids = referenced(entries, entry)));
    for (const next of ids) if (!out.has(next)) queue.push(next);
  }
  return out;
}
