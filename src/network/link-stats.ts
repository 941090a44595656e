/**
 * Link numbers (loss, RTT, jitter, bandwidth estimate, quality-limitation reason) from one round
 * of the session's stats loop (src/stats/derive.ts). Loss is a delta of the packet counters since
 * the previous round, so an `LinkStatsReader` keeps the counters per user. No DOM.
 */
import type { RtcStatsEntry, StatsSample, UserStatsSample } from '../stats/derive.js';
import type { LinkStats } from './assess.js';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const ms = (seconds: unknown): number | null => {
  const s = num(seconds);
  return s === null ? null : Math.round(s * 1000);
};
const maxOf = (values: (number | null)[]): number | null => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

/** The selected candidate pair of a report (the nominated, succeeded one), or null. */
export function selectedPair(stats: ReadonlyMap<string, RtcStatsEntry>): RtcStatsEntry | null {
  const transport = [...stats.values()].find((e) => e.type === 'transport' && typeof e.selectedCandidatePairId === 'string');
  if (transport) {
    const pair = stats.get(transport.selectedCandidatePairId as string);
    if (pair) return pair;
  }
  return [...stats.values()].find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && e.nominated !== false) ?? null;
}

/** The ICE candidate type of the selected pair's local candidate ('host', 'srflx', 'relay'...), or null. */
export function localCandidateType(stats: ReadonlyMap<string, RtcStatsEntry>): string | null {
  const pair = selectedPair(stats);
  const local = pair && typeof pair.localCandidateId === 'string' ? stats.get(pair.localCandidateId) : undefined;
  return typeof local?.candidateType === 'string' ? local.candidateType : null;
}

interface Counters {
  lost: number;
  received: number;
}

export class LinkStatsReader {
  readonly #prev = new Map<string, Counters>();

  /** What you receive from a publisher: loss since the last round, jitter, RTT, incoming estimate. */
  inbound(user: UserStatsSample): LinkStats {
    const rtp = [...user.stats.values()].filter((e) => e.type === 'inbound-rtp');
    const lost = rtp.reduce((sum, e) => sum + (num(e.packetsLost) ?? 0), 0);
    const received = rtp.reduce((sum, e) => sum + (num(e.packetsReceived) ?? 0), 0);
    const prev = this.#prev.get(user.userId);
    this.#prev.set(user.userId, { lost, received });
    let loss: number | null = null;
    if (prev && received >= prev.received && lost >= prev.lost) {
      const total = received - prev.received + (lost - prev.lost);
      loss = total > 0 ? (lost - prev.lost) / total : null;
    }
    const pair = selectedPair(user.stats);
    const incoming = num(pair?.availableIncomingBitrate);
    return {
      loss,
      jitter: maxOf(rtp.map((e) => ms(e.jitter))),
      rtt: ms(pair?.currentRoundTripTime),
      availableKbps: incoming === null ? null : Math.round(incoming / 1000),
    };
  }

  /** What you send (your own sample): the SFU's receiver reports, the outgoing estimate, the limitation. */
  outbound(user: UserStatsSample): LinkStats {
    const entries = [...user.stats.values()];
    const remote = entries.filter((e) => e.type === 'remote-inbound-rtp');
    const video = entries.filter((e) => e.type === 'outbound-rtp' && (e.kind ?? e.mediaType) === 'video');
    const pair = selectedPair(user.stats);
    const outgoing = num(pair?.availableOutgoingBitrate);
    const reasons = video.map((e) => e.qualityLimitationReason).filter((r): r is string => typeof r === 'string');
    return {
      loss: maxOf(remote.map((e) => num(e.fractionLost))),
      rtt: ms(pair?.currentRoundTripTime) ?? maxOf(remote.map((e) => ms(e.roundTripTime))),
      jitter: maxOf(remote.map((e) => ms(e.jitter))),
      availableKbps: outgoing === null ? null : Math.round(outgoing / 1000),
      limitation: reasons.includes('bandwidth') ? 'bandwidth' : reasons.includes('cpu') ? 'cpu' : (reasons[0] ?? null),
    };
  }

  /** Reads a whole round: your uplink, and what you receive per publisher. Forgets users not seen. */
  read(sample: StatsSample): { uplink: LinkStats | null; inbound: Map<string, LinkStats> } {
    let uplink: LinkStats | null = null;
    const inbound = new Map<string, LinkStats>();
    for (const user of sample.users) {
      if (user.local) uplink = this.outbound(user);
      else inbound.set(user.userId, this.inbound(user));
    }
    for (const id of [...this.#prev.keys()]) if (!inbound.has(id)) this.#prev.delete(id);
    return { uplink, inbound };
  }
}
