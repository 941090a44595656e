import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionLike } from '../../src/session/types.js';
import type { SessionSnapshot } from '../../src/state/types.js';
import { publisherQuality, type StreamType } from '../../src/state/quality.js';
import { createLogger } from '../../src/logger.js';
import { FullSizeEstimate, streamTypeForSize } from './adaptive-layer.js';
import { downlinkPoor, healedStreamType } from './downlink-healing.js';

const log = createLogger('conf-kit:adaptive-stream');

type Sent = { session: SessionLike; userId: string; stream: StreamType | null; hidden: boolean };
/**
 * What a removed tile had asked for, kept briefly per session and user: a tile re-rendered
 * elsewhere (grid to filmstrip on pin) takes it over instead of resetting the layer to the top
 * and resuming in between (which decodes full-size frames in a hidden, paused tile).
 */
const released = new WeakMap<SessionLike, Map<string, { sent: Sent; timer: ReturnType<typeof setTimeout> }>>();
const RELEASE_MS = 1000;
/** Per session and user, so that a tile re-rendered elsewhere (a pin) keeps what was read. */
const estimates = new WeakMap<SessionLike, Map<string, FullSizeEstimate>>();

function estimateOf(session: SessionLike, userId: string): FullSizeEstimate {
  let byUser = estimates.get(session);
  if (!byUser) estimates.set(session, (byUser = new Map()));
  let e = byUser.get(userId);
  if (!e) byUser.set(userId, (e = new FullSizeEstimate()));
  return e;
}

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
 *   (ResizeObserver, debounced), through `requestAdaptiveStreamForOpponent`: the session keeps it
 *   apart from the user's own choice, which wins.
 * - While the host is hidden (out of the viewport or `display: none`, by IntersectionObserver, or
 *   the document is hidden) `setOpponentVideoVisible(userId, false)` pauses the video consumer on
 *   the server; visible again, it resumes with a keyframe. Audio is never paused, and the user's
 *   quality preference (`audioOnly`, `requestedStreamType`) is untouched.
 * - A manual choice (a `conf-quality-change` from the tile's quality menu, other than Auto, or
 *   `manual = true`) wins: no layer requests until Auto is picked again (hidden tiles still pause).
 */
export class AdaptiveStreamController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: AdaptiveStreamOptions;
  #resize: ResizeObserver | null = null;
  #intersect: IntersectionObserver | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #size = { width: 0, height: 0 };
  #intersecting = false;
  /** What was last sent to whom: the layer (null: none) and whether the video was hidden. */
  #sent: Sent | null = null;
  #manual = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: AdaptiveStreamOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** True while a manual quality choice overrides adaptive stream's layer. */
  get manual(): boolean {
    return this.#manual;
  }

  set manual(value: boolean) {
    if (value === this.#manual) return;
    this.#manual = value;
    this.#host.requestUpdate();
    this.schedule();
  }

  /** True while the controller picks the layer (on, remote, no manual choice). */
  get active(): boolean {
    return this.#options.enabled() && !!this.#options.userId() && !this.#manual;
  }

  /** 'paused' while hidden, else the layer asked for last (null: none), for tests and diagnostics. */
  get requested(): StreamType | 'paused' | null {
    if (!this.#sent) return null;
    return this.#sent.hidden ? 'paused' : this.#sent.stream;
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
    // A removed tile leaves no paused video and no adaptive layer behind, unless a tile for the
    // same user takes them over within RELEASE_MS (re-rendered in another part of the layout).
    this.#release();
    this.#watched?.off();
    this.#watched = null;
  }

  /**
   * Re-applies when your downlink starts or stops being blamed (./downlink-healing.ts). Also
   * notes this tile's publisher's quality on each change, for its full-size estimate (which
   * triggers nothing by itself: a size, visibility or network change applies it).
   */
  #watched: { session: SessionLike; off: () => void } | null = null;
  #watchState(session: SessionLike): void {
    if (this.#watched?.session === session) return;
    this.#watched?.off();
    let poor = downlinkPoor(session.state.getSnapshot());
    const note = (s: SessionSnapshot) => {
      const userId = this.#options.userId();
      if (userId === null) return;
      const q = publisherQuality(s.publishers[userId]);
      estimateOf(session, userId).note(q.frameWidth, q.frameHeight, q.currentStreamType, Date.now());
    };
    note(session.state.getSnapshot());
    const off = session.state.subscribe((s) => {
      note(s);
      if (downlinkPoor(s) !== poor) {
        poor = !poor;
        this.schedule();
      }
    });
    this.#watched = { session, off };
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
    if (this.#sent && (this.#sent.session !== session || this.#sent.userId !== userId)) this.#undo();
    if (!session || !userId || !session.requestAdaptiveStreamForOpponent || !session.setOpponentVideoVisible) return;
    if (this.#host.isConnected) this.#watchState(session);
    if (!this.#options.enabled()) {
      this.#undo();
      return;
    }
    const hidden = !(this.#intersecting && document.visibilityState !== 'hidden' && this.#size.width > 0);
    const sent = this.#sent ?? adopt(session, userId) ?? { session, userId, stream: null, hidden: false };
    let stream = sent.stream;
    if (this.#manual) stream = null;
    else if (!hidden) {
      const dpr = globalThis.devicePixelRatio || 1;
      stream = streamTypeForSize(this.#size.width * dpr, this.#size.height * dpr, estimateOf(session, userId).full);
      // Your downlink is blamed: tiles off the stage drop to low, the stage one step (docs/network-quality.md).
      stream = healedStreamType(stream, {
        downlinkPoor: downlinkPoor(session.state.getSnapshot()),
        onStage: this.#host.hasAttribute('stage') || this.#host.hasAttribute('pinned'),
      });
    }
    const next = { session, userId, stream, hidden };
    const changedStream = stream !== sent.stream;
    const changedHidden = hidden !== sent.hidden;
    this.#sent = next;
    // The layer first, so that a resumed consumer starts at the new size.
    if (changedStream) call(session.requestAdaptiveStreamForOpponent(userId, stream));
    if (changedHidden) call(session.setOpponentVideoVisible(userId, !hidden));
    if (changedStream || changedHidden) this.#host.requestUpdate();
  }

  /** Hands what was asked for to the next tile for this user, or takes it back after RELEASE_MS. */
  #release(): void {
    const sent = this.#sent;
    this.#sent = null;
    if (!sent) return;
    let byUser = released.get(sent.session);
    if (!byUser) released.set(sent.session, (byUser = new Map()));
    const previous = byUser.get(sent.userId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      if (byUser.get(sent.userId)?.timer !== timer) return;
      byUser.delete(sent.userId);
      undo(sent);
    }, RELEASE_MS);
    byUser.set(sent.userId, { sent, timer });
  }

  /** Takes back what this controller asked for (the layer and the pause). */
  #undo(): void {
    const sent = this.#sent;
    this.#sent = null;
    if (sent) undo(sent);
  }
}

/** The state a removed tile released for `userId`, now owned by the caller. */
function adopt(session: SessionLike, userId: string): Sent | null {
  const entry = released.get(session)?.get(userId);
  if (!entry) return null;
  clearTimeout(entry.timer);
  released.get(session)!.delete(userId);
  return entry.sent;
}

function undo(sent: Sent): void {
  if (sent.stream !== null) call(sent.session.requestAdaptiveStreamForOpponent?.(sent.userId, null));
  if (sent.hidden) call(sent.session.setOpponentVideoVisible?.(sent.userId, true));
}

function call(done: Promise<void> | undefined): void {
  done?.catch((error: unknown) => log.warn('adaptive stream request failed', error));
}
