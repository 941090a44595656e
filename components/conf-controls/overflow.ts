/**
 * <conf-controls>' overflow (docs/layouts.md): the bar never wraps. A ResizeObserver compares the
 * bar's natural width with the room it has; when it does not fit, the bar's own buttons first drop
 * their text labels (icons only, every control still in the bar), then the secondary controls
 * (the default and `devices` slots, the stats button) move behind a "More" button, and on a very
 * narrow bar the `screen-share` slot too. The natural width of each level is remembered, so the
 * bar widens again only once the wider level fits (no flicker at the threshold).
 *
 * The More button is a disclosure (`aria-expanded`, `aria-controls`): Tab goes on into its panel,
 * Escape or a press outside closes it, and Escape returns focus to the button.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConfStrings } from '../i18n/strings.js';
import { moreIcon } from '../icons.js';

/** 0: everything, labelled; 1: icons only; 2: secondary controls in More; 3: screen share in More too. */
export type OverflowLevel = 0 | 1 | 2 | 3;
const MAX_LEVEL = 3;
const SLACK = 16;

interface OverflowHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** `auto` measures; `always` / `never` force the More menu on or off. */
  overflow: 'auto' | 'always' | 'never';
  /** Whether the More panel is open. */
  moreOpen: boolean;
}

export class ControlsOverflow implements ReactiveController {
  readonly #host: OverflowHost;
  #observer: ResizeObserver | null = null;
  #observedBase: Element | null = null;
  /** The bar's natural width at each level, as last measured there. */
  readonly #widths: Partial<Record<OverflowLevel, number>> = {};
  #level: OverflowLevel = 0;

  constructor(host: OverflowHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The level in effect (the `overflow` property can force one). */
  get level(): OverflowLevel {
    if (this.#host.overflow === 'never') return 0;
    if (this.#host.overflow === 'always') return Math.max(2, this.#level) as OverflowLevel;
    return this.#level;
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.#observer = new ResizeObserver(() => requestAnimationFrame(() => this.#measure()));
    this.#observer.observe(this.#host);
    document.addEventListener('pointerdown', this.#onOutside, true);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observedBase = null;
    document.removeEventListener('pointerdown', this.#onOutside, true);
  }

  hostUpdated(): void {
    const base = this.#host.renderRoot.querySelector('[part~="base"]');
    if (base && base !== this.#observedBase) {
      if (this.#observedBase) this.#observer?.unobserve(this.#observedBase);
      this.#observedBase = base;
      this.#observer?.observe(base);
    }
    // Next frame: a level change is a new update, never one scheduled from inside this one.
    requestAnimationFrame(() => this.#measure());
  }

  #measure(): void {
    const base = this.#host.renderRoot.querySelector<HTMLElement>('[part~="base"]');
    if (!base || !this.#host.isConnected) return;
    const room = this.#host.clientWidth;
    if (!room) return;
    const natural = base.scrollWidth;
    this.#widths[this.#level] = natural;
    let next = this.#level;
    if (natural > room + 0.5 && next < MAX_LEVEL) next = (next + 1) as OverflowLevel;
    else if (next > 0) {
      const wider = this.#widths[(next - 1) as OverflowLevel];
      // Some slack: a control that changes width by a few pixels must not flip the level.
      if (wider !== undefined && wider + SLACK <= room) next = (next - 1) as OverflowLevel;
    }
    if (next !== this.#level) {
      this.#level = next;
      if (next < 2) this.#host.moreOpen = false;
      this.#host.requestUpdate();
    }
  }

  get open(): boolean {
    return this.#host.moreOpen && this.level >= 2;
  }

  toggle(open = !this.open): void {
    this.#host.moreOpen = open;
  }

  #close(focusButton: boolean): void {
    if (!this.open) return;
    this.toggle(false);
    if (focusButton) this.#host.renderRoot.querySelector<HTMLElement>('[part~="more-button"]')?.focus();
  }

  readonly #onOutside = (event: PointerEvent): void => {
    if (!this.open) return;
    const more = this.#host.renderRoot.querySelector('.more');
    if (more && !event.composedPath().includes(more)) this.#close(false);
  };

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open && !event.defaultPrevented) {
      event.stopPropagation();
      this.#close(true);
    }
  };

  /** The More button and its panel, holding `content`; nothing below level 2. */
  render(t: ConfStrings, content: TemplateResult): TemplateResult | typeof nothing {
    if (this.level < 2) return nothing;
    return html`<span class="more" @keydown=${this.#onKey}>
      <button part="more-button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="more-panel"
        aria-label=${t.controlsMoreLabel} title=${t.controlsMoreLabel} @click=${() => this.toggle()}>
        ${moreIcon}
      </button>
      <div id="more-panel" part="more-panel" role="group" aria-label=${t.controlsMoreLabel} ?hidden=${!this.open}>
        ${content}
      </div>
    </span>`;
  }
}
