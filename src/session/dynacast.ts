/**
 * Dynacast, publisher side (docs/layouts.md#dynacast-publisher-side): the server's
 * `layersWanted {producerId, spatialLayers}` says which simulcast encodings of a local video
 * producer someone consumes; the others get `active: false` on the RTCRtpSender, so the browser
 * stops encoding and sending them. Encoding i is spatial layer i (r0 quarter, r1 half, r2 full).
 *
 * The notification may arrive before `produce` resolves (the server sends the first set as soon as
 * the producer exists), so the last set per producer id is kept until the producer is attached.
 */
import type { Producer } from 'mediasoup-client/types';

import { createLogger } from '../logger.js';

const log = createLogger('conf-kit:dynacast');

/** Sets kept for producers not attached yet (a bound, not a cache). */
const MAX_PENDING = 16;

/** What dynacast needs of a sender (RTCRtpSender, or a fake in tests). */
export interface DynacastSender {
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

/**
 * Sets `active` on each encoding of `sender` (true for the wanted layers, or for all). Returns
 * whether it changed anything. Single-encoding senders are left alone.
 */
export async function applyActiveLayers(sender: DynacastSender, spatialLayers: readonly number[] | 'all'): Promise<boolean> {
  const wanted = spatialLayers === 'all' ? null : new Set(spatialLayers);
  const params = sender.getParameters();
  if (!params.encodings || params.encodings.length < 2) return false;
  let changed = false;
  params.encodings.forEach((encoding, i) => {
    const active = wanted ? wanted.has(i) : true;
    if ((encoding.active ?? true) !== active) {
      encoding.active = active;
      changed = true;
    }
  });
  if (changed) await sender.setParameters(params);
  return changed;
}

export class PublisherDynacast {
  readonly #wanted = new Map<string, readonly number[]>();
  readonly #producers = new Map<string, Producer>();
  /** One setParameters at a time per producer (a stale transactionId fails). */
  readonly #chains = new Map<string, Promise<void>>();
  #enabled: boolean;

  constructor(enabled = true) {
    this.#enabled = enabled;
  }

  /** The server's `layersWanted`. */
  onLayersWanted({ producerId, spatialLayers }: { producerId: string; spatialLayers: number[] }): void {
    this.#wanted.delete(producerId);
    this.#wanted.set(producerId, [...spatialLayers]);
    while (this.#wanted.size > MAX_PENDING + this.#producers.size) {
      const oldest = [...this.#wanted.keys()].find((id) => !this.#producers.has(id));
      if (oldest === undefined) break;
      this.#wanted.delete(oldest);
    }
    const producer = this.#producers.get(producerId);
    if (producer) this.#schedule(producer);
  }

  /** A new local producer: simulcast video ones follow `layersWanted` from now on. */
  attach(producer: Producer): void {
    if (producer.kind !== 'video' || producer.closed) return;
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.#producers.delete(producer.id);
      this.#wanted.delete(producer.id);
      this.#chains.delete(producer.id);
    });
    if (this.#wanted.has(producer.id)) this.#schedule(producer);
  }

  /** The last wanted layers of a producer (diagnostics, tests). */
  wanted(producerId: string): readonly number[] | undefined {
    return this.#wanted.get(producerId);
  }

  /** Off: every encoding is turned back on and notifications are ignored until it is on again. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    for (const producer of this.#producers.values()) this.#schedule(producer);
  }

  #schedule(producer: Producer): void {
    const previous = this.#chains.get(producer.id) ?? Promise.resolve();
    const next = previous.then(() => this.#apply(producer));
    this.#chains.set(producer.id, next);
  }

  async #apply(producer: Producer): Promise<void> {
    const sender = producer.rtpSender;
    if (producer.closed || !sender) return;
    const layers = this.#enabled ? this.#wanted.get(producer.id) : 'all';
    if (!layers) return;
    try {
      if (await applyActiveLayers(sender, layers)) log.debug('encodings active', producer.id, layers);
    } catch (error) {
      log.warn('could not set the active encodings', error);
    }
  }
}
