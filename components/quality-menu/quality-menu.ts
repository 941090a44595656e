import { LitElement, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { MenuPopoverController } from '../controllers/menu-popover-controller.js';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import {
  QUALITY_PREFERENCES,
  publisherQuality,
  qualityPreferenceOf,
  type QualityPreference,
  type TemporalLayer,
} from '../../src/state/quality.js';
import { define } from '../define.js';
import { checkIcon } from '../icons.js';
import { ConfLayerChangeEvent, ConfQualityChangeEvent } from './quality-events.js';
import { createLogger } from '../../src/logger.js';
import { qualityMenuStyles } from './quality-menu.styles.js';

const log = createLogger('conf-kit:quality-menu');

/** The frame-rate choices, top to bottom. */
const LAYERS: readonly TemporalLayer[] = [2, 1, 0];

/**
 * @summary The receive-quality menu of one remote participant: auto, high, medium, low or
 * audio-only, and a frame-rate (temporal) layer. <conf-tile> shows one on every remote tile.
 *
 * The menu is a popover anchored with @floating-ui/dom (`computePosition` + `autoUpdate`, torn
 * down when it closes or the element disconnects) and fully keyboard operable: Enter, Space or
 * ArrowDown/ArrowUp on the trigger opens it; ArrowUp/ArrowDown/Home/End move; Enter or Space
 * picks; Escape closes and returns focus; Tab closes. The checked items follow the session state
 * (`PublisherState.quality`), whoever changed it.
 *
 * Picking a quality emits `conf-quality-change`; unless it is cancelled, the menu calls
 * `session.setOpponentQuality(userId, quality)`. Picking a frame rate emits `conf-layer-change`,
 * then calls `session.requestPreferredLayerForOpponentStream(userId, layer)`.
 *
 * @event conf-quality-change - A quality was picked. `detail: { userId, quality }`. Cancelable.
 * @event conf-layer-change - A frame-rate layer was picked. `detail: { userId, layer }`. Cancelable.
 *
 * @csspart trigger - The button that opens the menu (shows the current choice).
 * @csspart menu - The popover (`role="menu"`).
 * @csspart heading - The group titles ("Quality", "Frame rate").
 * @csspart separator - Between the two groups.
 * @csspart item - Each choice (`role="menuitemradio"`). Also `item-quality` and `item-layer`.
 *
 * @cssproperty [--conf-quality-menu-trigger-background=rgba(0,0,0,.55)] - Trigger background.
 * @cssproperty [--conf-surface-raised] - Menu background.
 * @cssproperty [--conf-accent] - Check mark and focus colour.
 */
export class QualityMenu extends LitElement {
  static override styles = qualityMenuStyles;

  /** The remote participant whose video quality this menu controls. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /**
   * Set by <conf-tile> while adaptive stream picks this participant's layer (docs/layouts.md):
   * the session then holds adaptive stream's request, not a choice made here, so the menu shows
   * Auto checked.
   */
  @property({ type: Boolean }) adaptive = false;

  /** Whether the menu is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  @query('[part~="trigger"]') private trigger!: HTMLButtonElement;
  @query('[part~="menu"]') private menu!: HTMLElement;

  readonly #choice = new StoreController(
    this,
    () => this.session?.state,
    (s) => {
      const q = publisherQuality(s.publishers[this.userId]);
      return { quality: qualityPreferenceOf(q), layer: (q.requestedLayer ?? 2) as TemporalLayer };
    },
    { equals: shallowEqual },
  );

  readonly #t = new StringsController(this);

  readonly #popover = new MenuPopoverController(this, { placement: 'bottom-end', offset: 6 });

  /** The current choice, as the session state says. */
  get quality(): QualityPreference {
    if (this.adaptive) return 'auto';
    return this.#choice.value?.quality ?? 'auto';
  }

  /** The current frame-rate layer (2 when none was asked for). */
  get layer(): TemporalLayer {
    return this.#choice.value?.layer ?? 2;
  }

  /** Opens the menu and focuses the checked quality. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    const items = this.#popover.items();
    (items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }

  /** Closes the menu. */
  hide(returnFocus = false): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  /** Picks a quality: emits `conf-quality-change`, then asks the session (unless cancelled). */
  async selectQuality(quality: QualityPreference): Promise<void> {
    this.hide(true);
    const event = new ConfQualityChangeEvent({ userId: this.userId, quality });
    this.dispatchEvent(event);
    if (event.defaultPrevented || !this.session?.setOpponentQuality) return;
    try {
      await this.session.setOpponentQuality(this.userId, quality);
    } catch (error) {
      log.warn('setOpponentQuality failed', error);
    }
  }

  /** Picks a frame-rate layer: emits `conf-layer-change`, then asks the session (unless cancelled). */
  async selectLayer(layer: TemporalLayer): Promise<void> {
    this.hide(true);
    const event = new ConfLayerChangeEvent({ userId: this.userId, layer });
    this.dispatchEvent(event);
    if (event.defaultPrevented || !this.session?.requestPreferredLayerForOpponentStream) return;
    try {
      await this.session.requestPreferredLayerForOpponentStream(this.userId, layer);
    } catch (error) {
      log.warn('requestPreferredLayerForOpponentStream failed', error);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) this.#choice.invalidate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#popover.syncPosition();
  }

  protected override render() {
    const t = this.#t.value;
    const current = this.quality;
    const layer = this.layer;
    // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    const visible = t.qualityShortLabels[current];
    const label = t.qualityTrigger(visible, t.qualityLabels[current]);
    return html`
      <button
        part="trigger"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${label}
        title=${label}
        @click=${() => (this.open ? this.hide() : void this.show())}
        @keydown=${this.#popover.onTriggerKeyDown}
      >
        ${visible}
      </button>
      <div part="menu" role="menu" aria-label=${t.qualityMenuLabel} ?hidden=${!this.open} @keydown=${this.#popover.onMenuKeyDown}>
        <div part="heading" aria-hidden="true">${t.qualityHeading}</div>
        ${QUALITY_PREFERENCES.map(
          (q) => html`
            <div
              part="item item-quality"
              role="menuitemradio"
              tabindex="-1"
              data-quality=${q}
              aria-checked=${q === current ? 'true' : 'false'}
              @click=${() => void this.selectQuality(q)}
            >
              <span class="check">${checkIcon}</span>${t.qualityLabels[q]}
            </div>
          `,
        )}
        <div part="separator" role="separator"></div>
        <div part="heading" aria-hidden="true">${t.frameRateHeading}</div>
        ${LAYERS.map(
          (l) => html`
            <div
              part="item item-layer"
              role="menuitemradio"
              tabindex="-1"
              data-layer=${l}
              aria-checked=${l === layer ? 'true' : 'false'}
              @click=${() => void this.selectLayer(l)}
            >
              <span class="check">${checkIcon}</span>${t.frameRates[l]}
            </div>
          `,
        )}
      </div>
    `;
  }
}

define('quality-menu', QualityMenu);

declare global {
  interface HTMLElementTagNameMap {
    'quality-menu': QualityMenu;
  }
}
