/**
 * Lazily loaded elements (docs/architecture.md, "Lazy loading"). The elements that a first paint
 * of <conf-room> does not show (the pre-join screen, chat and participants panels, the stats
 * panel, menus of the tiles, recording UI, screen tiles, ...) are not imported statically by the
 * elements that render them. Those render the tag as usual; a LazyElementsController on the host
 * then finds the undefined tags in its shadow root after each update and imports their modules
 * (each module registers its element on import, and the browser upgrades the nodes in place,
 * keeping the properties Lit set on them before).
 *
 * Visible elements are loaded at once; hidden ones (inside `[hidden]`) when the main thread is
 * idle. An app that imports an element itself (`conf-kit`, `conf-kit/<element>`) gets it
 * synchronously, exactly as before.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConferenceError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('conf-kit:lazy');

/** Tag → the module that defines it. Every module here registers its element when imported. */
const room = () => import('./lazy-room-elements.js');
const loaders: Readonly<Record<string, () => Promise<unknown>>> = {
  'conf-prejoin': () => import('./conf-prejoin/conf-prejoin.js'),
  'conf-incoming-call': () => import('./conf-incoming-call/conf-incoming-call.js'),
  // The rest of a room's on-demand elements share one chunk (lazy-room-elements.ts).
  // Visible in every <conf-room>, so it loads right after the first paint, long before a reconnect.
  'conf-connection-banner': room,
  'conf-chat': room,
  'conf-participants': room,
  'conf-stats-panel': room,
  'conf-network-indicator': room,
  'quality-badge': room,
  'quality-menu': room,
  'conf-recording-indicator': room,
  'conf-recording-notice': room,
  'conf-record-button': room,
  'conf-add-participant': room,
  'conf-screen-tile': room,
  'device-picker': room,
};

/** The tags conf-kit can load on demand. */
export const lazyElementTags: readonly string[] = Object.keys(loaders);

const pending = new Map<string, Promise<void>>();
/** Tags a controller has already asked for (now or when idle). */
const scheduled = new Set<string>();

function registry(): CustomElementRegistry | undefined {
  return (globalThis as { customElements?: CustomElementRegistry }).customElements;
}

/**
 * Loads (once) the module that defines `tag`. Resolves when the element is defined; rejects with
 * a ConferenceError: `not-found` for a tag conf-kit does not load lazily, `server-unreachable`
 * when its module could not be fetched (a later call tries again).
 */
export function loadElement(tag: string): Promise<void> {
  if (registry()?.get(tag)) return Promise.resolve();
  const loader = loaders[tag];
  if (!loader) return Promise.reject(new ConferenceError('not-found', `conf-kit does not load <${tag}> on demand`));
  let loading = pending.get(tag);
  if (!loading) {
    loading = loader().then(
      () => undefined,
      (cause: unknown) => {
        pending.delete(tag);
        throw new ConferenceError('server-unreachable', `Could not load the module of <${tag}>`, { cause });
      },
    );
    pending.set(tag, loading);
  }
  return loading;
}

/** Loads every lazily loaded element now (for example before the network may go away). */
export function preloadElements(): Promise<void> {
  return Promise.all(lazyElementTags.map(loadElement)).then(() => undefined);
}

const whenIdle = (fn: () => void): void => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
};

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Add to an element that renders lazily loaded tags: after each update it loads the undefined
 * ones in its render root (visible ones now, hidden ones when idle).
 */
export class LazyElementsController implements ReactiveController {
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.#host.renderRoot;
    if (!root || !registry()) return;
    for (const el of root.querySelectorAll<HTMLElement>(':not(:defined)')) {
      const tag = el.localName;
      if (!(tag in loaders) || scheduled.has(tag)) continue;
      scheduled.add(tag);
      const load = () =>
        void loadElement(tag).catch((error: unknown) => {
          scheduled.delete(tag); // the next update tries again
          log.warn(error);
        });
      if (el.closest('[hidden]')) whenIdle(load);
      else load();
    }
  }
}
