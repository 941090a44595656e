/**
 * Turns raw WebRTC stats (RTCStatsReport entries) into the numbers conf-kit shows: bitrate in
 * kbps from byte counter deltas, mic level 0..1 from audio energy deltas, decoded size and frame
 * rate. Keeps the previous counters per user and direction. No DOM beyond the stats shapes.
 */

/** The fields of RTCStats entries that conf-kit reads. */
export interface RtcStatsEntry {
  readonly id: string;
  readonly type: string;
  readonly timestamp?: number;
  readonly kind?: string;
  readonly mediaType?: string;
  readonly bytesReceived?: number;
  readonly bytesSent?: number;
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  readonly framesPerSecond?: number;
  readonly framesDecoded?: number;
  readonly audioLevel?: number;
  readonly totalAudioEnergy?: number;
  readonly totalSamplesDuration?: number;
  readonly [key: string]: unknown;
}

/** One user's stats in one round. */
export interface UserStatsSample {
  readonly userId: string;
  /** True for the local user (numbers are about what is sent), false for a publisher. */
  readonly local: boolean;
  /** Every stats entry of the user's consumers (for yourself: producers), keyed by id. */
  readonly stats: ReadonlyMap<string, RtcStatsEntry>;
  /** 0..1: received audio for a publisher, the microphone for yourself. Null when no audio. */
  readonly micLevel: number | null;
  /** Video kbps received from the publisher (for yourself: sent, all layers). Null until two samples. */
  readonly videoBitrate: number | null;
  readonly audioBitrate: number | null;
  readonly frameWidth: number | null;
  readonly frameHeight: number | null;
  readonly frameRate: number | null;
}

/** One round of the session's stats loop. */
export interface StatsSample {
  /** Date.now() of the round. */
  readonly at: number;
  readonly users: readonly UserStatsSample[];
}

/** Raw reports of one user, as collected. */
export interface RawUserStats {
  readonly userId: string;
  readonly local: boolean;
  readonly reports: readonly (RTCStatsReport | ReadonlyMap<string, RtcStatsEntry>)[];
}

interface Counters {
  at: number;
  bytes: number;
  frames: number | null;
  energy: number | null;
  duration: number | null;
  ids: string;
}

const kindOf = (entry: RtcStatsEntry) => entry.kind ?? entry.mediaType;

/** Merges stats reports into one map (entries shared between reports, like the transport, once). */
export function mergeReports(reports: readonly (RTCStatsReport | ReadonlyMap<string, RtcStatsEntry>)[]): Map<string, RtcStatsEntry> {
  const merged = new Map<string, RtcStatsEntry>();
  for (const report of reports) {
    (report as ReadonlyMap<string, RtcStatsEntry>).forEach((entry, id) => merged.set(id, entry));
  }
  return merged;
}

export class StatsDeriver {
  readonly #prev = new Map<string, Counters>();

  /** Derives one round. `at` is Date.now(); counters of users not seen are forgotten. */
  derive(raw: readonly RawUserStats[], at: number): StatsSample {
    const seen = new Set<string>();
    const users = raw.map((user) => {
      const stats = mergeReports(user.reports);
      const rtpType = user.local ? 'outbound-rtp' : 'inbound-rtp';
      const rtp = (kind: string) => [...stats.values()].filter((e) => e.type === rtpType && kindOf(e) === kind);
      const video = rtp('video');
      const audio = rtp('audio');
      // The mic level: received audio for a publisher, the media source for yourself.
      const levelEntries = user.local ? [...stats.values()].filter((e) => e.type === 'media-source' && kindOf(e) === 'audio') : audio;

      const videoKey = `${user.userId}|${user.local ? 'out' : 'in'}|video`;
      const audioKey = `${user.userId}|${user.local ? 'out' : 'in'}|audio`;
      seen.add(videoKey).add(audioKey);
      const videoDelta = this.#delta(videoKey, video, at, user.local);
      const audioDelta = this.#delta(audioKey, audio, at, user.local, levelEntries);

      // The largest layer for a sender; the one received for a publisher.
      const sized = video.filter((e) => typeof e.frameWidth === 'number' && e.frameWidth > 0);
      const biggest = sized.sort((a, b) => (b.frameWidth ?? 0) - (a.frameWidth ?? 0))[0];
      const fps = biggest?.framesPerSecond ?? videoDelta.frameRate;

      const sample: UserStatsSample = {
        userId: user.userId,
        local: user.local,
        stats,
        micLevel: levelEntries.length > 0 ? (audioDelta.level ?? lastLevel(levelEntries)) : null,
        videoBitrate: video.length > 0 ? videoDelta.kbps : null,
        audioBitrate: audio.length > 0 ? audioDelta.kbps : null,
        frameWidth: biggest?.frameWidth ?? null,
        frameHeight: biggest?.frameHeight ?? null,
        frameRate: typeof fps === 'number' ? Math.round(fps * 10) / 10 : null,
      };
      return sample;
    });
    for (const key of [...this.#prev.keys()]) if (!seen.has(key)) this.#prev.delete(key);
    return { at, users };
  }

  /** Counter deltas since the previous round: kbps, frame rate and RMS level over the interval. */
  #delta(
    key: string,
    entries: RtcStatsEntry[],
    at: number,
    local: boolean,
    levelEntries: RtcStatsEntry[] = [],
  ): { kbps: number | null; frameRate: number | null; level: number | null } {
    if (entries.length === 0 && levelEntries.length === 0) {
      this.#prev.delete(key);
      return { kbps: null, frameRate: null, level: null };
    }
    const sum = (pick: (e: RtcStatsEntry) => number | undefined, list = entries): number | null => {
      let total: number | null = null;
      for (const e of list) {
        const v = pick(e);
        if (typeof v === 'number') total = (total ?? 0) + v;
      }
      return total;
    };
    const next: Counters = {
      at,
      bytes: sum((e) => (local ? e.bytesSent : e.bytesReceived)) ?? 0,
      frames: sum((e) => e.framesDecoded),
      energy: sum((e) => e.totalAudioEnergy, levelEntries),
      duration: sum((e) => e.totalSamplesDuration, levelEntries),
      ids: [...entries, ...levelEntries].map((e) => e.id).sort().join(','),
    };
    const prev = this.#prev.get(key);
    this.#prev.set(key, next);
    // A new consumer or producer (other ids) or reset counters: start over.
    if (!prev || prev.ids !== next.ids || next.bytes < prev.bytes || next.at <= prev.at) {
      return { kbps: null, frameRate: null, level: null };
    }
    const seconds = (next.at - prev.at) / 1000;
    const kbps = entries.length > 0 ? Math.round(((next.bytes - prev.bytes) * 8) / 1000 / seconds) : null;
    const frameRate = next.frames !== null && prev.frames !== null ? (next.frames - prev.frames) / seconds : null;
    let level: number | null = null;
    if (next.energy !== null && prev.energy !== null && next.duration !== null && prev.duration !== null) {
      const dd = next.duration - prev.duration;
      const de = next.energy - prev.energy;
      if (dd > 0 && de >= 0) level = Math.min(1, Math.sqrt(de / dd));
    }
    return { kbps, frameRate, level: level === null ? null : Math.round(level * 1000) / 1000 };
  }
}

function lastLevel(entries: RtcStatsEntry[]): number | null {
  let level: number | null = null;
  for (const e of entries) if (typeof e.audioLevel === 'number') level = Math.max(level ?? 0, e.audioLevel);
  return level;
}
