import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionLike } from '../../src/session/types.js';
import { publisherQuality, type StreamType } from '../../src/state/quality.js';
import { createLogger } from '../../src/logger.js';
import { fullSize, streamTypeForSize } from './adaptive-layer.js';
import { downlinkPoor, healedStreamType } from './downlink-healing.js';

const log = createLogger('conf-kit:adaptive-stream');

export interface AdaptiveStreamOptions {
  /** The remote participant, or null for a tile that must not adapt (yours, none yet). */
  userId: () => string | null;
  session: () => SessionLike | undefined;
  /** Off: the controller does nothing (and undoes its pause). */
  enabled: () => boolean;
  /** Debounce of size and visibility changes, in ms (default 150). */
  debounceMs?: number;
}

/**
 * Viewer-side adaptive stream for one remote tile (docs/layouts.md).
 *
 * - Asks for the smallest simulcast stream covering the host's rendered size × devicePixelRatio
 *   (ResizeObserver, debounced), through `requestPreferredStreamForOpponent`.
 * - While the host is hidden (out of the viewport or `display: none`, by IntersectionObserver, or
 *   the document is hidden) the video consumer is paused on the server with
 *   `setOpponentQuality(userId, 'audio-only')`; when visible again the stream request resumes it
 *   (the server requests a keyframe on resume). Audio is never paused.
 * - A manual choice (a `conf-quality-change` from the tile's quality menu, other than Auto, or
 *   `manual = true`) wins: the controller stops until Auto is picked again.
 */
export class AdaptiveStreamController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: AdaptiveStreamOptions;
  #resize: ResizeObserver | null = null;
  #intersect: IntersectionObserver | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #size = { width: 0, height: 0 };
  #intersecting = false;
  /** What was last sent: a stream type, 'paused', or null (nothing: the session's own default). */
  #sent: { session: SessionLike; userId: string; value: StreamType | 'paused' } | null = null;
  #manual = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: AdaptiveStreamOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** True while a manual quality choice overrides adaptive stream. */
  get manual(): boolean {
    return this.#manual;
  }

  set manual(value: boolean) {
    if (value === this.#manual) return;
    this.#manual = value;
    // Back to Auto: re-send even an unchanged choice (the menu's 'auto' reset the session's).
    if (!value) this.#sent = null;
    this.#host.requestUpdate();
    this.schedule();
  }

  /** True while the controller picks the layer (on, remote, no manual choice). */
  get active(): boolean {
    return this.#options.enabled() && !!this.#options.userId() && !this.#manual;
  }

  /** What the controller asked for last ('paused' while hidden), for tests and diagnostics. */
  get requested(): StreamType | 'paused' | null {
    return this.#sent?.value ?? null;
  }

  hostConnected(): void {
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver(([entry]) => {
        if (!entry) return;
        const box = entry.contentRect;
        this.#size = { width: box.width, height: box.height };
        this.schedule();
      });
      this.#resize.observe(this.#host);
    }
    if (typeof IntersectionObserver !== 'undefined') {
      this.#intersect = new IntersectionObserver((entries) => {
        const last = entries[entries.length - 1];
        if (!last) return;
        this.#intersecting = last.isIntersecting;
        this.schedule();
      });
      this.#intersect.observe(this.#host);
    } else {
      this.#intersecting = true;
    }
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#host.addEventListener('conf-quality-change', this.#onQualityChange);
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#intersect?.disconnect();
    this.#resize = this.#intersect = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#host.removeEventListener('conf-quality-change', this.#onQualityChange);
    this.#sent = null;
    this.#network?.off();
    this.#network = null;
  }

  /** Re-applies when your downlink starts or stops being blamed (./downlink-healing.ts). */
  #network: { session: SessionLike; off: () => void } | null = null;
  #watchNetwork(session: SessionLike): void {
    if (this.#network?.session === session) return;
    this.#network?.off();
    let poor = downlinkPoor(session.state.getSnapshot());
    const off = session.state.subscribe((s) => {
      if (downlinkPoor(s) !== poor) {
        poor = !poor;
        this.schedule();
      }
    });
    this.#network = { session, off };
  }

  readonly #onVisibility = (): void => this.schedule();

  readonly #onQualityChange = (event: Event): void => {
    const quality = (event as CustomEvent<{ quality: string }>).detail?.quality;
    this.manual = quality !== 'auto';
  };

  /** Re-evaluates after the debounce (also called by the host when the session or user changes). */
  schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#apply();
    }, this.#options.debounceMs ?? 150);
  }

  #apply(): void {
    const session = this.#options.session();
    const userId = this.#options.userId();
    if (!session || !userId || !session.requestPreferredStreamForOpponent || !session.setOpponentQuality) return;
    if (this.#sent && (this.#sent.session !== session || this.#sent.userId !== userId)) this.#sent = null;
    if (this.#host.isConnected) this.#watchNetwork(session);
    if (!this.#options.enabled() || this.#manual) {
      // Undo our own pause; a manual choice or the session default takes over from here.
      if (this.#sent?.value === 'paused' && !this.#manual) this.#send(session, userId, 'auto');
      this.#sent = null;
      return;
    }
    const visible = this.#intersecting && document.visibilityState !== 'hidden' && this.#size.width > 0;
    let value: StreamType | 'paused' = 'paused';
    if (visible) {
      const q = publisherQuality(session.state.getSnapshot().publishers[userId]);
      const dpr = globalThis.devicePixelRatio || 1;
      value = streamTypeForSize(this.#size.width * dpr, this.#size.height * dpr, fullSize(q.frameWidth, q.frameHeight, q.currentStreamType));
      value = healedStreamType(value, {
        downlinkPoor: downlinkPoor(session.state.getSnapshot()),
        onStage: this.#host.hasAttribute('stage') || this.#host.hasAttribute('pinned'),
      });
    }
    if (this.#sent?.value === value) return;
    this.#sent = { session, userId, value };
    this.#send(session, userId, value);
    this.#host.requestUpdate();
  }

  #send(session: SessionLike, userId: string, value: StreamType | 'paused' | 'auto'): void {
    const done =
      value === 'paused' || value === 'auto'
        ? session.setOpponentQuality?.(userId, value === 'paused' ? 'audio-only' : 'auto')
        : session.requestPreferredStreamForOpponent?.(userId, value);
    done?.catch((error: unknown) => log.warn('adaptive stream request failed', error));
  }
}
