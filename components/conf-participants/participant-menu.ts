import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { MenuPopoverController } from '../controllers/menu-popover-controller.js';
import { StringsController } from '../i18n/controller.js';
import { menuStyles } from '../menu.styles.js';
import { define } from '../define.js';
import { createLogger } from '../../src/logger.js';
import type { SessionLike } from '../../src/session/types.js';
import { ConfModerateEvent, type ModerationAction } from './events.js';

const log = createLogger('conf-kit:participant-menu');

/**
 * @summary One person's moderation menu in <conf-participants> (admins only): mute microphone,
 * stop video, remove. Anchored to its trigger with floating-ui (MenuPopoverController) and
 * keyboard operable like every kit menu.
 *
 * @event conf-moderate - Before acting; cancel it to act yourself. `detail: { userId, action }`.
 *
 * @csspart trigger - The "…" button.
 * @csspart menu - The menu.
 * @csspart item - Each action (`item-mute-mic`, `item-stop-video`, `item-remove`).
 */
export class ConfParticipantMenu extends LitElement {
  static override styles = [
    menuStyles,
    css`
      [part~='trigger'] {
        min-width: 32px;
        min-height: 32px;
        border: 1px solid var(--conf-border, #2f3440);
        border-radius: 6px;
        background: transparent;
        color: inherit;
        cursor: pointer;
        font: inherit;
      }
      [part~='trigger']:focus-visible {
        outline: 2px solid var(--conf-accent, #4f8cff);
        outline-offset: 2px;
      }
      [part~='menu'] {
        min-width: 200px;
      }
    `,
  ];

  /** Who this menu acts on. */
  @property({ attribute: 'user-id' }) userId = '';
  /** Their display name (the trigger's accessible name). */
  @property() name = '';
  /** Whether their mic / camera is on (a muted mic offers no "mute"). */
  @property({ type: Boolean, attribute: 'mic-on' }) micOn = false;
  @property({ type: Boolean, attribute: 'camera-on' }) cameraOn = false;
  @property({ type: Boolean, reflect: true }) open = false;
  @property({ attribute: false }) session?: SessionLike;

  @query('[part~="trigger"]') private trigger?: HTMLButtonElement;

  readonly #t = new StringsController(this);
  readonly #popover = new MenuPopoverController(this, { placement: 'bottom-end', offset: 4 });

  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    this.#popover.items()[0]?.focus();
  }

  hide(returnFocus = false): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  /** Emits `conf-moderate`, then asks the session (unless cancelled). Failures go to the session's state. */
  async act(action: ModerationAction): Promise<void> {
    this.hide(true);
    const event = new ConfModerateEvent({ userId: this.userId, action });
    this.dispatchEvent(event);
    const session = this.session;
    if (event.defaultPrevented || !session) return;
    try {
      if (action === 'remove') await session.removeParticipant?.(this.userId);
      else await session.muteParticipant?.(this.userId, action === 'mute-mic' ? 'mic' : 'camera');
    } catch (error) {
      log.warn(action, 'failed', error);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#popover.syncPosition();
  }

  protected override render() {
    const t = this.#t.value;
    const label = t.participantActions(this.name || this.userId);
    const item = (action: ModerationAction, text: string) =>
      html`<div part="item item-${action}" role="menuitem" tabindex="-1" @click=${() => void this.act(action)}>${text}</div>`;
    return html`
      <button part="trigger" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} aria-label=${label} title=${label}
        @click=${() => (this.open ? this.hide() : void this.show())} @keydown=${this.#popover.onTriggerKeyDown}>…</button>
      <div part="menu" role="menu" aria-label=${label} ?hidden=${!this.open} @keydown=${this.#popover.onMenuKeyDown}>
        ${this.micOn ? item('mute-mic', t.participantMuteMic) : null}
        ${this.cameraOn ? item('stop-video', t.participantStopVideo) : null}
        ${item('remove', t.participantRemove)}
      </div>
    `;
  }
}

define('conf-participant-menu', ConfParticipantMenu);

declare global {
  interface HTMLElementTagNameMap {
    'conf-participant-menu': ConfParticipantMenu;
  }
}
