import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { stringsContext } from '../context.js';
import { getStrings, mergeStrings, subscribeStrings } from './registry.js';
import type { ConfStrings, PartialConfStrings } from './strings.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The strings an element renders with: the global strings (`setStrings`), overridden by the
 * nearest <conf-room>'s `strings` (through `stringsContext`), overridden by the host's own
 * (`own`, for <conf-room> itself). Re-renders the host when any of them changes.
 *
 * ```ts
 * readonly #t = new StringsController(this);
 * render() { return html`<button aria-label=${this.#t.value.leave}>…</button>`; }
 * ```
 */
export class StringsController implements ReactiveController {
  readonly #host: Host;
  readonly #own: (() => PartialConfStrings | null | undefined) | undefined;
  readonly #context: ContextConsumer<typeof stringsContext, Host>;
  #unsubscribe: (() => void) | undefined;
  #cache: { global: ConfStrings; context: unknown; own: unknown; value: ConfStrings } | undefined;

  constructor(host: Host, own?: () => PartialConfStrings | null | undefined) {
    this.#host = host;
    this.#own = own;
    host.addController(this);
    // Subscribes: the provider calls back (and the consumer requests an update) on a new override.
    this.#context = new ContextConsumer(host, { context: stringsContext, subscribe: true });
  }

  hostConnected(): void {
    this.#unsubscribe ??= subscribeStrings(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** The merged strings (recomputed only when one of the layers changed). */
  get value(): ConfStrings {
    const global = getStrings();
    const context = this.#context.value;
    const own = this.#own?.();
    const c = this.#cache;
    if (c && c.global === global && c.context === context && c.own === own) return c.value;
    const value = mergeStrings(global, context, own);
    this.#cache = { global, context, own, value };
    return value;
  }
}
