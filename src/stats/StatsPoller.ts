/**
 * The one stats loop of a session. It runs only while someone watches (`watch()`), at the
 * shortest interval asked for, and calls each watcher no more often than its own interval.
 * A chain of timeouts, not an interval: a slow `collect()` never piles up. No DOM.
 */

export interface StatsPollerOptions {
  /** Injectable clock and timers (tests). */
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

interface Watcher<T> {
  readonly intervalMs: number;
  readonly listener: (sample: T) => void;
  lastAt: number;
}

/** Watchers asking for less than this are polled at this interval. */
export const MIN_STATS_INTERVAL_MS = 100;

export class StatsPoller<T> {
  readonly #collect: () => Promise<T>;
  readonly #now: () => number;
  readonly #setTimeout: (fn: () => void, ms: number) => unknown;
  readonly #clearTimeout: (handle: unknown) => void;
  readonly #watchers = new Set<Watcher<T>>();
  #timer: unknown = null;
  /** Bumped on stop: a collect in flight from an older run is dropped. */
  #run = 0;
  #busy = false;

  constructor(collect: () => Promise<T>, options: StatsPollerOptions = {}) {
    this.#collect = collect;
    this.#now = options.now ?? (() => Date.now());
    this.#setTimeout = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.#clearTimeout = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));
  }

  /** Number of active watchers. */
  get watcherCount(): number {
    return this.#watchers.size;
  }

  /** Whether a poll is scheduled or running. */
  get running(): boolean {
    return this.#timer !== null || this.#busy;
  }

  /** The interval the loop runs at now (0 when idle). */
  get intervalMs(): number {
    let min = Infinity;
    for (const w of this.#watchers) min = Math.min(min, w.intervalMs);
    return min === Infinity ? 0 : min;
  }

  /**
   * Calls `listener` with a sample about every `intervalMs` (at least MIN_STATS_INTERVAL_MS).
   * Returns the function that stops it; the loop stops with its last watcher.
   */
  watch(intervalMs: number, listener: (sample: T) => void): () => void {
    const watcher: Watcher<T> = {
      intervalMs: Math.max(MIN_STATS_INTERVAL_MS, Number.isFinite(intervalMs) ? intervalMs : 1000),
      listener,
      lastAt: this.#now(),
    };
    this.#watchers.add(watcher);
    this.#reschedule();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#watchers.delete(watcher);
      if (this.#watchers.size === 0) this.#stop();
      else this.#reschedule();
    };
  }

  /** Removes every watcher and stops the loop. */
  dispose(): void {
    this.#watchers.clear();
    this.#stop();
  }

  #stop(): void {
    this.#run++;
    if (this.#timer !== null) this.#clearTimeout(this.#timer);
    this.#timer = null;
  }

  #reschedule(): void {
    if (this.#busy) return; // The running poll schedules the next one.
    if (this.#timer !== null) this.#clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#watchers.size === 0) return;
    const run = this.#run;
    this.#timer = this.#setTimeout(() => void this.#tick(run), this.intervalMs);
  }

  async #tick(run: number): Promise<void> {
    this.#timer = null;
    if (run !== this.#run || this.#watchers.size === 0) return;
    this.#busy = true;
    let sample: T | undefined;
    let ok = false;
    try {
      sample = await this.#collect();
      ok = true;
    } catch {
      // A failed collection (closed transport, ...) skips this round.
    } finally {
      this.#busy = false;
    }
    if (run !== this.#run) {
      // Stopped while collecting; watchers added since then restart the loop.
      this.#reschedule();
      return;
    }
    if (ok) {
      const now = this.#now();
      const slack = this.intervalMs / 2;
      for (const watcher of [...this.#watchers]) {
        if (now - watcher.lastAt + slack < watcher.intervalMs) continue;
        watcher.lastAt = now;
        try {
          watcher.listener(sample as T);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
    this.#reschedule();
  }
}
