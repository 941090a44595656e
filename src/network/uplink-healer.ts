/**
 * UplinkHealer: self-healing for `cause: 'your-uplink'` (docs/network-quality.md). While your
 * own network status blames your uplink, the camera's top simulcast encoding (full size) is
 * switched off (`active: false`), so the bandwidth left goes to the two lower ones (mediasoup
 * 3.8.4 wants at least two). When the status stops blaming your uplink (after the monitor's
 * hysteresis), the encoding comes back if dynacast wants it. A new camera producer gets the
 * current choice. The flags themselves are dynacast's (src/session/dynacast.ts): it combines
 * both choices, so the healer never turns on a layer nobody watches.
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
  /**
   * Turns the producer's top encoding off, or lets it follow dynacast again (the session's
   * PublisherDynacast.dropTopLayer, which owns the encodings' `active` flags).
   */
  dropTopLayer(producer: Producer, dropped: boolean): void;
}

/** Whether the top layer should be off for this snapshot. */
export const shouldDropTopLayer = (s: SessionSnapshot): boolean => s.self.network?.cause === 'your-uplink';

export class UplinkHealer {
  readonly #host: UplinkHealerHost;
  /** The producer and the choice last asked for it. */
  #applied: { producer: Producer; dropped: boolean } | null = null;
  readonly #off: () => void;

  constructor(host: UplinkHealerHost) {
    this.#host = host;
    this.#off = host.state.subscribe((s) => this.#sync(s));
  }

  /** Whether the top layer is off now. */
  get dropped(): boolean {
    return this.#applied?.dropped ?? false;
  }

  dispose(): void {
    this.#off();
  }

  #sync(s: SessionSnapshot): void {
    const producer = this.#host.producer();
    const dropped = shouldDropTopLayer(s);
    if (!producer || producer.closed) return;
    if (this.#applied?.producer === producer && this.#applied.dropped === dropped) return;
    this.#applied = { producer, dropped };
    this.#host.dropTopLayer(producer, dropped);
    log.debug(dropped ? 'uplink poor: top layer off' : 'uplink fine: top layer follows dynacast');
  }
}
