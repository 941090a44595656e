import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { applySinkId } from '../../src/session/audio-output.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import { define } from '../define.js';
import { pinIcon, screenIcon } from '../icons.js';
import { ConfPinEvent } from '../conf-room/layout-events.js';
import { pinButtonStyles } from '../pin-button.styles.js';
import { confScreenTileStyles } from './conf-screen-tile.styles.js';

/**
 * @summary One participant's screen share: the shared screen, letterboxed, with a label.
 *
 * Shows `PublisherState.screen` of the publisher `user-id` (or, with `local`, the session's own
 * `self.screen`, muted). A remote screen's audio plays through the tile's video element, which
 * follows the selected audio output (`state.devices.current.audiooutput`). While the screen is
 * announced but not received yet, a placeholder shows. <conf-room> places one per sharing
 * participant on its stage, larger than the camera tiles.
 *
 * @csspart video - The <video> element.
 * @csspart placeholder - Shown until the screen's video arrives.
 * @csspart label - "Ada's screen" / "You are sharing your screen".
 * @csspart pin-button - Pins the screen to the room's stage (`aria-pressed="true"` while pinned).
 *
 * @event conf-pin - The pin button was pressed. `detail: { userId, source: 'screen', pinned }`.
 *
 * @cssproperty [--conf-screen-tile-background=#000] - Behind the letterboxed screen.
 * @cssproperty [--conf-screen-tile-aspect-ratio=16 / 9] - Aspect ratio when not stretched by a layout.
 * @cssproperty [--conf-tile-radius=12px] - Corner radius.
 */
export class ConfScreenTile extends LitElement {
  static override styles = [pinButtonStyles, confScreenTileStyles];

  /** Whose screen to show. Ignored with `local`. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** Show the local user's own screen share (muted). */
  @property({ type: Boolean, reflect: true }) local = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #view = new StoreController(
    this,
    () => this.session?.state,
    (s) => {
      const p = this.local ? null : s.publishers[this.userId];
      return {
        name: this.local ? s.self.name : (p?.name ?? this.userId),
        screen: this.local ? s.self.screen : (p?.screen ?? null),
        sinkId: s.devices?.current.audiooutput ?? '',
      };
    },
    { equals: shallowEqual },
  );

  #bound: MediaStream | null = null;

  /** Pinned to the stage of the surrounding <conf-room> (set by the room). */
  @property({ type: Boolean, reflect: true }) pinned = false;

  /** Show a pin button (<conf-room> sets it). */
  @property({ type: Boolean }) pinnable = false;

  readonly #togglePin = (): void => {
    const userId = this.local ? (this.session?.userId ?? '') : this.userId;
    if (userId) this.dispatchEvent(new ConfPinEvent({ userId, source: 'screen', pinned: !this.pinned }));
  };

  readonly #t = new StringsController(this);

  protected override willUpdate(): void {
    this.#view.invalidate();
  }

  protected override updated(): void {
    const video = this.renderRoot.querySelector('video');
    const stream = this.#view.value?.screen?.stream ?? null;
    if (!video) return;
    if (stream !== this.#bound) {
      this.#bound = stream;
      video.srcObject = stream;
      if (stream) void video.play().catch(() => undefined);
    }
    if (!this.local) void applySinkId(video, this.#view.value?.sinkId ?? '');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    this.#bound = null;
  }

  protected override render() {
    const v = this.#view.value;
    const hasVideo = !!v?.screen?.video;
    const t = this.#t.value;
    const label = this.local ? t.screenTileLocal : t.screenTileRemote(v?.name || this.userId);
    return html`
      <video part="video" ?hidden=${!hasVideo} .muted=${this.local} ?muted=${this.local} autoplay playsinline></video>
      ${hasVideo ? nothing : html`<div part="placeholder">${screenIcon}<span>${t.screenTileConnecting}</span></div>`}
      <div part="label" title=${label}>${screenIcon}<span>${label}</span></div>
      ${!this.pinnable
        ? nothing
        : html`<button part="pin-button" aria-pressed=${this.pinned ? 'true' : 'false'}
            aria-label=${this.pinned ? t.unpin(label) : t.pin(label)} title=${this.pinned ? t.unpin(label) : t.pin(label)}
            @click=${this.#togglePin}>${pinIcon}</button>`}
    `;
  }
}

define('conf-screen-tile', ConfScreenTile);

declare global {
  interface HTMLElementTagNameMap {
    'conf-screen-tile': ConfScreenTile;
  }
}
