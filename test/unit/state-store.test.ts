import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/state/store.js';

describe('Store', () => {
  test('getSnapshot returns the initial snapshot, then the one set', () => {
    const initial = { count: 0 };
    const store = new Store(initial);
    assert.equal(store.getSnapshot(), initial);
    const next = { count: 1 };
    store.set(next);
    assert.equal(store.getSnapshot(), next);
  });

  test('update derives a new object and leaves the old snapshot untouched', () => {
    const store = new Store({ count: 0, nested: { a: 1 } });
    const before = store.getSnapshot();
    store.update((s) => ({ ...s, count: s.count + 1 }));
    const after = store.getSnapshot();
    assert.notEqual(after, before);
    assert.equal(before.count, 0);
    assert.equal(after.count, 1);
    assert.equal(after.nested, before.nested, 'unchanged branches are shared');
  });

  test('listeners are called synchronously with the new snapshot', () => {
    const store = new Store(1);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s));
    store.set(2);
    store.update((s) => s + 1);
    assert.deepEqual(seen, [2, 3]);
  });

  test('setting the same object (Object.is) is a no-op', () => {
    const snapshot = { x: 1 };
    const store = new Store(snapshot);
    let calls = 0;
    store.subscribe(() => calls++);
    store.set(snapshot);
    store.update((s) => s);
    assert.equal(calls, 0);
    const nan = new Store(Number.NaN);
    let nanCalls = 0;
    nan.subscribe(() => nanCalls++);
    nan.set(Number.NaN);
    assert.equal(nanCalls, 0, 'NaN is Object.is-equal to NaN');
  });

  test('unsubscribe stops notifications and is idempotent', () => {
    const store = new Store(0);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    assert.equal(store.listenerCount, 1);
    store.set(1);
    off();
    off();
    store.set(2);
    assert.equal(calls, 1);
    assert.equal(store.listenerCount, 0);
  });

  test('a listener unsubscribing during notification does not skip the others', () => {
    const store = new Store(0);
    const seen: string[] = [];
    const offA = store.subscribe(() => {
      seen.push('a');
      offA();
    });
    store.subscribe(() => seen.push('b'));
    store.set(1);
    store.set(2);
    assert.deepEqual(seen, ['a', 'b', 'b']);
  });

  test('a faulty listener does not break the others or the setter', async () => {
    const store = new Store(0);
    const seen: number[] = [];
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown) => thrown.push(error);
    // The store rethrows asynchronously (queueMicrotask) so the error is still visible.
    process.prependListener('uncaughtException', onUncaught);
    const saved = process.listeners('uncaughtException').filter((l) => l !== onUncaught);
    for (const l of saved) process.removeListener('uncaughtException', l);
    try {
      store.subscribe(() => {
        throw new Error('boom');
      });
      store.subscribe((s) => seen.push(s));
      assert.doesNotThrow(() => store.set(1));
      assert.deepEqual(seen, [1]);
      assert.equal(store.getSnapshot(), 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(thrown.length, 1);
      assert.equal((thrown[0] as Error).message, 'boom');
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const l of saved) process.on('uncaughtException', l);
    }
  });
});
