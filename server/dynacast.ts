/**
 * Dynacast (docs/layouts.md#dynacast-publisher-side): which spatial layers of a simulcast video
 * producer anyone consumes. Each unpaused consumer wants its preferred spatial layer and the
 * layers below it (mediasoup falls back to those when bandwidth drops); paused consumers want
 * nothing. Layer 0 is always wanted, so a new viewer gets a thumbnail at once.
 *
 * The producer's owner learns the set through `layersWanted` and turns the other encodings off.
 * Raises are sent almost at once, drops after a short hold (no flapping while tiles resize).
 * A resumed participant gets its current sets again (`resend`).
 */
import type { types as ms } from 'mediasoup';

/** ms before a raise (batching a burst of consumer changes) and before a drop is sent. */
export const DYNACAST_RAISE_MS = 20;
export const DYNACAST_DROP_MS = 500;

const trackers = new WeakMap<ms.Consumer, Dynacast>();

export class Dynacast {
  readonly #producer: ms.Producer;
  readonly #layers: number;
  readonly #notify: (spatialLayers: number[]) => void;
  readonly #consumers = new Set<ms.Consumer>();
  #sent: string | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #timerIsRaise = false;
  #closed = false;

  /** Sends the first set (layer 0 only: nobody watches yet) right away. */
  constructor(producer: ms.Producer, notify: (spatialLayers: number[]) => void) {
    this.#producer = producer;
    this.#layers = producer.rtpParameters.encodings?.length ?? 1;
    this.#notify = notify;
    producer.observer.once('close', () => this.close());
    this.#flush();
  }

  /** Only simulcast video producers (two or more encodings) are tracked. */
  static wants(producer: ms.Producer): boolean {
    return producer.kind === 'video' && (producer.rtpParameters.encodings?.length ?? 0) > 1;
  }

  /** The spatial layers wanted now, ascending, always with 0. */
  wanted(): number[] {
    let top = 0;
    for (const consumer of this.#consumers) {
      if (consumer.closed || consumer.paused) continue;
      const preferred = consumer.preferredLayers?.spatialLayer ?? this.#layers - 1;
      top = Math.max(top, Math.min(preferred, this.#layers - 1));
    }
    return Array.from({ length: top + 1 }, (_, i) => i);
  }

  add(consumer: ms.Consumer): void {
    if (this.#closed || consumer.closed) return;
    this.#consumers.add(consumer);
    trackers.set(consumer, this);
    const changed = () => this.changed();
    consumer.observer.on('pause', changed);
    consumer.observer.on('resume', changed);
    consumer.observer.once('close', () => {
      this.#consumers.delete(consumer);
      this.changed();
    });
    this.changed();
  }

  /** Re-evaluates after a consumer change (soon for a raise, after the hold for a drop). */
  changed(): void {
    if (this.#closed) return;
    const next = this.wanted();
    const key = next.join(',');
    const sentTop = this.#sent === null ? -1 : this.#sent.split(',').length - 1;
    if (key === this.#sent) {
      this.#clearTimer();
      return;
    }
    const raise = next.length - 1 > sentTop;
    if (this.#timer && (this.#timerIsRaise || !raise)) return; // already coming, soon enough
    this.#clearTimer();
    this.#timerIsRaise = raise;
    this.#timer = setTimeout(() => this.#flush(), raise ? DYNACAST_RAISE_MS : DYNACAST_DROP_MS);
  }

  #flush(): void {
    this.#timer = null;
    if (this.#closed || this.#producer.closed) return;
    const next = this.wanted();
    const key = next.join(',');
    if (key === this.#sent) return;
    this.#sent = key;
    this.#notify(next);
  }

  /**
   * Sends the current set again, even if unchanged: after a `resume`, whatever was sent while the
   * socket was gone is lost (server/resume.ts replays nothing).
   */
  resend(): void {
    this.#clearTimer();
    this.#sent = null;
    this.#flush();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  close(): void {
    this.#closed = true;
    this.#clearTimer();
    this.#consumers.clear();
  }
}

/** After `setPreferredLayers` on `consumer`: its producer's tracker re-evaluates. */
export function noteLayersChanged(consumer: ms.Consumer): void {
  trackers.get(consumer)?.changed();
}
