/**
 * Network quality that says whose connection is poor (docs/network-quality.md). Pure functions:
 * link numbers and mediasoup scores in, `{quality, cause}` out. No DOM, no timers.
 *
 * Every input becomes a level 0..3 (lost, poor, good, excellent); a side's level is the worst
 * of its inputs. A participant's quality is the worse side, and the cause names that side when
 * the quality is poor or lost:
 *
 * - a remote participant, as this viewer sees them: "their side" is the producer score (the SFU
 *   sees their uplink) and the quality they report about their own uplink; "your side" is the
 *   consumer score (the SFU to you), the loss and jitter of what you receive, and your downlink;
 * - yourself: your uplink (loss and RTT the SFU reports back, the available outgoing bitrate,
 *   the encoder's quality-limitation reason) and your downlink (everything you receive).
 */

export type NetworkQuality = 'excellent' | 'good' | 'poor' | 'lost';
export type NetworkCause = 'their-uplink' | 'your-downlink' | 'your-uplink' | null;

/** `PublisherState.network` and `SelfState.network`. */
export interface NetworkStatus {
  readonly quality: NetworkQuality;
  /** Whose connection is to blame; null while the quality is good or excellent. */
  readonly cause: NetworkCause;
}

export const NETWORK_QUALITIES: readonly NetworkQuality[] = Object.freeze(['lost', 'poor', 'good', 'excellent']);
export const UNKNOWN_NETWORK: NetworkStatus = Object.freeze({ quality: 'excellent', cause: null });

/** 0 lost, 1 poor, 2 good, 3 excellent. */
export type Level = 0 | 1 | 2 | 3;

export const qualityOf = (level: Level): NetworkQuality => NETWORK_QUALITIES[level] as NetworkQuality;
export const levelOf = (quality: NetworkQuality): Level => NETWORK_QUALITIES.indexOf(quality) as Level;

export function isNetworkQuality(value: unknown): value is NetworkQuality {
  return typeof value === 'string' && (NETWORK_QUALITIES as readonly string[]).includes(value);
}

/** Numbers about one direction of a link. Null: not measured (never counts against it). */
export interface LinkStats {
  /** Packet loss 0..1 over the last interval. */
  readonly loss?: number | null;
  /** Round-trip time in ms. */
  readonly rtt?: number | null;
  /** Jitter in ms. */
  readonly jitter?: number | null;
  /** The bandwidth estimate in kbps (availableOutgoingBitrate / availableIncomingBitrate). */
  readonly availableKbps?: number | null;
  /**
   * The encoder's `qualityLimitationReason` (outbound only; null there when no video is sent).
   * On an outbound link (this field present, even null) the bandwidth estimate counts only while
   * it is `bandwidth`; see `linkLevel`.
   */
  readonly limitation?: 'none' | 'cpu' | 'bandwidth' | 'other' | string | null;
}

/** Thresholds (the usual VoIP rules of thumb). */
export const THRESHOLDS = Object.freeze({
  /** loss: excellent below 2 %, good below 5 %, poor below 25 %, lost above */
  loss: [0.02, 0.05, 0.25] as const,
  /** RTT ms: excellent below 150, good below 300, poor below 1500, lost above */
  rtt: [150, 300, 1500] as const,
  /** jitter ms: excellent below 30, good below 60, poor otherwise */
  jitter: [30, 60, Infinity] as const,
  /** available kbps (uplink): poor below 250, good below 500 */
  availableKbps: [250, 500] as const,
});

const min = (...levels: Level[]): Level => Math.min(3, ...levels) as Level;

function byThreshold(value: number | null | undefined, [excellent, good, poor]: readonly [number, number, number]): Level {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 3;
  if (value < excellent) return 3;
  if (value < good) return 2;
  if (value < poor) return 1;
  return 0;
}

/** A mediasoup score 0..10: 9-10 excellent, 6-8 good, 1-5 poor, 0 lost. Null: unknown (excellent). */
export function scoreLevel(score: number | null | undefined): Level {
  if (typeof score !== 'number' || !Number.isFinite(score)) return 3;
  if (score >= 9) return 3;
  if (score >= 6) return 2;
  if (score >= 1) return 1;
  return 0;
}

/**
 * One direction of a link, from its numbers.
 *
 * A sender's bandwidth estimate follows what it sends: Chromium lets it fall to about what the
 * active encodings need. So on an outbound link a low estimate is evidence of a poor uplink only
 * while the encoder says `bandwidth` limits it; otherwise the sender is application-limited
 * (dynacast turned its unwatched layers off, it sends audio only, its encoder is CPU-limited) and
 * the estimate says nothing about the network.
 */
export function linkLevel(link: LinkStats | null | undefined): Level {
  if (!link) return 3;
  let level = min(byThreshold(link.loss, THRESHOLDS.loss), byThreshold(link.rtt, THRESHOLDS.rtt), byThreshold(link.jitter, THRESHOLDS.jitter));
  const kbps = link.availableKbps;
  const appLimited = link.limitation !== undefined && link.limitation !== 'bandwidth';
  if (typeof kbps === 'number' && Number.isFinite(kbps) && !appLimited) {
    if (kbps < THRESHOLDS.availableKbps[0]) level = min(level, 1);
    else if (kbps < THRESHOLDS.availableKbps[1]) level = min(level, 2);
  }
  if (link.limitation === 'bandwidth') level = min(level, 2);
  return level;
}

