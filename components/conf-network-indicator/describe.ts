/** The plain-words sentence of a network status (docs/network-quality.md). No Lit, no DOM. */
import type { NetworkStatus } from '../../src/network/assess.js';
import type { ConfStrings } from '../i18n/strings.js';

/** The tooltip sentence for `status` of `name` (yourself with `local`). */
export function describeNetwork(status: NetworkStatus, name: string, local: boolean, t: ConfStrings): string {
  const quality = t.networkQualities[status.quality];
  if (local) {
    if (status.cause === 'your-uplink') return t.networkYourUplink;
    if (status.cause === 'your-downlink') return t.networkYourDownlink;
    return t.networkYouFine(quality);
  }
  if (status.cause === 'their-uplink') return status.quality === 'lost' ? t.networkTheirLost(name) : t.networkTheirUplink(name);
  if (status.cause === 'your-downlink') return t.networkYourDownlinkFor(name);
  return t.networkFine(name, quality);
}

/** Bars lit for a quality: excellent 3, good 2, poor 1, lost 0. */
export const barsOf = (status: NetworkStatus): number => ({ excellent: 3, good: 2, poor: 1, lost: 0 })[status.quality];
