import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { canPublish } from '../../src/state/permissions.js';
import { isConferenceError } from '../../src/errors.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import type { ConferenceErrorCode } from '../../src/state/types.js';
import { define } from '../define.js';
import { ConfScreenShareChangeEvent, type ScreenShareState } from '../events.js';
import { screenIcon } from '../icons.js';
import { screenShareButtonStyles } from './screen-share-button.styles.js';

/**
 * @summary Starts and stops screen sharing through the session.
 *
 * States (reflected as the `state` attribute): `idle`, `starting`, `sharing`, `error`.
 * Clicking calls `session.enableScreenSharing(true, {withAudio})` if the session has it; otherwise
 * the button goes to `error` with `error-code="unsupported"`. A refused or closed picker gives
 * `error` with `error-code="screen-share-denied"` (clicking again retries). While sharing, clicking
 * calls `session.enableScreenSharing(false)`. The button follows `self.screenSharing`, so the
 * browser's own "Stop sharing" returns it to `idle` too.
 *
 * @event conf-screen-share-change - The state changed. `detail: { state, code? }`.
 *
 * @csspart button - The button.
 * @csspart label - The text label.
 *
 * @cssproperty [--conf-accent] - Background while sharing.
 * @cssproperty [--conf-warning] - Outline in the error state.
 */
export class ScreenShareButton extends LitElement {
  static override styles = screenShareButtonStyles;

  /** The current state. */
  @property({ reflect: true }) state: ScreenShareState = 'idle';

  /** The error code in the `error` state ('' otherwise). */
  @property({ reflect: true, attribute: 'error-code' }) errorCode: ConferenceErrorCode | '' = '';

  /** Also share the tab's or system's audio, when the browser offers it. */
  @property({ type: Boolean, attribute: 'with-audio' }) withAudio = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Follows the session: the browser's "Stop sharing" (or a leave) ends sharing without a click. */
  readonly #sharing = new StoreController(this, () => this.session?.state, (s) => !!s.self.screenSharing, {
    onChange: (sharing) => {
      if (!sharing && this.state === 'starting') this.#endedWhileStarting = true;
      if (!sharing && this.state === 'sharing') this.#set('idle');
      else if (sharing && (this.state === 'idle' || this.state === 'error')) this.#set('sharing');
    },
  });

  #endedWhileStarting = false;

  readonly #t = new StringsController(this);

  #set(state: ScreenShareState, code: ConferenceErrorCode | '' = ''): void {
    if (state === this.state && code === this.errorCode) return;
    this.state = state;
    this.errorCode = code;
    this.dispatchEvent(new ConfScreenShareChangeEvent(code ? { state, code } : { state }));
  }

  /** Starts sharing (or stops, when already sharing). */
  async toggle(): Promise<void> {
    if (this.state === 'starting') return;
    const session = this.session;
    if (this.state === 'sharing') {
      try {
        await session?.enableScreenSharing?.(false);
      } finally {
        this.#set('idle');
      }
      return;
    }
    if (typeof session?.enableScreenSharing !== 'function') {
      this.#set('error', 'unsupported');
      return;
    }
    this.#set('starting');
    this.#endedWhileStarting = false;
    try {
      await session.enableScreenSharing(true, { withAudio: this.withAudio });
      // Already stopped again (the browser's button) while starting: stay idle.
      this.#set(this.#endedWhileStarting ? 'idle' : 'sharing');
    } catch (error) {
      // The user closing the browser's picker is not an error worth showing.
      if (error instanceof DOMException && error.name === 'AbortError') this.#set('idle');
      else this.#set('error', isConferenceError(error) ? error.code : 'media-failed');
    }
  }

  /** Access control (docs/auth.md): whether the token allows sharing a screen (hidden otherwise). */
  readonly #allowed = new StoreController(this, () => this.session?.state, (s) => canPublish(s.self.permissions, 'screen'));

  protected override render() {
    if (this.#allowed.value === false) return nothing;
    const t = this.#t.value;
    const label = {
      idle: t.screenShareStart,
      starting: t.screenShareStarting,
      sharing: t.screenShareStop,
      error: (this.errorCode && t.screenShareErrors[this.errorCode]) || t.screenShareFailed,
    }[this.state];
    return html`<button
      part="button"
      aria-pressed=${this.state === 'sharing' ? 'true' : 'false'}
      aria-busy=${this.state === 'starting' ? 'true' : 'false'}
      aria-label=${label}
      title=${label}
      @click=${() => void this.toggle()}
    >
      ${screenIcon}<span part="label" class="label">${label}</span>
    </button>`;
  }
}

define('screen-share-button', ScreenShareButton);

declare global {
  interface HTMLElementTagNameMap {
    'screen-share-button': ScreenShareButton;
  }
}
