/**
 * StatsHistory: the last 60 s of per-user numbers for <conf-stats-panel> and the "Copy
 * diagnostics" snapshot (docs/network-quality.md). Fed by rounds of the session's stats loop;
 * keeps bitrate, frame rate, packet loss, RTT, jitter, the received size and, for yourself, the
 * encodings sent and the quality-limitation reason. No DOM.
 */
import { localCandidateType, LinkStatsReader } from '../network/link-stats.js';
import type { StatsSample, UserStatsSample } from './derive.js';

/** The history window. */
export const HISTORY_MS = 60_000;

/** One encoding you send (an outbound-rtp video entry). */
export interface EncodingSample {
  readonly rid: string | null;
  readonly active: boolean | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly frameRate: number | null;
}

/** One user in one round. Null: not measured. */
export interface HistoryPoint {
  readonly at: number;
  /** kbps, video (audio when there is no video). */
  readonly bitrate: number | null;
  readonly frameRate: number | null;
  /** Percent 0..100. */
  readonly loss: number | null;
  readonly rtt: number | null;
  readonly jitter: number | null;
  readonly width: number | null;
  readonly height: number | null;
  /** Yourself: the encodings sent and the limitation reason ('none', 'cpu', 'bandwidth', 'other'). */
  readonly encodings?: readonly EncodingSample[];
  readonly limitation?: string | null;
}

export interface UserHistory {
  readonly userId: string;
  readonly local: boolean;
  readonly points: readonly HistoryPoint[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class StatsHistory {
  readonly #windowMs: number;
  readonly #reader = new LinkStatsReader();
  readonly #users = new Map<string, { local: boolean; points: HistoryPoint[] }>();
  #candidateType: string | null = null;

  constructor(windowMs = HISTORY_MS) {
    this.#windowMs = windowMs;
  }

  /** The ICE candidate type of your send path (or receive path), from the last round that had one. */
  get candidateType(): string | null {
    return this.#candidateType;
  }

  push(sample: StatsSample): void {
    for (const user of sample.users) {
      this.#candidateType = localCandidateType(user.stats) ?? this.#candidateType;
      let entry = this.#users.get(user.userId);
      if (!entry) this.#users.set(user.userId, (entry = { local: user.local, points: [] }));
      entry.points.push(this.#point(user, sample.at));
    }
    const oldest = sample.at - this.#windowMs;
    for (const [userId, entry] of this.#users) {
      while (entry.points.length > 0 && (entry.points[0]?.at ?? 0) < oldest) entry.points.shift();
      if (entry.points.length === 0) this.#users.delete(userId);
    }
  }

  /** A user's points, oldest first. */
  of(userId: string): readonly HistoryPoint[] {
    return this.#users.get(userId)?.points ?? [];
  }

  users(): UserHistory[] {
    return [...this.#users].map(([userId, e]) => ({ userId, local: e.local, points: [...e.points] }));
  }

  clear(): void {
    this.#users.clear();
  }

  #point(user: UserStatsSample, at: number): HistoryPoint {
    const link = user.local ? this.#reader.outbound(user) : this.#reader.inbound(user);
    const base = {
      at,
      bitrate: user.videoBitrate ?? user.audioBitrate,
      frameRate: user.frameRate,
      loss: link.loss === null || link.loss === undefined ? null : Math.round(link.loss * 1000) / 10,
      rtt: link.rtt ?? null,
      jitter: link.jitter ?? null,
      width: user.frameWidth,
      height: user.frameHeight,
    };
    if (!user.local) return base;
    const encodings = [...user.stats.values()]
      .filter((e) => e.type === 'outbound-rtp' && (e.kind ?? e.mediaType) === 'video')
      .map((e) => ({
        rid: typeof e.rid === 'string' ? e.rid : null,
        active: typeof e.active === 'boolean' ? e.active : null,
        width: num(e.frameWidth),
        height: num(e.frameHeight),
        frameRate: num(e.framesPerSecond),
      }))
      .sort((a, b) => (a.rid ?? '').localeCompare(b.rid ?? ''));
    return { ...base, encodings, limitation: link.limitation ?? null };
  }
}

export interface DiagnosticsMeta {
  readonly kitVersion: string;
  readonly protocolVersion: number;
  readonly userAgent: string | null;
  readonly roomId: string | null;
  readonly userId: string;
  readonly at: number;
  /** Per participant: name, network status, received layers (whatever the caller has). */
  readonly participants: readonly Record<string, unknown>[];
}

/** The JSON snapshot "Copy diagnostics" puts on the clipboard. */
export function diagnostics(history: StatsHistory, meta: DiagnosticsMeta): Record<string, unknown> {
  return {
    kind: 'conf-kit-diagnostics',
    versions: { kit: meta.kitVersion, protocol: meta.protocolVersion, userAgent: meta.userAgent },
    at: new Date(meta.at).toISOString(),
    roomId: meta.roomId,
    userId: meta.userId,
    iceCandidateType: history.candidateType,
    participants: meta.participants,
    samples: history.users(),
  };
}
