import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableStore } from '../../src/state/types.js';

export interface StoreControllerOptions<S> {
  /** Decides whether the selected slice changed. Default `Object.is`. */
  equals?: (a: S, b: S) => boolean;
  /**
   * Called when the slice changes while subscribed to the same store (not when the store itself
   * is swapped, so a newly assigned session does not replay its history as changes).
   */
  onChange?: (next: S, previous: S) => void;
}

/**
 * Subscribes its host to a slice of a `ReadableStore` (Lit's ResizeController shape):
 * subscribes in `hostConnected`, unsubscribes in `hostDisconnected`, and calls `requestUpdate()`
 * only when the selected slice changes. The store is looked up through a getter on every update,
 * so a session that arrives later through context is picked up without extra wiring.
 *
 * ```ts
 * private self = new StoreController(this, () => this.session?.state, (s) => s.self);
 * render() { return html`${this.self.value?.name}`; }
 * ```
 */
export class StoreController<T, S> implements ReactiveController {
  /** The current slice, or undefined while there is no store. */
  value: S | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #getStore: () => ReadableStore<T> | undefined;
  readonly #select: (snapshot: T) => S;
  readonly #equals: (a: S, b: S) => boolean;
  readonly #onChange?: (next: S, previous: S) => void;
  #store: ReadableStore<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;
  #stale = false;

  constructor(
    host: ReactiveControllerHost,
    getStore: () => ReadableStore<T> | undefined,
    select: (snapshot: T) => S,
    options: StoreControllerOptions<S> = {},
  ) {
    this.#host = host;
    this.#getStore = getStore;
    this.#select = select;
    this.#equals = options.equals ?? Object.is;
    this.#onChange = options.onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync(true);
  }

  /** Runs before each render: follows a store that changed (for example a new session). */
  hostUpdate(): void {
    this.#sync(false);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }

  /**
   * Re-selects on the next update. Call it (from `willUpdate`) when an input of the selector
   * other than the store changed, such as the host's `userId`.
   */
  invalidate(): void {
    this.#stale = true;
  }

  #sync(requestUpdate: boolean): void {
    if (!this.#connected) return;
    const store = this.#getStore();
    if (store === this.#store && !this.#stale) return;
    this.#stale = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    const next = store ? this.#select(store.getSnapshot()) : undefined;
    const changed = !this.#same(next, this.value);
    this.value = next;
    if (store) {
      this.#unsubscribe = store.subscribe((snapshot) => this.#receive(snapshot));
    }
    if (changed && requestUpdate) this.#host.requestUpdate();
  }

  #receive(snapshot: T): void {
    const next = this.#select(snapshot);
    const previous = this.value;
    if (previous !== undefined && this.#equals(next, previous)) return;
    this.value = next;
    this.#host.requestUpdate();
    if (previous !== undefined) this.#onChange?.(next, previous);
  }

  #same(a: S | undefined, b: S | undefined): boolean {
    if (a === undefined || b === undefined) return a === b;
    return this.#equals(a, b);
  }
}

/** Shallow equality for selectors that return small objects or arrays. */
export function shallowEqual<S>(a: S, b: S): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a) as (keyof S)[];
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}
