import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ActiveCall } from '../../src/calls/CallsClient.js';
import { isConferenceError } from '../../src/errors.js';
import { callContext, type CallContextValue } from '../call-context.js';
import type { CallsLike } from '../conf-call-button/conf-call-button.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';

/**
 * @summary Invites more people into the call in progress, by user id: an "Add people" button that
 * opens a small form, and the status of everyone invited from here.
 *
 * Inside a <conf-room> mounted by <conf-call-center> it finds the call by context (the room then
 * shows it in its controls). Standalone, set `.calls` and `call-id`. Escape closes the form.
 *
 * @event conf-call-invited - People were invited. `detail: { callId, userIds }`.
 * @event conf-error - The invitation was refused (room-full, forbidden, invalid-params, ...). `detail: { code, message }`.
 *
 * @csspart toggle - The "Add people" button.
 * @csspart form - The form (input and Invite button).
 * @csspart input - The user id input.
 * @csspart invite - The Invite button.
 * @csspart status - The list of invited people and their status.
 * @csspart error - The error message.
 * @cssproperty [--conf-text] - Text colour.
 * @cssproperty [--conf-surface-raised] - The form's background.
 */
export class ConfAddParticipant extends LitElement {
  static override styles = css`
    :host { display: inline-block; position: relative; color: var(--conf-text, #eef0f4); }
    :host([hidden]) { display: none; }
    button, input { font: inherit; }
    button { padding: 0.4rem 0.75rem; border-radius: 8px; cursor: pointer; border: 1px solid transparent;
      background: var(--conf-surface-raised, #2a2f3a); color: var(--conf-text, #fff); }
    button:focus-visible, input:focus-visible { outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #4c8dff)); outline-offset: var(--conf-focus-ring-offset, 2px); }
    form { position: absolute; bottom: calc(100% + 8px); inset-inline-start: 0; display: grid; gap: 0.4rem; min-width: 16rem; padding: 0.6rem;
      border-radius: var(--conf-radius, 10px); background: var(--conf-surface-raised, #2a2f3a); color: var(--conf-text, #fff); box-shadow: 0 4px 16px #0006; z-index: 5; }
    label { font-size: 0.85rem; }
    input { padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid #8a8f99; background: var(--conf-surface, #1b1e25); color: inherit; }
    ul { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; }
    [part='error'] { color: var(--conf-danger-text, #ffb4ab); margin: 0; font-size: 0.85rem; }
  `;

  /** The calls client (default: the call context of the enclosing room). */
  @property({ attribute: false }) calls?: CallsLike;
  /** The call to invite into (default: the call context's). */
  @property({ attribute: 'call-id' }) callId = '';
  /** Whether the form is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @consume({ context: callContext, subscribe: true })
  @state()
  private context?: CallContextValue;

  @state() private call: ActiveCall | null = null;
  @state() private error: string | null = null;
  @state() private busy = false;
  /** Everyone invited from this element, in order. */
  @state() private invited: string[] = [];

  @query('input') private input?: HTMLInputElement;
  @query('[part="toggle"]') private toggle?: HTMLButtonElement;

  readonly #t = new StringsController(this);
  #unsubscribe: (() => void) | null = null;
  #watched: CallsLike | undefined;

  get #calls(): CallsLike | undefined {
    return this.calls ?? this.context?.calls;
  }

  get #callId(): string {
    return this.callId || this.context?.callId || '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#watched = undefined;
  }

  protected override willUpdate(): void {
    const calls = this.#calls;
    if (calls !== this.#watched) {
      this.#unsubscribe?.();
      this.#watched = calls;
      this.#unsubscribe = calls ? calls.subscribe(() => this.#refresh()) : null;
    }
    const next = calls?.getSnapshot().calls[this.#callId] ?? null;
    if (next !== this.call) this.call = next;
  }

  #refresh(): void {
    this.call = this.#calls?.getSnapshot().calls[this.#callId] ?? null;
  }

  async #toggle(open = !this.open): Promise<void> {
    this.open = open;
    await this.updateComplete;
    (open ? this.input : this.toggle)?.focus();
  }

  #submit(event: Event): void {
    event.preventDefault();
    const userIds = (this.input?.value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    void this.invite(userIds).then((ok) => {
      if (ok && this.input) this.input.value = '';
    });
  }

  /** Invites `userIds` into the call (what the form does). Resolves false when refused (shown, and `conf-error`). */
  async invite(userIds: string[]): Promise<boolean> {
    const calls = this.#calls;
    const callId = this.#callId;
    const ids = [...new Set(userIds)];
    if (!calls || !callId || ids.length === 0 || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await calls.invite(callId, ids);
      this.invited = [...this.invited.filter((u) => !ids.includes(u)), ...ids];
      this.dispatchEvent(new CustomEvent('conf-call-invited', { bubbles: true, composed: true, detail: { callId, userIds: ids } }));
      return true;
    } catch (error) {
      const detail = isConferenceError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: String(error) };
      this.error = detail.code;
      this.dispatchEvent(new CustomEvent('conf-error', { bubbles: true, composed: true, detail }));
      return false;
    } finally {
      this.busy = false;
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      void this.#toggle(false);
    }
  }

  override render() {
    const t = this.#t.value;
    const statuses = this.call?.statuses ?? {};
    const live = !!this.#calls && !!this.#callId && !this.call?.ended;
    return html`<div @keydown=${this.#onKeydown}>
      <button part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="form" ?disabled=${!live}
        @click=${() => void this.#toggle()}>${t.callAddPeople}</button>
      ${this.open && live
        ? html`<form id="form" part="form" @submit=${(e: Event) => this.#submit(e)}>
            <label for="ids">${t.callAddLabel}</label>
            <input id="ids" part="input" required autocomplete="off" maxlength="512" />
            <button part="invite" type="submit" ?disabled=${this.busy}>${t.callAddInvite}</button>
            ${this.error ? html`<p part="error" role="alert">${t.callAddFailed(this.error)}</p>` : nothing}
          </form>`
        : nothing}
      <ul part="status" aria-live="polite" ?hidden=${this.invited.length === 0}>
        ${this.invited.map((u) => (statuses[u] ? html`<li data-user=${u} data-status=${statuses[u]}>${u}: ${t.callStatuses[statuses[u]]}</li>` : nothing))}
      </ul>
    </div>`;
  }
}

define('conf-add-participant', ConfAddParticipant);

declare global {
  interface HTMLElementTagNameMap {
    'conf-add-participant': ConfAddParticipant;
  }
  interface HTMLElementEventMap {
    'conf-call-invited': CustomEvent<{ callId: string; userIds: string[] }>;
  }
}
