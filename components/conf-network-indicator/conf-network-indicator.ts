import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import type { NetworkCause, NetworkQuality } from '../../src/network/assess.js';
import { define } from '../define.js';
import { barsOf, describeNetwork } from './describe.js';

let nextId = 0;

/**
 * @summary Signal bars for a participant's network quality, with a tooltip in plain words that
 * says whose connection is poor ("Ada's connection is unstable", "Your connection is unstable:
 * video for others is reduced"). docs/network-quality.md.
 *
 * Reads `PublisherState.network` of `user-id`, or `SelfState.network` with `local`. Renders
 * nothing until the session has measured it. Reflects `quality` and `cause` as attributes. The
 * bars are a button: hover, focus or Enter shows the tooltip; Escape hides it.
 *
 * @csspart base - The button holding the bars.
 * @csspart bars - The SVG bars.
 * @csspart bar - Each bar; lit ones also have `bar-on`.
 * @csspart tooltip - The sentence.
 *
 * @cssproperty [--conf-network-excellent=#3ecf8e] - Bars colour while excellent.
 * @cssproperty [--conf-network-good=#9ad14b] - Bars colour while good.
 * @cssproperty [--conf-network-poor=#ffb648] - Bars colour while poor.
 * @cssproperty [--conf-network-lost=#ff6b6b] - Bars colour while lost.
 * @cssproperty [--conf-network-tooltip-background=#111] - Tooltip background.
 */
export class ConfNetworkIndicator extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      position: relative;
      font-family: var(--conf-font-family, system-ui, sans-serif);
      --_on: var(--conf-network-excellent, #3ecf8e);
    }
    :host([quality='good']) { --_on: var(--conf-network-good, #9ad14b); }
    :host([quality='poor']) { --_on: var(--conf-network-poor, #ffb648); }
    :host([quality='lost']) { --_on: var(--conf-network-lost, #ff6b6b); }
    [part~='base'] {
      display: inline-flex;
      align-items: center;
      padding: 2px;
      min-width: 24px;
      min-height: 24px;
      justify-content: center;
      border: 0;
      border-radius: 4px;
      background: transparent;
      cursor: help;
    }
    [part~='base']:focus-visible { outline: 2px solid var(--conf-focus-ring, #8ab4ff); outline-offset: 1px; }
    [part~='bar'] { fill: rgba(255, 255, 255, 0.35); }
    [part~='bar-on'] { fill: var(--_on); }
    [part~='tooltip'] {
      position: absolute;
      bottom: calc(100% + 4px);
      left: 50%;
      transform: translateX(-50%);
      z-index: 5;
      width: max-content;
      max-width: 240px;
      padding: 4px 8px;
      border-radius: 4px;
      background: var(--conf-network-tooltip-background, #111);
      color: #fff;
      font-size: 12px;
      line-height: 16px;
      visibility: hidden;
      pointer-events: none;
    }
    :host(:hover) [part~='tooltip'], [part~='tooltip'].open { visibility: visible; }
  `;

  /** The participant whose quality is shown. Ignored with `local`. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** Show your own quality (`SelfState.network`). */
  @property({ type: Boolean, reflect: true }) local = false;

  /** The shown quality (reflected; read-only in practice). */
  @property({ reflect: true }) quality: NetworkQuality | null = null;

  /** Whose side is poor (reflected; read-only in practice). */
  @property({ reflect: true }) cause: NetworkCause = null;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  @state() private open = false;

  readonly #id = `conf-network-tip-${++nextId}`;
  readonly #t = new StringsController(this);
  readonly #status = new StoreController(
    this,
    () => this.session?.state,
    (s) => {
      const p = this.local ? s.self : s.publishers[this.userId];
      const network = p?.network;
      return { quality: network?.quality ?? null, cause: network?.cause ?? null, name: p?.name || p?.userId || this.userId };
    },
    { equals: shallowEqual },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId') || changed.has('local')) this.#status.invalidate();
    const s = this.#status.value;
    this.quality = s?.quality ?? null;
    this.cause = s?.cause ?? null;
  }

  readonly #keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      this.open = false;
      e.stopPropagation();
    }
  };

  protected override render() {
    const s = this.#status.value;
    if (!s?.quality) return nothing;
    const t = this.#t.value;
    const status = { quality: s.quality, cause: s.cause };
    const sentence = describeNetwork(status, s.name, this.local, t);
    const lit = barsOf(status);
    return html`<button part="base" type="button" aria-label=${t.networkLabel(t.networkQualities[s.quality])}
        aria-describedby=${this.#id}
        @click=${() => (this.open = !this.open)} @focus=${() => (this.open = true)} @blur=${() => (this.open = false)}
        @keydown=${this.#keydown}>
        <svg part="bars" width="16" height="14" viewBox="0 0 16 14" aria-hidden="true">
          ${[0, 1, 2].map((i) => {
            const h = 5 + i * 4;
            return html`<rect part=${i < lit ? 'bar bar-on' : 'bar'} x=${i * 6} y=${14 - h} width="4" height=${h} rx="1"></rect>`;
          })}
        </svg>
      </button>
      <span part="tooltip" id=${this.#id} role="tooltip" class=${this.open ? 'open' : ''}>${sentence}</span>`;
  }
}

define('conf-network-indicator', ConfNetworkIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'conf-network-indicator': ConfNetworkIndicator;
  }
}
