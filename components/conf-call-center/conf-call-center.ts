import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { callContext, type CallContextValue } from '../call-context.js';
// CallsClient alone (not ConferenceClient): the session code stays out of the page's first paint.
import { CallsClient, type CallsSnapshot } from '../../src/calls/CallsClient.js';
import { resolveSignalingUrl } from '../../src/signaling/url.js';
import { define } from '../define.js';
import type { CallsLike } from '../conf-call-button/conf-call-button.js';
import { LazyElementsController } from '../lazy-elements.js'; // conf-incoming-call loads when a call rings
import '../conf-room/index.js';
import type { CallAnswerDetail } from '../conf-incoming-call/conf-incoming-call.js';

/**
 * @summary Keeps the user online for calls, stacks a <conf-incoming-call> per ringing call, and
 * on accept mounts a <conf-room> for the call; the room is taken down when the call ends.
 *
 * Set `server` and `user-id` (and `name`) to go online, or give a ready `.calls`.
 * In secure mode set `token` (the user then is the token's `sub`). Calls started elsewhere (a
 * <conf-call-button> with `.calls = center.calls`) are entered with `enterCall(call)`. The mounted
 * room gets the call by context, so it shows <conf-add-participant> in its controls.
 *
 * @event conf-error - Going online or answering failed. `detail: { code, message }`.
 *
 * @slot - The page content, shown while no call is mounted.
 * @csspart stack - The stack of incoming calls (fixed, bottom right).
 * @csspart room - The <conf-room> of the call.
 */
export class ConfCallCenter extends LitElement {
  static override styles = css`
    :host { display: block; }
    conf-room { flex: 1; min-height: 0; height: 100%; }
    .stack { position: fixed; inset: auto 1rem 1rem auto; display: flex; flex-direction: column; gap: 0.5rem; z-index: 10; max-width: 22rem; }
  `;

  @property() server = '';
  @property({ attribute: 'user-id' }) userId = '';
  @property() name = '';
  /** Secure mode: the access token (docs/auth.md) used to go online for calls. */
  @property() token = '';
  /** Answer busy automatically while in a call (default on). */
  @property({ type: Boolean, attribute: 'no-auto-busy' }) noAutoBusy = false;

  /** The calls client (made from `server` when not set). */
  @property({ attribute: false }) calls?: CallsLike & Partial<Pick<CallsClient, 'connect' | 'close'>>;

  readonly #lazy = new LazyElementsController(this);
  @state() private snapshot: CallsSnapshot | null = null;
  /** The call whose room is mounted. */
  @state() active: { callId: string; roomId: string; callType: 'video' | 'audio' } | null = null;
  /** The call of the mounted room, for the elements inside it (<conf-add-participant>). */
  @provide({ context: callContext }) @state() protected callValue: CallContextValue | undefined;
  #unsubscribe: (() => void) | null = null;
  #owned = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.calls && this.server && (this.userId || this.token)) {
      const calls = new CallsClient({ signalingUrl: resolveSignalingUrl(this.server) });
      this.calls = calls;
      this.#owned = true;
      const who = this.token ? { token: this.token, ...(this.name ? { name: this.name } : {}) } : { userId: this.userId, name: this.name || this.userId };
      calls.connect({ ...who, autoBusy: !this.noAutoBusy }).catch((error: { code?: string; message?: string }) =>
        this.dispatchEvent(new CustomEvent('conf-error', { bubbles: true, composed: true, detail: { code: error.code ?? 'internal', message: error.message ?? String(error) } })),
      );
    }
    this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#owned) this.calls?.close?.();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('calls')) this.#watch();
    if (changed.has('active') || changed.has('calls')) {
      const active = this.active;
      this.callValue = active && this.calls ? { calls: this.calls, callId: active.callId } : undefined;
    }
  }

  #watch(): void {
    this.#unsubscribe?.();
    const calls = this.calls;
    if (!calls || !this.isConnected) return;
    const apply = (s: CallsSnapshot) => {
      this.snapshot = s;
      const active = this.active;
      if (active && s.calls[active.callId]?.ended) this.active = null;
    };
    apply(calls.getSnapshot());
    this.#unsubscribe = calls.subscribe(apply);
  }

  /** Mounts the room of a call this page started (a <conf-call-button>'s `conf-call-started`). */
  enterCall(call: { callId: string; roomId: string; callType: 'video' | 'audio' }): void {
    this.active = { callId: call.callId, roomId: call.roomId, callType: call.callType };
  }

  async #accept(e: CustomEvent<CallAnswerDetail>): Promise<void> {
    const calls = this.calls;
    if (!calls) return;
    try {
      const call = await calls.accept(e.detail.callId, { callType: e.detail.callType });
      this.active = { callId: call.callId, roomId: call.roomId, callType: e.detail.callType };
    } catch (error) {
      const err = error as { code?: string; message?: string };
      this.dispatchEvent(new CustomEvent('conf-error', { bubbles: true, composed: true, detail: { code: err.code ?? 'internal', message: err.message ?? String(error) } }));
    }
  }

  #left(): void {
    const active = this.active;
    this.active = null;
    if (active) void this.calls?.hangUp(active.callId).catch(() => {});
  }

  override render() {
    const incoming = this.snapshot?.incoming ?? [];
    const active = this.active;
    return html`
      <div class="stack" part="stack">
        ${incoming.map(
          (call) => html`<conf-incoming-call
            .call=${call}
            @conf-call-accept=${(e: CustomEvent<CallAnswerDetail>) => void this.#accept(e)}
            @conf-call-decline=${() => void this.calls?.decline(call.callId).catch(() => {})}
          ></conf-incoming-call>`,
        )}
      </div>
      ${active
        ? html`<conf-room
            part="room"
            server=${this.server || location.origin}
            room=${active.roomId}
            user-id=${this.snapshot?.userId ?? this.userId}
            name=${this.snapshot?.name ?? this.name}
            call-type=${active.callType}
            .token=${this.token}
            auto-join
            @conf-left=${() => this.#left()}
          ></conf-room>`
        : html`<slot></slot>`}
    `;
  }
}

define('conf-call-center', ConfCallCenter);

declare global {
  interface HTMLElementTagNameMap {
    'conf-call-center': ConfCallCenter;
  }
}
