import type { ReadableStore } from './types.js';

/**
 * A tiny immutable-snapshot store. `set` replaces the snapshot and notifies synchronously;
 * `update` derives the next snapshot from the current one. Setting the same object is a no-op.
 */
export class Store<T> implements ReadableStore<T> {
  #snapshot: T;
  readonly #listeners = new Set<(snapshot: T) => void>();

  constructor(initial: T) {
    this.#snapshot = initial;
  }

  getSnapshot = (): T => this.#snapshot;

  subscribe = (listener: (snapshot: T) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  set(next: T): void {
    if (Object.is(next, this.#snapshot)) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next);
      } catch (error) {
        // A faulty listener must not break the others or the session.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  update(fn: (current: T) => T): void {
    this.set(fn(this.#snapshot));
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
