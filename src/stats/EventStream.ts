/**
 * A minimal push stream: `subscribe(listener)` returns the unsubscribe function. Used for
 * `session.statsReports` and the StatsReportsManager streams. Listener errors are isolated.
 */
export interface EventStreamLike<T> {
  /** Calls `listener` for every value from now on. Returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

export class EventStream<T> implements EventStreamLike<T> {
  readonly #listeners = new Set<(value: T) => void>();

  subscribe = (listener: (value: T) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Drops every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
