/**
 * The strings of <conf-network-indicator> and <conf-stats-panel> (docs/network-quality.md), part
 * of ConfStrings (./strings.ts). English here, German in ./locales/de-network.ts. No Lit, no DOM.
 */
import type { NetworkQuality } from '../../src/network/assess.js';

/** The metrics of the stats panel's sparklines. */
export type StatsMetric = 'bitrate' | 'frameRate' | 'loss' | 'rtt' | 'jitter';

export interface NetworkStrings {
  // --- <conf-network-indicator> -------------------------------------------------------------------
  /** One word per quality. */
  networkQualities: Record<NetworkQuality, string>;
  /** The indicator's accessible name ("Connection: poor"). */
  networkLabel: (quality: string) => string;
  /** The tooltip: a participant (or you) whose connection is fine. */
  networkFine: (name: string, quality: string) => string;
  networkYouFine: (quality: string) => string;
  /** Their uplink is poor ("Ada's connection is unstable"). */
  networkTheirUplink: (name: string) => string;
  /** Their uplink is lost. */
  networkTheirLost: (name: string) => string;
  /** Your downlink, seen on someone's tile. */
  networkYourDownlinkFor: (name: string) => string;
  /** Your own indicator: your uplink / your downlink is poor. */
  networkYourUplink: string;
  networkYourDownlink: string;

  // --- <conf-stats-panel> -------------------------------------------------------------------------
  statsTitle: string;
  /** The button that opens the panel (tile and controls). */
  statsOpen: (name: string) => string;
  statsOpenShort: string;
  statsClose: string;
  statsCopy: string;
  statsCopied: string;
  statsCopyFailed: string;
  statsMetrics: Record<StatsMetric, string>;
  statsUnits: Record<StatsMetric, string>;
  statsLayer: string;
  statsResolution: string;
  statsEncodings: string;
  statsLimitation: string;
  statsCandidate: string;
  statsNoData: string;
  statsYou: (name: string) => string;
}

export const networkStringsEn: NetworkStrings = {
  networkQualities: { excellent: 'excellent', good: 'good', poor: 'poor', lost: 'lost' },
  networkLabel: (quality) => `Connection: ${quality}`,
  networkFine: (name, quality) => `${name}'s connection is ${quality}`,
  networkYouFine: (quality) => `Your connection is ${quality}`,
  networkTheirUplink: (name) => `${name}'s connection is unstable`,
  networkTheirLost: (name) => `${name}'s connection was lost`,
  networkYourDownlinkFor: (name) => `Your connection is unstable: ${name}'s video is reduced`,
  networkYourUplink: 'Your connection is unstable: video for others is reduced',
  networkYourDownlink: 'Your connection is unstable: incoming video is reduced',

  statsTitle: 'Call statistics',
  statsOpen: (name) => `Statistics for ${name}`,
  statsOpenShort: 'Statistics',
  statsClose: 'Close statistics',
  statsCopy: 'Copy diagnostics',
  statsCopied: 'Diagnostics copied',
  statsCopyFailed: 'Could not copy: the clipboard is not available',
  statsMetrics: { bitrate: 'Bitrate', frameRate: 'Frame rate', loss: 'Packet loss', rtt: 'Round trip', jitter: 'Jitter' },
  statsUnits: { bitrate: 'kbps', frameRate: 'fps', loss: '%', rtt: 'ms', jitter: 'ms' },
  statsLayer: 'Layer received',
  statsResolution: 'Resolution',
  statsEncodings: 'Encodings sent',
  statsLimitation: 'Quality limited by',
  statsCandidate: 'ICE candidate',
  statsNoData: 'No samples yet',
  statsYou: (name) => `${name} (you)`,
};
