import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { buttonStyles } from '../theme.js';
import { chatIcon } from '../icons.js';
import type { SessionLike } from '../../src/session/types.js';
import { ConfChatToggleEvent } from './chat-events.js';

/**
 * @summary The control-bar button that opens and closes the chat, with an unread badge
 * (`state.chat.unread`). <conf-room> puts one in its default controls; it follows
 * `conf-chat-toggle`. Hidden when the session has no chat (`sendChatMessage`).
 *
 * @event conf-chat-toggle - Pressed. `detail: { open }`: the state asked for.
 *
 * @csspart button - The button (`aria-pressed="true"` while the chat is open).
 * @csspart badge - The unread count.
 *
 * @cssproperty --conf-danger - Badge colour.
 */
export class ConfChatButton extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        font-family: var(--conf-font-family, system-ui, sans-serif);
      }
      :host([hidden]) {
        display: none;
      }
      button {
        position: relative;
      }
      [aria-pressed='true'] {
        background: var(--conf-accent, #3b6fe0);
        color: var(--conf-on-accent, #fff);
      }
      [part~='badge'] {
        position: absolute;
        top: -2px;
        right: -2px;
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        box-sizing: border-box;
        border-radius: 999px;
        font-size: 11px;
        line-height: 18px;
        font-weight: 700;
        color: var(--conf-on-danger, #fff);
        background: var(--conf-danger, #d93036);
      }
    `,
  ];

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Whether the chat is open (set by <conf-room>). */
  @property({ type: Boolean, reflect: true }) open = false;

  readonly #t = new StringsController(this);
  readonly #unread = new StoreController(this, () => this.session?.state, (s) => s.chat?.unread ?? 0);

  protected override render() {
    if (!this.session?.sendChatMessage) return nothing;
    const t = this.#t.value;
    const unread = this.open ? 0 : (this.#unread.value ?? 0);
    const label = this.open ? t.chatClose : unread > 0 ? t.chatUnread(unread) : t.chatOpen;
    return html`<button part="button" aria-pressed=${this.open ? 'true' : 'false'} aria-label=${label} title=${label}
      @click=${() => this.dispatchEvent(new ConfChatToggleEvent({ open: !this.open }))}>
      ${chatIcon}${unread > 0 ? html`<span part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
    </button>`;
  }
}

define('conf-chat-button', ConfChatButton);

declare global {
  interface HTMLElementTagNameMap {
    'conf-chat-button': ConfChatButton;
  }
}
