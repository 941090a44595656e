/**
 * Registers a custom element once, and only where a registry exists. Importing any conf-kit
 * module in Node (SSR, tests, tooling) therefore never throws, and importing two entries that
 * both register the same tag is harmless.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry || registry.get(tag)) return;
  registry.define(tag, ctor);
}
