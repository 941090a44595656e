/**
 * Video consumers while their recv transport comes up, and when it reconnects.
 *
 * mediasoup 3.8.4's worker runs its "transport connected" step at DTLS connected and again when
 * ICE goes from connected to completed (WebRtcTransport.cpp). Each time, a simulcast or SVC
 * consumer drops every packet until the next keyframe, yet asks for none (SimpleConsumer does
 * ask). A first keyframe forwarded between the two steps froze a joiner's first picture until the
 * browser asked again 3 s later (issue 15, first frame: 1 join in 3 on session.html), and a
 * keyframe asked for before the transport was up was spent for nothing (an encoder sends at most
 * one in 300 ms). So:
 * - a video resume while the transport comes up is answered at once and applied once it is up
 *   (which asks for the keyframe then), unless another pause or resume of that consumer came in
 *   between; the socket's later requests do not wait for it;
 * - a video consumer already active when the transport reconnects asks now and once more after
 *   KEYFRAME_INTERVAL_MS, as the worker's own request at ICE connected may have used up the
 *   encoder's interval just before the reset at ICE completed.
 */
import type { types as ms } from 'mediasoup';
import type { Logger } from './logger.js';
import { setConsumerPaused } from './quality.js';

/**
 * The longest a video consumer's resume waits for its transport to be fully up (DTLS connected,
 * ICE completed). Chromium nominates 25 to 65 ms after ICE connects here; a client that never
 * nominates is resumed after this.
 */
export const RESUME_SETTLE_CAP_MS = 500;

/** Chromium's encoder sends at most one keyframe in 300 ms and drops requests in between. */
const KEYFRAME_INTERVAL_MS = 350;

export interface VideoResumesOptions {
  /** WebRtcTransports.whenSettled for the recv transport: null when it is up (or not coming up). */
  whenRecvSettled: (capMs: number) => Promise<void> | null;
  /** Whether the participant has ended. */
  closed: () => boolean;
  logger: Logger;
}

export class VideoResumes {
  readonly #o: VideoResumesOptions;
  /** Pause/resume calls so far, per consumer: a deferred resume applies only if it is the last. */
  readonly #calls = new WeakMap<ms.Consumer, number>();

  constructor(options: VideoResumesOptions) {
    this.#o = options;
  }

  /** Pauses or resumes `consumer` (server/quality.ts setConsumerPaused), a video resume deferred as above. */
  async setPaused(consumer: ms.Consumer, paused: boolean): Promise<void> {
    const call = (this.#calls.get(consumer) ?? 0) + 1;
    this.#calls.set(consumer, call);
    const settling = !paused && consumer.kind === 'video' ? this.#o.whenRecvSettled(RESUME_SETTLE_CAP_MS) : null;
    if (!settling) return setConsumerPaused(consumer, paused);
    void settling
      .then(() => {
        if (consumer.closed || this.#o.closed() || this.#calls.get(consumer) !== call) return;
        return setConsumerPaused(consumer, false);
      })
      .catch((error: unknown) => this.#o.logger.debug({ err: error, consumerId: consumer.id }, 'a resume deferred until the transport was up failed'));
  }

  /** The recv transport (re)connected: its active video consumers ask for a keyframe, twice. */
  recvConnected(consumers: Iterable<ms.Consumer>): void {
    const active = [...consumers].filter((c) => c.kind === 'video' && !c.closed && !c.paused && !c.producerPaused);
    if (active.length === 0) return; // a first connect: its consumers are resumed (and ask) once it is up
    const ask = () => {
      for (const consumer of active) {
        if (!consumer.closed && !consumer.paused) consumer.requestKeyFrame().catch(() => undefined); // closed meanwhile
      }
    };
    ask();
    setTimeout(() => {
      if (!this.#o.closed()) ask();
    }, KEYFRAME_INTERVAL_MS).unref();
  }
}
