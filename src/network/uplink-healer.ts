/**
 * UplinkHealer: self-healing for `cause: 'your-uplink'` (docs/network-quality.md). While your
 * own network status blames your uplink, the camera's top simulcast encoding (full size) is
 * switched off (`active: false`), so the bandwidth left goes to the two lower ones (mediasoup
 * 3.8.4 wants at least two). When the status stops blaming your uplink (after the monitor's
 * hysteresis), the encoding comes back. A new camera producer gets the current choice.
 */
import type { Producer } from 'mediasoup-client/types';

import { createLogger } from '../logger.js';
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';

const log = createLogger('conf-kit:uplink-healer');

export interface UplinkHealerHost {
  readonly state: Store<SessionSnapshot>;
  /** The current camera producer, or null. */
  producer(): Producer | null;
}

/** Whether the top layer should be off for this snapshot. */
export const shouldDropTopLayer = (s: SessionSnapshot): boolean => s.self.network?.cause === 'your-uplink';

/** Encodings with the top one (the last, full size) switched on or off; null when there is nothing to change. */
export function withTopLayer<E extends { active?: boolean }>(encodings: readonly E[], active: boolean): E[] | null {
  if (encodings.length < 3) return null; // keep two or more active layers
  const top = encodings.length - 1;
  if ((encodings[top]?.active ?? true) === active) return null;
  return encodings.map((e, i) => (i === top ? { ...e, active } : e));
}

export class UplinkHealer {
  readonly #host: UplinkHealerHost;
  /** The producer and the choice last applied to it. */
  #applied: { producer: Producer; dropped: boolean } | null = null;
  readonly #off: () => void;

  constructor(host: UplinkHealerHost) {
    this.#host = host;
    this.#off = host.state.subscribe((s) => void this.#sync(s));
  }

  /** Whether the top layer is off now. */
  get dropped(): boolean {
    return this.#applied?.dropped ?? false;
  }

  dispose(): void {
    this.#off();
  }

  async #sync(s: SessionSnapshot): Promise<void> {
    const producer = this.#host.producer();
    const dropped = shouldDropTopLayer(s);
    if (!producer || producer.closed) return;
    if (this.#applied?.producer === producer && this.#applied.dropped === dropped) return;
    const fresh = this.#applied?.producer !== producer;
    this.#applied = { producer, dropped };
    if (fresh && !dropped) return; // a new producer starts with every layer on
    const sender = producer.rtpSender;
    if (!sender) return;
    try {
      const params = sender.getParameters();
      const encodings = withTopLayer(params.encodings, !dropped);
      if (!encodings) return;
      params.encodings = encodings;
      await sender.setParameters(params);
      log.debug(dropped ? 'uplink poor: top layer off' : 'uplink recovered: top layer on');
    } catch (error) {
      log.warn('could not change the top simulcast layer', error);
    }
  }
}
