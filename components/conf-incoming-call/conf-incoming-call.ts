import { LitElement, css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { CallType } from '../../src/protocol/protocol.js';
import type { IncomingCall } from '../../src/protocol/calls.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { Ringtone } from './ringtone.js';

/** Detail of `conf-call-accept`. */
export interface CallAnswerDetail {
  callId: string;
  callType: CallType;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/** Whether the user is typing somewhere (focus must not be taken from there). */
function typingInField(): boolean {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(el.type);
  return (el as HTMLElement).isContentEditable;
}

/**
 * @summary One incoming call: the caller's name and initials, the call type, Accept with video,
 * Accept audio only, Decline, and a Web Audio ringtone that can be muted.
 *
 * `role="alertdialog"`. On appearing it takes the focus (onto "Accept with video") unless the user
 * is typing in a text field. The pulse animation is off under `prefers-reduced-motion`.
 *
 * @event conf-call-accept - Accept pressed. `detail: { callId, callType }`.
 * @event conf-call-decline - Decline pressed. `detail: { callId }`.
 *
 * @csspart dialog - The card.
 * @cssproperty [--conf-accent] - The Accept buttons' background.
 */
export class ConfIncomingCall extends LitElement {
  static override styles = css`
    :host { display: block; }
    .card { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem 0.75rem; align-items: center; padding: 0.75rem 1rem;
      border-radius: 12px; background: var(--conf-surface, #1f2430); color: var(--conf-text, #fff); box-shadow: 0 4px 16px #0006; }
    .avatar { width: 3rem; height: 3rem; border-radius: 50%; display: grid; place-items: center; font-weight: 600;
      background: var(--conf-accent, #2f6fed); animation: pulse 1.6s ease-in-out infinite; }
    @keyframes pulse { 50% { box-shadow: 0 0 0 8px #2f6fed44; } }
    @media (prefers-reduced-motion: reduce) { .avatar { animation: none; } }
    h2 { margin: 0; font-size: 1rem; }
    p { margin: 0; opacity: 0.85; font-size: 0.875rem; }
    .actions { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button { font: inherit; padding: 0.4rem 0.75rem; border-radius: 8px; border: 1px solid transparent; cursor: pointer; }
    button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
    .accept { background: var(--conf-accent, #1f7a3a); color: #fff; }
    .decline { background: var(--conf-danger, #b3261e); color: #fff; }
    .mute { background: transparent; color: inherit; border-color: currentColor; }
  `;

  /** The call (from `calls.getSnapshot().incoming`). */
  @property({ attribute: false }) call?: IncomingCall;

  /** Silences the ringtone. */
  @property({ type: Boolean, reflect: true }) muted = false;

  @query('.accept') private acceptButton?: HTMLButtonElement;

  readonly #t = new StringsController(this);
  readonly ringtone = new Ringtone();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.updateComplete.then(() => {
      if (this.isConnected && !typingInField()) this.acceptButton?.focus();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ringtone.stop();
  }

  override updated(): void {
    if (this.isConnected && this.call && !this.muted) this.ringtone.start();
    else this.ringtone.stop();
  }

  #answer(callType: CallType | null): void {
    const callId = this.call?.callId;
    if (!callId) return;
    this.ringtone.stop();
    const init = { bubbles: true, composed: true };
    this.dispatchEvent(
      callType
        ? new CustomEvent<CallAnswerDetail>('conf-call-accept', { ...init, detail: { callId, callType } })
        : new CustomEvent('conf-call-decline', { ...init, detail: { callId } }),
    );
  }

  override render() {
    const t = this.#t.value;
    const call = this.call;
    if (!call) return html``;
    const name = call.from.name || call.from.userId;
    return html`<div class="card" part="dialog" role="alertdialog" aria-labelledby="title" aria-describedby="type">
      <div class="avatar" aria-hidden="true">${initials(name)}</div>
      <div>
        <h2 id="title">${t.callIncoming(name)}</h2>
        <p id="type">${t.callTypes[call.callType]}</p>
      </div>
      <div class="actions">
        ${call.callType === 'video'
          ? html`<button class="accept" data-action="video" @click=${() => this.#answer('video')}>${t.callAcceptVideo}</button>`
          : null}
        <button class="accept audio" data-action="audio" @click=${() => this.#answer('audio')}>${t.callAcceptAudio}</button>
        <button class="decline" data-action="decline" @click=${() => this.#answer(null)}>${t.callDecline}</button>
        <button class="mute" aria-pressed=${this.muted ? 'true' : 'false'} @click=${() => (this.muted = !this.muted)}>
          ${t.callMuteRingtone}
        </button>
      </div>
    </div>`;
  }
}

define('conf-incoming-call', ConfIncomingCall);

declare global {
  interface HTMLElementTagNameMap {
    'conf-incoming-call': ConfIncomingCall;
  }
}
