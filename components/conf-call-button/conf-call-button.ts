import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ActiveCall, CallsClient } from '../../src/calls/CallsClient.js';
import { isConferenceError } from '../../src/errors.js';
import type { CallType } from '../../src/protocol/protocol.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';

/** What the call elements use of a CallsClient (fakes implement this). */
export type CallsLike = Pick<CallsClient, 'getSnapshot' | 'subscribe' | 'start' | 'accept' | 'decline' | 'hangUp' | 'invite' | 'dismiss'>;

/**
 * @summary Starts a call to `users` and then shows each callee's status (ringing, accepted,
 * declined, busy, no answer, offline) with a Cancel button.
 *
 * @event conf-call-started - The call started: join `detail.roomId`. `detail: ActiveCall`.
 * @event conf-error - Starting failed. `detail: { code, message }`.
 *
 * @csspart start - The call button (also after the call ended, to call again).
 * @csspart cancel - The Cancel button while the call goes on.
 * @csspart status - The list of callees; each item has `data-user` and `data-status`.
 * @cssproperty [--conf-text] - Text colour.
 * @cssproperty [--conf-success] - The colour of an accepted callee.
 */
export class ConfCallButton extends LitElement {
  static override styles = css`
    :host { display: inline-block; color: var(--conf-text, #eef0f4); }
    button { font: inherit; padding: 0.4rem 0.75rem; border-radius: 8px; cursor: pointer; }
    ul { list-style: none; margin: 0.25rem 0; padding: 0; }
    li[data-status='accepted'] { color: var(--conf-success, #30a46c); }
    li[data-status='declined'], li[data-status='busy'], li[data-status='offline'], li[data-status='no-answer'] { opacity: 0.75; }
  `;

  /** Comma-separated user ids to call. */
  @property() users = '';
  @property({ attribute: 'call-type' }) callType: CallType = 'video';
  /** Optional meeting (room) id. */
  @property({ attribute: 'meeting-id' }) meetingId = '';
  /** The calls client (`client.calls`, or <conf-call-center>'s `.calls`). */
  @property({ attribute: false }) calls?: CallsLike;

  /** The call this button started, while it is shown. */
  @state() callId: string | null = null;
  @state() private call: ActiveCall | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #t = new StringsController(this);

  get #userIds(): string[] {
    return this.users.split(',').map((u) => u.trim()).filter(Boolean);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved within the page (for example into a header once the call started): watch again.
    if (this.callId && !this.#unsubscribe) this.#watch(this.callId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #watch(callId: string): void {
    const calls = this.calls;
    this.#unsubscribe?.();
    this.#unsubscribe = calls ? calls.subscribe((s) => (this.call = s.calls[callId] ?? null)) : null;
    this.call = calls?.getSnapshot().calls[callId] ?? null;
  }

  /** Starts the call (what the button does). */
  async start(): Promise<void> {
    const calls = this.calls;
    if (!calls) return;
    try {
      const call = await calls.start(this.#userIds, { callType: this.callType, ...(this.meetingId ? { meetingId: this.meetingId } : {}) });
      const hadFocus = this.#focused();
      this.callId = call.callId;
      this.#watch(call.callId);
      if (hadFocus) void this.updateComplete.then(() => this.#focus('cancel'));
      this.dispatchEvent(new CustomEvent('conf-call-started', { bubbles: true, composed: true, detail: call }));
    } catch (error) {
      const detail = isConferenceError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: String(error) };
      this.dispatchEvent(new CustomEvent('conf-error', { bubbles: true, composed: true, detail }));
    }
  }

  /** Cancels (hangs up) the call this button started. */
  async cancel(): Promise<void> {
    const callId = this.callId;
    if (!callId || !this.calls) return;
    const hadFocus = this.#focused();
    await this.calls.hangUp(callId).catch(() => {});
    if (hadFocus) void this.updateComplete.then(() => this.#focus('start'));
  }

  /** The start and cancel buttons replace each other: keep the keyboard focus across the swap. */
  #focused(): boolean {
    return this.shadowRoot?.activeElement != null;
  }

  #focus(part: 'start' | 'cancel'): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>(`[part="${part}"]`)?.focus();
  }

  override render() {
    const t = this.#t.value;
    const call = this.call;
    const live = call && !call.ended;
    return html`
      ${live
        ? html`<button class="cancel" part="cancel" @click=${() => void this.cancel()}>${t.callCancel}</button>`
        : html`<button class="start" part="start" ?disabled=${!this.calls || this.#userIds.length === 0} @click=${() => void this.start()}>
            ${t.callStart(this.#userIds.join(', '))}
          </button>`}
      <ul part="status" aria-live="polite">
        ${call
          ? Object.entries(call.statuses).map(
              ([userId, status]) => html`<li data-user=${userId} data-status=${status}>${userId}: ${t.callStatuses[status]}</li>`,
            )
          : null}
      </ul>
    `;
  }
}

define('conf-call-button', ConfCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'conf-call-button': ConfCallButton;
  }
  interface HTMLElementEventMap {
    'conf-call-started': CustomEvent<ActiveCall>;
  }
}
