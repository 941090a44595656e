import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { buttonStyles } from '../theme.js';
import { userIcon } from '../icons.js';
import { LAYOUT_MODES, isLayoutMode, type LayoutMode } from '../conf-room/layout.js';
import { ConfLayoutChangeEvent } from '../conf-room/layout-events.js';

/**
 * @summary The layout switch of the control bar: Auto, Grid or Speaker, and a toggle that hides
 * your own tile from the grid (docs/layouts.md). <conf-room> puts one in its default controls and
 * follows its `conf-layout-change`.
 *
 * @event conf-layout-change - A layout was chosen or the self view toggled. `detail: { layout, hideSelf }`. Cancelable.
 *
 * @csspart select - The layout <select>.
 * @csspart self-view-button - The hide-self toggle (`aria-pressed="true"` while hidden).
 */
export class ConfLayoutPicker extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-family: var(--conf-font-family, system-ui, sans-serif);
      }
      select {
        font: inherit;
        height: 44px;
        padding: 0 10px;
        border: none;
        border-radius: 999px;
        color: var(--conf-text, #eef0f4);
        background: var(--conf-surface-raised, #262a33);
      }
      select:focus-visible {
        outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #3b6fe0));
        outline-offset: var(--conf-focus-ring-offset, 2px);
      }
      [aria-pressed='true'] {
        background: var(--conf-accent, #3b6fe0);
        color: var(--conf-on-accent, #fff);
      }
    `,
  ];

  /** The chosen layout. */
  @property({ reflect: true }) layout: LayoutMode = 'auto';

  /** Whether your own tile is hidden from the grid. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-self' }) hideSelf = false;

  readonly #t = new StringsController(this);

  #emit(layout: LayoutMode, hideSelf: boolean): void {
    const event = new ConfLayoutChangeEvent({ layout, hideSelf });
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      this.requestUpdate();
      return;
    }
    this.layout = layout;
    this.hideSelf = hideSelf;
  }

  protected override render() {
    const t = this.#t.value;
    const label = this.hideSelf ? t.selfViewShow : t.selfViewHide;
    return html`
      <select part="select" aria-label=${t.layoutLabel} title=${t.layoutLabel} .value=${this.layout}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          if (isLayoutMode(value)) this.#emit(value, this.hideSelf);
        }}>
        ${LAYOUT_MODES.map((m) => html`<option value=${m} ?selected=${m === this.layout}>${t.layoutNames[m]}</option>`)}
      </select>
      <button part="self-view-button" aria-pressed=${this.hideSelf ? 'true' : 'false'} aria-label=${label} title=${label}
        @click=${() => this.#emit(this.layout, !this.hideSelf)}>${userIcon}</button>
    `;
  }
}

define('conf-layout-picker', ConfLayoutPicker);

declare global {
  interface HTMLElementTagNameMap {
    'conf-layout-picker': ConfLayoutPicker;
  }
}
