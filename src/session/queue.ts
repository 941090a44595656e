/** Runs async tasks one at a time, in the order they were pushed. A failing task does not block the next. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  push<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/** One SerialQueue per key (for example per remote user): same key serialised, different keys parallel. */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  push<T>(key: string, task: () => Promise<T>): Promise<T> {
    const tail = this.#tails.get(key) ?? Promise.resolve();
    const run = tail.then(task, task);
    const settled = run.catch(() => undefined);
    this.#tails.set(key, settled);
    void settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return run;
  }
}
