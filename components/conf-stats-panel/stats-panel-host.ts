/**
 * StatsPanelHost: lets an element (<conf-room>) open a <conf-stats-panel> on `conf-stats-open`
 * from anything inside it. The panel is created on first use, in the host's shadow root (its module
 * is loaded then, components/lazy-elements.ts; the node upgrades when it arrives), and focus returns
 * to the button that opened it when it closes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadElement } from '../lazy-elements.js';
import { createLogger } from '../../src/logger.js';
import type { ConfStatsPanel } from './conf-stats-panel.js';
import type { ConfStatsOpenEvent } from './stats-events.js';

const log = createLogger('conf-kit:stats-panel');

export class StatsPanelHost implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  #panel: ConfStatsPanel | null = null;
  #opener: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  /** The panel, once opened. */
  get panel(): ConfStatsPanel | null {
    return this.#panel;
  }

  hostConnected(): void {
    this.#host.addEventListener('conf-stats-open', this.#onOpen);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('conf-stats-open', this.#onOpen);
    if (this.#panel) this.#panel.open = false;
  }

  /** Opens the panel for `userId` (null: everyone). */
  open(userId: string | null): ConfStatsPanel {
    let panel = this.#panel;
    if (!panel) {
      panel = this.#panel = document.createElement('conf-stats-panel');
      panel.setAttribute('part', 'stats-panel');
      panel.addEventListener('conf-stats-close', () => {
        this.#opener?.focus();
        this.#opener = null;
      });
      this.#host.renderRoot.appendChild(panel);
      loadElement('conf-stats-panel').catch((error: unknown) => log.warn(error));
    }
    panel.userId = userId ?? '';
    panel.open = true;
    return panel;
  }

  readonly #onOpen = (event: ConfStatsOpenEvent): void => {
    const path = event.composedPath();
    this.#opener = (path.find((n) => n instanceof HTMLElement && n.tagName === 'BUTTON') as HTMLElement | undefined) ?? null;
    this.open(event.detail.userId);
  };
}
