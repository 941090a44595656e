import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { isConferenceError } from '../../src/errors.js';
import type { ChatMessage } from '../../src/protocol/protocol.js';
import type { SessionLike } from '../../src/session/types.js';
import { CHAT_MAX_CHARS } from '../../src/session/chat.js';
import { EMPTY_CHAT, type ChatState } from '../../src/state/chat.js';
import { ConfChatSendEvent, ConfChatToggleEvent } from './chat-events.js';
import { chatParts } from './linkify.js';
import { confChatStyles } from './conf-chat.styles.js';

/**
 * @summary The room chat panel (docs/meetings.md): the messages of `state.chat` and a box to
 * write one. <conf-room> shows it beside the stage when its chat button is pressed.
 *
 * Message text is always rendered as text: `<img src=x onerror=…>` shows literally and creates
 * no element; http(s) URLs become links with `rel="noopener noreferrer"` and `target="_blank"`.
 * New messages are announced politely (`aria-live="polite"` on the list). Enter sends,
 * Shift+Enter starts a new line, Escape closes the panel (`conf-chat-toggle` with `open: false`).
 * While `open` and on the page, it marks the messages read (`session.markChatRead()`).
 *
 * @event conf-chat-send - A message was sent. `detail: { text }`.
 * @event conf-chat-toggle - The close button or Escape. `detail: { open: false }`.
 *
 * @csspart header - The title bar.
 * @csspart close-button - The close button.
 * @csspart messages - The message list (`role="log"`).
 * @csspart message - One message (`data-own` on yours).
 * @csspart text - A message's text.
 * @csspart link - A link inside a message.
 * @csspart form - The compose form.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 * @csspart error - Why the last send failed.
 *
 * @cssproperty --conf-surface - Panel background.
 * @cssproperty --conf-accent - Send button colour.
 */
export class ConfChat extends LitElement {
  static override styles = confChatStyles;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Whether the panel is shown: messages are marked read while open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private draft = '';
  @state() private sending = false;
  @state() private error = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('[part~="messages"]') private list?: HTMLElement;

  readonly #t = new StringsController(this);
  readonly #chat = new StoreController(this, () => this.session?.state, (s) => s.chat ?? EMPTY_CHAT);

  /** Focuses the message box. */
  override focus(): void {
    this.input?.focus();
  }

  /** Sends `text` (default: the draft). Resolves false when it was refused (the reason is shown). */
  async send(text: string = this.draft): Promise<boolean> {
    const session = this.session;
    if (!session?.sendChatMessage || this.sending) return false;
    const t = this.#t.value;
    if (text.trim() === '') return false;
    if ([...text.trim()].length > CHAT_MAX_CHARS) {
      this.error = t.chatTooLong(CHAT_MAX_CHARS);
      return false;
    }
    this.sending = true;
    this.error = '';
    try {
      await session.sendChatMessage(text);
      this.draft = '';
      this.dispatchEvent(new ConfChatSendEvent({ text }));
      return true;
    } catch (error) {
      this.error = isConferenceError(error) ? (t.errors[error.code as keyof typeof t.errors]?.title ?? error.message) : String(error);
      if (isConferenceError(error) && !(error.code in t.errors)) this.error = error.message;
      return false;
    } finally {
      this.sending = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    const chat = this.#chat.value;
    if (this.open && chat && chat.unread > 0 && this.isConnected) this.session?.markChatRead?.();
    if (changed.has('open') && this.open) this.input?.focus();
    // Keep the newest message in view.
    const list = this.list;
    if (list) list.scrollTop = list.scrollHeight;
  }

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void this.send();
    }
  };

  #onHostKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.dispatchEvent(new ConfChatToggleEvent({ open: false }));
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onHostKeyDown);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.#onHostKeyDown);
    super.disconnectedCallback();
  }

  #renderText(text: string) {
    return chatParts(text).map((p) =>
      p.kind === 'text' ? p.text : html`<a part="link" href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>`,
    );
  }

  #renderMessage(m: ChatMessage, selfId: string | undefined) {
    const t = this.#t.value;
    const own = m.userId === selfId;
    const who = own ? t.chatYou : m.name || m.userId;
    const time = new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return html`<div part="message" data-id=${m.id} ?data-own=${own}>
      <span class="visually-hidden">${t.chatFrom(who, time)}</span>
      <div class="meta" aria-hidden="true"><span class="who">${who}</span><time datetime=${new Date(m.sentAt).toISOString()}>${time}</time></div>
      <p part="text">${this.#renderText(m.text)}</p>
    </div>`;
  }

  protected override render() {
    const t = this.#t.value;
    const chat: ChatState = this.#chat.value ?? EMPTY_CHAT;
    const selfId = this.session?.userId;
    const canSend = chat.enabled && !!this.session?.sendChatMessage;
    return html`
      <div part="header">
        <h2 id="title">${t.chatTitle}</h2>
        <button part="close-button" aria-label=${t.chatClose} title=${t.chatClose}
          @click=${() => this.dispatchEvent(new ConfChatToggleEvent({ open: false }))}>✕</button>
      </div>
      <div part="messages" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="title" tabindex="0">
        ${chat.messages.map((m) => this.#renderMessage(m, selfId))}
      </div>
      ${chat.messages.length === 0 ? html`<p class="note">${t.chatEmpty}</p>` : nothing}
      ${!chat.enabled ? html`<p class="note" role="status">${t.chatDisabled}</p>` : nothing}
      ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
      <form part="form" @submit=${(e: Event) => (e.preventDefault(), void this.send())}>
        <textarea part="input" rows="1" aria-label=${t.chatInputLabel} placeholder=${t.chatPlaceholder}
          maxlength=${CHAT_MAX_CHARS * 2} .value=${this.draft} ?disabled=${!canSend}
          @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)} @keydown=${this.#onKeyDown}></textarea>
        <button part="send-button" type="submit" ?disabled=${!canSend || this.sending || this.draft.trim() === ''}>${t.chatSend}</button>
      </form>
    `;
  }
}

define('conf-chat', ConfChat);

declare global {
  interface HTMLElementTagNameMap {
    'conf-chat': ConfChat;
  }
}
