/**
 * Dynacast, publisher side (docs/layouts.md#dynacast-publisher-side): the server's
 * `layersWanted {producerId, spatialLayers}` says which simulcast encodings of a local video
 * producer someone consumes; the others get `active: false` on the RTCRtpSender, so the browser
 * stops encoding and sending them. Encoding i is spatial layer i (r0 quarter, r1 half, r2 full).
 *
 * The notification may arrive before `produce` resolves (the server sends the first set as soon as
 * the producer exists), so the last set per producer id is kept until the producer is attached.
 *
 * The uplink healer (src/network/uplink-healer.ts) asks here, too, for the top encoding to be
 * off (`dropTopLayer`): an encoding is active when it is wanted and not dropped, so neither
 * writes over the other's choice, and every write goes through one queue per sender
 * (./sender-parameters.ts).
 */
import type { Producer } from 'mediasoup-client/types';

import { createLogger } from '../logger.js';
import { inSenderQueue, type ParameterSender } from './sender-parameters.js';

const log = createLogger('conf-kit:dynacast');

/** Sets kept for producers not attached yet (a bound, not a cache). */
const MAX_PENDING = 16;

/** What dynacast needs of a local producer (mediasoup-client's Producer, or a fake in tests). */
export interface LayerProducer {
  readonly closed: boolean;
  readonly rtpSender: ParameterSender | undefined;
  /**
   * mediasoup-client: writes the encodings and renegotiates, putting each encoding's `active` flag
   * into the transport's answer (`~r1` is a paused layer). Called here with `{}`: no change.
   */
  setRtpEncodingParameters(params: Record<string, never>): Promise<void>;
}

/** How often a write is tried again when a renegotiation ran in between (see applyActiveLayers). */
const ACTIVE_ATTEMPTS = 3;

/**
 * Sets `active` on each encoding of `producer`'s sender: true for the wanted layers (or for all),
 * except the top one of three or more when `dropTop` (two stay on). Returns whether it changed
 * anything. Single-encoding senders are left alone.
 *
 * The browser takes each encoding's `active` from the transport's SDP answer again whenever the
 * transport renegotiates (another producer added or closed), and mediasoup-client keeps that
 * answer: written with `setParameters` alone, a flag came back on at the next renegotiation (a
 * screen share turned every camera layer on). So each write is followed by
 * `setRtpEncodingParameters({})`, which copies the flags into the answer and renegotiates. A
 * renegotiation queued in mediasoup-client before it may still apply the old answer; the flags are
 * then read again and the write repeated.
 */
export function applyActiveLayers(producer: LayerProducer, spatialLayers: readonly number[] | 'all', dropTop = false): Promise<boolean> {
  const sender = producer.rtpSender;
  if (!sender) return Promise.resolve(false);
  const wanted = spatialLayers === 'all' ? null : new Set(spatialLayers);
  const target = (count: number) => Array.from({ length: count }, (_, i) => (wanted ? wanted.has(i) : true) && !(dropTop && count >= 3 && i === count - 1));
  return inSenderQueue(sender, async () => {
    let changed = false;
    for (let attempt = 0; attempt < ACTIVE_ATTEMPTS; attempt++) {
      const params = sender.getParameters();
      const count = params.encodings?.length ?? 0;
      if (count < 2 || producer.closed) return changed;
      const want = target(count);
      if (params.encodings.every((encoding, i) => (encoding.active ?? true) === want[i])) return changed;
      params.encodings.forEach((encoding, i) => (encoding.active = want[i]!));
      await sender.setParameters(params);
      await producer.setRtpEncodingParameters({});
      changed = true;
    }
    throw new Error(`the encodings' active flags did not hold after ${ACTIVE_ATTEMPTS} writes`);
  });
}

export class PublisherDynacast {
  readonly #wanted = new Map<string, readonly number[]>();
  readonly #producers = new Map<string, Producer>();
  /** Producers whose top encoding the uplink healer wants off. */
  readonly #dropped = new Set<string>();
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
      this.#dropped.delete(producer.id);
    });
    if (this.#wanted.has(producer.id)) this.#schedule(producer);
  }

  /**
   * The uplink healer: the top encoding of an attached producer off (or back to what
   * `layersWanted` says). Whatever dynacast turns on later stays within this.
   */
  dropTopLayer(producer: Producer, dropped: boolean): void {
    if (!this.#producers.has(producer.id) || this.#dropped.has(producer.id) === dropped) return;
    if (dropped) this.#dropped.add(producer.id);
    else this.#dropped.delete(producer.id);
    this.#schedule(producer);
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

  /** Applies the current choice; the sender's queue orders it after any write still running. */
  #schedule(producer: Producer): void {
    if (producer.closed || !producer.rtpSender) return;
    const layers = (this.#enabled && this.#wanted.get(producer.id)) || 'all';
    const dropTop = this.#dropped.has(producer.id);
    applyActiveLayers(producer, layers, dropTop).then(
      (changed) => changed && log.debug('encodings active', producer.id, layers, dropTop ? '(top dropped)' : ''),
      (error) => log.warn('could not set the active encodings', error),
    );
  }
}
