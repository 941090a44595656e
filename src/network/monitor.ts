/**
 * NetworkQualityMonitor: while joined, every 2 s, turns one round of the session's stats loop
 * plus mediasoup's scores (PublisherState.quality) and the uplink qualities others report into
 * `PublisherState.network` and `SelfState.network`, with hysteresis (./assess.ts). It reports
 * your own uplink quality to the room when it changes. No DOM; the session wires it.
 */
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';
import type { StatsSample } from '../stats/derive.js';
import {
  assessRemote,
  assessSelf,
  directionLevel,
  downlinkLevel,
  qualityOf,
  QualityHysteresis,
  type NetworkQuality,
  type NetworkStatus,
} from './assess.js';
import { LinkStatsReader } from './link-stats.js';

/** How often the network quality is assessed (and so, at most, updated). */
export const NETWORK_QUALITY_INTERVAL_MS = 2000;

export interface NetworkQualityHost {
  readonly state: Store<SessionSnapshot>;
  watchStats(intervalMs: number, listener: (sample: StatsSample) => void): () => void;
  /** Tells the room your uplink quality (`reportUplinkQuality`); failures are ignored. */
  reportUplink(quality: NetworkQuality): void;
}

export class NetworkQualityMonitor {
  readonly #host: NetworkQualityHost;
  readonly #reader = new LinkStatsReader();
  readonly #remote = new Map<string, QualityHysteresis>();
  #self = new QualityHysteresis();
  #uplink = new QualityHysteresis();
  readonly #reported = new Map<string, NetworkQuality>();
  #sentUplink: NetworkQuality | null = null;
  #stop: (() => void) | null = null;
  readonly #offState: () => void;

  constructor(host: NetworkQualityHost) {
    this.#host = host;
    this.#offState = host.state.subscribe((s) => {
      const live = s.connection === 'joined';
      if (live && !this.#stop) this.#stop = host.watchStats(NETWORK_QUALITY_INTERVAL_MS, (sample) => this.onSample(sample));
      else if (!live && s.connection !== 'reconnecting' && this.#stop) this.#reset();
    });
  }

  /** Another participant's own uplink quality (the `uplinkQuality` notification). */
  onUplinkQuality({ userId, quality }: { userId: string; quality: NetworkQuality }): void {
    this.#reported.set(userId, quality);
  }

  /** One stats round (public for tests). */
  onSample(sample: StatsSample): void {
    const snapshot = this.#host.state.getSnapshot();
    const { uplink, inbound } = this.#reader.read(sample);
    const downlink = downlinkLevel(inbound.values());
    const downlinkRtt = [...inbound.values()].reduce<number | null>((m, l) => (typeof l.rtt === 'number' ? Math.max(m ?? 0, l.rtt) : m), null);
    const updates = new Map<string, NetworkStatus>();
    for (const [userId, publisher] of Object.entries(snapshot.publishers)) {
      if (!publisher.subscribed) continue;
      let filter = this.#remote.get(userId);
      if (!filter) this.#remote.set(userId, (filter = new QualityHysteresis()));
      const status = filter.push(
        assessRemote({
          producerScore: publisher.quality?.producerScore,
          score: publisher.quality?.score,
          inbound: inbound.get(userId),
          downlink,
          reportedUplink: this.#reported.get(userId) ?? null,
        }),
      );
      updates.set(userId, status);
    }
    for (const userId of [...this.#remote.keys()]) if (!(userId in snapshot.publishers)) this.#remote.delete(userId);
    for (const userId of [...this.#reported.keys()]) if (!(userId in snapshot.publishers)) this.#reported.delete(userId);
    const self = this.#self.push(assessSelf({ uplink, downlink, downlinkRtt }));

    if (uplink) {
      // Without RTT: a round trip cannot tell others that *your uplink* is the slow way.
      const up = this.#uplink.push({ quality: qualityOf(directionLevel(uplink)), cause: null }).quality;
      if (up !== this.#sentUplink) {
        this.#sentUplink = up;
        this.#host.reportUplink(up);
      }
    }
    this.#host.state.update((s) => applyNetwork(s, self, updates));
  }

  dispose(): void {
    this.#offState();
    this.#reset();
  }

  #reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#remote.clear();
    this.#reported.clear();
    this.#self = new QualityHysteresis();
    this.#uplink = new QualityHysteresis();
    this.#sentUplink = null;
  }
}

const same = (a: NetworkStatus | undefined, b: NetworkStatus) => !!a && a.quality === b.quality && a.cause === b.cause;

/** Writes network statuses into a snapshot; the same snapshot when nothing changed. */
export function applyNetwork(snapshot: SessionSnapshot, self: NetworkStatus | null, publishers: ReadonlyMap<string, NetworkStatus>): SessionSnapshot {
  let next = snapshot;
  if (self && !same(snapshot.self.network, self)) next = { ...next, self: { ...next.self, network: self } };
  let changed: Record<string, SessionSnapshot['publishers'][string]> | null = null;
  for (const [userId, status] of publishers) {
    const prev = snapshot.publishers[userId];
    if (!prev || same(prev.network, status)) continue;
    changed ??= { ...snapshot.publishers };
    changed[userId] = { ...prev, network: status };
  }
  if (changed) next = { ...next, publishers: changed };
  return next;
}