export interface RemoteInputs {
  /** mediasoup's producer score: their uplink as the SFU sees it. */
  readonly producerScore?: number | null;
  /** mediasoup's consumer score: the SFU to you. */
  readonly score?: number | null;
  /** What you receive from them (loss, jitter). */
  readonly inbound?: LinkStats | null;
  /** Your downlink as a whole (see `assessSelf`), as a level. */
  readonly downlink?: Level;
  /** The quality they report about their own uplink (`uplinkQuality` notification), null if none. */
  readonly reportedUplink?: NetworkQuality | null;
}

/** A remote participant's quality, blaming their uplink or your downlink. */
export function assessRemote(inputs: RemoteInputs): NetworkStatus {
  const reported = inputs.reportedUplink ? levelOf(inputs.reportedUplink) : 3;
  const theirs = min(scoreLevel(inputs.producerScore), reported);
  const yours = min(scoreLevel(inputs.score), linkLevel(inputs.inbound), inputs.downlink ?? 3);
  // Upstream loss shows in the consumer score too: when both are down, theirs is the cause.
  return combine(theirs, yours, 'their-uplink', 'your-downlink');
}

export interface SelfInputs {
  /** What you send (remote-inbound-rtp loss and RTT, available outgoing bitrate, limitation). */
  readonly uplink?: LinkStats | null;
  /** Your downlink level (the worst of what you receive, without RTT: see `directionLevel`), 3 when you receive nothing. */
  readonly downlink?: Level;
  /** The round-trip time of your receive path in ms, if measured (the uplink's RTT is in `uplink`). */
  readonly downlinkRtt?: number | null;
}

/**
 * Your own quality, blaming your uplink or your downlink. A round-trip time cannot say which way
 * is slow (a full queue on the downlink raises the RTT of everything you send, too), so RTT
 * lowers the quality but does not choose the cause: the direction-specific inputs (loss, jitter,
 * bandwidth estimate, limitation) do. When RTT alone is bad, the cause is the direction whose own
 * inputs are worse; if they are equal, your downlink, since the uplink has the richer signals (a
 * congested uplink also shows in the outgoing bandwidth estimate and the encoder's limitation).
 */
export function assessSelf(inputs: SelfInputs): NetworkStatus {
  const up = directionLevel(inputs.uplink);
  const down = inputs.downlink ?? 3;
  const rtt = min(rttLevel(inputs.uplink?.rtt), rttLevel(inputs.downlinkRtt));
  const level = min(up, down, rtt);
  if (level >= 2) return { quality: qualityOf(level), cause: null };
  if (min(up, down) === level) return { quality: qualityOf(level), cause: up <= down ? 'your-uplink' : 'your-downlink' };
  return { quality: qualityOf(level), cause: up < down ? 'your-uplink' : 'your-downlink' };
}

/** The level of a round-trip time in ms (3 when not measured). */
export function rttLevel(rtt: number | null | undefined): Level {
  return byThreshold(rtt, THRESHOLDS.rtt);
}

/**
 * One direction of a link from the inputs that belong to that direction only (loss, jitter,
 * bandwidth estimate, limitation), without its round-trip time. Used to decide whose side is
 * to blame and for the uplink quality reported to others.
 */
export function directionLevel(link: LinkStats | null | undefined): Level {
  return link ? linkLevel({ ...link, rtt: null }) : 3;
}

function combine(a: Level, b: Level, causeA: NetworkCause, causeB: NetworkCause): NetworkStatus {
  const level = min(a, b);
  return { quality: qualityOf(level), cause: level >= 2 ? null : a <= b ? causeA : causeB };
}

/** The worst direction level (without RTT, see `directionLevel`) of many inbound links (your downlink); 3 when there are none. */
export function downlinkLevel(links: Iterable<LinkStats>): Level {
  let level: Level = 3;
  for (const link of links) level = min(level, directionLevel(link));
  return level;
}

export interface HysteresisOptions {
  /** Consecutive better assessments needed before the status improves (default 3). */
  readonly improveAfter?: number;
}

/**
 * Hysteresis for one participant: a worse quality (or a new cause at the same poor quality)
 * applies at once, a better one only after `improveAfter` consecutive better assessments, so
 * the indicator does not flicker on a single good round.
 */
export class QualityHysteresis {
  readonly #improveAfter: number;
  #current: NetworkStatus = UNKNOWN_NETWORK;
  #better = 0;

  constructor(options: HysteresisOptions = {}) {
    this.#improveAfter = Math.max(1, Math.floor(options.improveAfter ?? 3));
  }

  get current(): NetworkStatus {
    return this.#current;
  }

  /** Feeds one assessment; returns the status to show (the same object when unchanged). */
  push(next: NetworkStatus): NetworkStatus {
    const now = levelOf(this.#current.quality);
    const incoming = levelOf(next.quality);
    if (incoming < now || (incoming === now && next.cause !== this.#current.cause && incoming < 2)) {
      this.#better = 0;
      this.#current = next;
    } else if (incoming > now) {
      this.#better++;
      if (this.#better >= this.#improveAfter) {
        this.#better = 0;
        this.#current = next;
      }
    } else {
      this.#better = 0;
    }
    return this.#current;
  }
}
