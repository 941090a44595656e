import type { ReactiveController, ReactiveElement } from 'lit';
import type { Placement } from '@floating-ui/dom';

/**
 * @floating-ui/dom is loaded on first use (when the page is idle after a menu connects, or when a
 * menu opens), so it is not part of the code a first paint needs (docs/architecture.md).
 */
let floatingUi: Promise<typeof import('@floating-ui/dom')> | undefined;
function loadFloatingUi(): Promise<typeof import('@floating-ui/dom')> {
  floatingUi ??= import('@floating-ui/dom').catch((error: unknown) => {
    floatingUi = undefined; // the next open tries again
    throw error;
  });
  return floatingUi;
}

/** What a menu element must offer to be driven by MenuPopoverController. */
export interface MenuHost extends ReactiveElement {
  open: boolean;
  show(): unknown;
  hide(returnFocus?: boolean): void;
}

export interface MenuPopoverOptions {
  placement: Placement;
  /** Distance from the trigger in px. */
  offset: number;
}

/**
 * The behaviour the kit's popover menus share (device-picker, quality-menu): the menu is anchored to
 * its trigger with @floating-ui/dom (`computePosition` + `autoUpdate`, torn down when it closes or the
 * host leaves the page), a click outside closes it, and the keyboard works as a menu button should:
 * ArrowUp/ArrowDown on the trigger opens, arrows/Home/End move through the items, Enter/Space
 * activates one, Escape closes and returns focus to the trigger, Tab closes.
 *
 * The host renders `[part~="trigger"]`, `[part~="menu"]` and `[part~="item"]` nodes, binds
 * `onTriggerKeyDown` and `onMenuKeyDown`, and calls `syncPosition()` from `updated()` when `open` changed.
 */
export class MenuPopoverController implements ReactiveController {
  readonly #host: MenuHost;
  readonly #options: MenuPopoverOptions;
  #cleanup?: () => void;
  /** Bumped by every syncPosition/stop, so a late @floating-ui/dom load never anchors a closed menu. */
  #generation = 0;
  readonly #onDocumentPointerDown = (event: PointerEvent): void => {
    if (this.#host.open && !event.composedPath().includes(this.#host)) this.#host.hide();
  };

  constructor(host: MenuHost, options: MenuPopoverOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.#onDocumentPointerDown);
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    if (idle && !floatingUi) idle(() => void loadFloatingUi().catch(() => undefined));
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown);
    this.#stopPositioning();
  }

  /** The menu's items, in order. */
  items(): HTMLElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  /** Starts or stops anchoring the menu to the trigger, following `open`. */
  syncPosition(): void {
    this.#stopPositioning();
    const trigger = this.#host.renderRoot.querySelector<HTMLElement>('[part~="trigger"]');
    const menu = this.#host.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
    if (!this.#host.open || !trigger || !menu) return;
    const { placement } = this.#options;
    const generation = this.#generation;
    loadFloatingUi().then(
      ({ autoUpdate, computePosition, flip, offset, shift }) => {
        if (generation !== this.#generation) return; // closed (or re-synced) meanwhile
        const place = () =>
          computePosition(trigger, menu, {
            placement,
            strategy: 'fixed',
            middleware: [offset(this.#options.offset), flip(), shift({ padding: 8 })],
          }).then(({ x, y }) => {
            Object.assign(menu.style, { left: `${x}px`, top: `${y}px` });
          });
        this.#cleanup = autoUpdate(trigger, menu, () => void place());
      },
      // Not positioned (the menu still opens where its styles put it); the next open tries again.
      () => undefined,
    );
  }

  readonly onTriggerKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.#host.show();
    } else if (event.key === 'Escape' && this.#host.open) {
      // Open with focus still on the trigger (or nothing to focus): Escape closes it too.
      event.preventDefault();
      event.stopPropagation();
      this.#host.hide(true);
    }
  };

  readonly onMenuKeyDown = (event: KeyboardEvent): void => {
    const items = this.items();
    const index = items.indexOf((this.#host.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Enter':
      case ' ':
        items[index]?.click();
        break;
      case 'Escape':
        this.#host.hide(true);
        break;
      case 'Tab':
        this.#host.hide(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    // Handled here: a dialog or toolbar around the menu must not act on the same key.
    event.stopPropagation();
  };

  #stopPositioning(): void {
    this.#generation++;
    this.#cleanup?.();
    this.#cleanup = undefined;
  }
}
