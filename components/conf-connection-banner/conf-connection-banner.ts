import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { describeError } from '../conf-room/messages.js';
import { createLogger } from '../../src/logger.js';
import type { SessionLike } from '../../src/session/types.js';
import type { ConferenceErrorCode, SessionSnapshot } from '../../src/state/types.js';
import { define } from '../define.js';
import { connectionBannerStyles } from './conf-connection-banner.styles.js';
import { ConfConnectionPhaseEvent, ConfRejoinEvent } from './events.js';
import { DEFAULT_MAX_ATTEMPTS, INITIAL_MEMORY, nextMemory, type BannerMemory, type BannerPhase, type BannerView } from './phase.js';

const log = createLogger('conf-kit:conf-connection-banner');

const selectView = (s: SessionSnapshot): BannerView => ({
  connection: s.connection,
  attempt: s.reconnectAttempt ?? 0,
  error: s.error?.code ?? null,
  roomId: s.roomId,
});

export { DEFAULT_MAX_ATTEMPTS };

/**
 * @summary Tells the user when the call's connection is lost and comes back (docs/reliability.md):
 * "Reconnecting… (attempt 3 of 30)" while the session reconnects, "Connection restored" for a
 * few seconds once it is back, and, when every attempt failed, a clear message with a Rejoin
 * button. <conf-room> shows one above its stage.
 *
 * Follows `state.connection` and `state.reconnectAttempt`. The session gives up by closing with
 * an error (`server-unreachable` after the attempts, or a final error such as `unauthorized`):
 * the banner then names the error and offers Rejoin, which joins the same room again on the same
 * session (same user id, name, token source and mute state) unless `conf-rejoin` is cancelled.
 * Leaving on purpose while reconnecting shows nothing.
 *
 * Accessible: the banner is a polite live region (`role="status"`), so each change is announced
 * once; the Rejoin button is a real button (Tab, Enter, Space). The spinner stops under
 * `prefers-reduced-motion`. The current phase is reflected as `phase="hidden|reconnecting|restored|failed"`.
 *
 * @event conf-connection-phase - The phase changed. `detail: { phase }`.
 * @event conf-rejoin - Rejoin was pressed. `detail: { roomId }`. Cancelable: cancel it to rejoin yourself.
 *
 * @csspart base - The banner (the live region; empty and hidden in the `hidden` phase).
 * @csspart spinner - The spinning ring while reconnecting.
 * @csspart message - The main line: reconnecting with the attempt, restored, or the failure title.
 * @csspart advice - The explanation under the failure title.
 * @csspart code - The error code of the failure.
 * @csspart rejoin - The Rejoin button (failed phase).
 *
 * @cssproperty [--conf-connection-banner-background=var(--conf-surface-raised)] - Banner background.
 * @cssproperty [--conf-connection-banner-color=var(--conf-text)] - Banner text.
 * @cssproperty [--conf-connection-banner-accent=var(--conf-warning)] - The edge colour while reconnecting.
 * @cssproperty [--conf-connection-banner-restored-accent=var(--conf-success)] - The edge colour once restored.
 * @cssproperty [--conf-connection-banner-failed-accent=var(--conf-danger)] - The edge colour after giving up.
 */
export class ConfConnectionBanner extends LitElement {
  static override styles = connectionBannerStyles;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** How long (ms) "Connection restored" stays up. */
  @property({ type: Number, attribute: 'restored-duration' }) restoredDuration = 3000;

  /** The attempts shown as "of N": 30 by default, the session's `MAX_RECONNECT_ATTEMPTS`. */
  @property({ type: Number, attribute: 'max-attempts' }) maxAttempts: number = DEFAULT_MAX_ATTEMPTS;

  /** What the banner shows now (reflected). */
  @property({ reflect: true }) phase: BannerPhase = 'hidden';

  /** A Rejoin is under way. */
  @state() private rejoining = false;

  readonly #t = new StringsController(this);

  #memory: BannerMemory = INITIAL_MEMORY;
  #restoredTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #view = new StoreController(
    this,
    () => this.session?.state,
    selectView,
    { equals: shallowEqual, onChange: (next) => this.#follow(next) },
  );

  /** The error code the session gave up with (failed phase), else null. */
  get failure(): ConferenceErrorCode | null {
    return this.phase === 'failed' ? (this.#view.value?.error ?? 'server-unreachable') : null;
  }

  #follow(view: BannerView): void {
    const before = this.#memory.phase;
    this.#memory = nextMemory(this.#memory, view);
    this.#setPhase(this.#memory.phase);
    if (this.#memory.phase === 'restored' && before !== 'restored') {
      clearTimeout(this.#restoredTimer);
      this.#restoredTimer = setTimeout(() => {
        if (this.#memory.phase !== 'restored') return;
        this.#memory = { ...this.#memory, phase: 'hidden' };
        this.#setPhase('hidden');
      }, this.restoredDuration);
    }
  }

  #setPhase(phase: BannerPhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    if (phase !== 'failed') this.rejoining = false;
    this.dispatchEvent(new ConfConnectionPhaseEvent({ phase }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A session assigned (or found) while it already reconnects: show that at once.
    if (changed.has('session')) {
      this.#memory = INITIAL_MEMORY;
      const snapshot = this.session?.state.getSnapshot();
      if (snapshot) this.#follow(selectView(snapshot));
      else this.#setPhase('hidden');
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#restoredTimer);
  }

  /** Joins the room again (what the Rejoin button does). Resolves when the join settled; never rejects. */
  async rejoin(): Promise<void> {
    const session = this.session;
    const roomId = this.#memory.roomId;
    if (!session || !roomId || this.rejoining) return;
    if (!this.dispatchEvent(new ConfRejoinEvent({ roomId }))) return;
    this.rejoining = true;
    try {
      await session.join(roomId);
    } catch (error) {
      // The session reports it in its state (and <conf-room> shows it).
      log.warn('rejoin failed', error);
    } finally {
      this.rejoining = false;
    }
  }

  #renderContent() {
    const t = this.#t.value;
    const view = this.#view.value;
    switch (this.phase) {
      case 'reconnecting': {
        const attempt = view?.attempt ?? 0;
        return html`<span part="spinner" aria-hidden="true"></span>
          <p part="message">${attempt > 0 ? t.reconnectBannerAttempt(attempt, this.maxAttempts) : t.reconnectBanner}</p>`;
      }
      case 'restored':
        return html`<p part="message">${t.reconnectRestored}</p>`;
      case 'failed': {
        const code = this.failure ?? 'server-unreachable';
        const reason = describeError(code, '', t);
        return html`<p part="message">${t.reconnectFailedTitle}</p>
          <p part="advice">${t.reconnectFailedAdvice} ${code === 'server-unreachable' ? nothing : reason.title}</p>
          <span part="code">${code}</span>
          <button part="rejoin" type="button" ?disabled=${this.rejoining || !this.#memory.roomId} @click=${() => void this.rejoin()}>
            ${t.reconnectRejoin}
          </button>`;
      }
      default:
        return nothing;
    }
  }

  protected override render() {
    return html`<div part="base" role="status" aria-live="polite" data-phase=${this.phase}>${this.#renderContent()}</div>`;
  }
}

define('conf-connection-banner', ConfConnectionBanner);

declare global {
  interface HTMLElementTagNameMap {
    'conf-connection-banner': ConfConnectionBanner;
  }
}
