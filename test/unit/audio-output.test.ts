/**
 * applySinkId and bindAudioOutput on fake media elements: an aborted setSinkId (Chromium aborts it
 * when the element's source changes meanwhile) is tried again; other failures are not; an element
 * that loads a new source gets the selected sink again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySinkId, bindAudioOutput } from '../../src/session/audio-output.js';
import type { ReadableStore, SessionSnapshot } from '../../src/state/types.js';

/** A media element whose setSinkId fails with the given error names, in order, then succeeds. */
function fakeElement(failures: string[] = []) {
  const calls: string[] = [];
  const el = {
    sinkId: '',
    calls,
    matches: (selector: string) => selector.includes('audio'),
    async setSinkId(id: string) {
      calls.push(id);
      await Promise.resolve();
      const name = failures.shift();
      if (name) throw Object.assign(new Error(name), { name });
      el.sinkId = id;
    },
  };
  return el;
}

const asMedia = (el: ReturnType<typeof fakeElement>) => el as unknown as HTMLMediaElement;

test('an aborted setSinkId is tried again until the element plays to the sink', async () => {
  const el = fakeElement(['AbortError', 'AbortError']);
  assert.equal(await applySinkId(asMedia(el), 'speakers'), true);
  assert.equal(el.sinkId, 'speakers');
  assert.deepEqual(el.calls, ['speakers', 'speakers', 'speakers']);
});

test('a refused setSinkId is not tried again, and a later call tries afresh', async () => {
  const el = fakeElement(['NotAllowedError']);
  assert.equal(await applySinkId(asMedia(el), 'speakers'), false);
  assert.equal(el.sinkId, '');
  assert.deepEqual(el.calls, ['speakers']);
  assert.equal(await applySinkId(asMedia(el), 'speakers'), true);
  assert.equal(el.sinkId, 'speakers');
});

test('aborts that never stop give up after a few tries', async () => {
  const el = fakeElement(Array(20).fill('AbortError'));
  assert.equal(await applySinkId(asMedia(el), 'speakers'), false);
  assert.ok(el.calls.length > 1 && el.calls.length < 10, `${el.calls.length} tries`);
});

test('a retry stops when another sink is asked for meanwhile; the newer sink wins', async () => {
  const el = fakeElement(['AbortError']);
  const first = applySinkId(asMedia(el), 'speakers');
  await new Promise((resolve) => setTimeout(resolve, 10)); // the first try has been aborted
  const second = applySinkId(asMedia(el), 'headset');
  assert.equal(await second, true);
  assert.equal(await first, false);
  assert.equal(el.sinkId, 'headset');
  assert.deepEqual(el.calls, ['speakers', 'headset']);
});

test('bindAudioOutput applies the sink again to an element that loads a new source', async () => {
  const el = fakeElement();
  const listeners = new Map<string, (event: Event) => void>();
  const container = {
    querySelectorAll: () => [el],
    addEventListener: (type: string, fn: (event: Event) => void, capture: boolean) => {
      assert.equal(capture, true, 'media events do not bubble: they are captured');
      listeners.set(type, fn);
    },
    removeEventListener: (type: string) => listeners.delete(type),
  } as unknown as ParentNode & Node;
  const snapshot = { devices: { current: { audiooutput: 'speakers' } } } as unknown as SessionSnapshot;
  const state: ReadableStore<SessionSnapshot> = { getSnapshot: () => snapshot, subscribe: () => () => undefined };
  const stop = bindAudioOutput(state, container);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(el.sinkId, 'speakers');

  el.sinkId = ''; // as if a setSinkId had been lost in a source change
  listeners.get('loadedmetadata')!({ target: el } as unknown as Event);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(el.sinkId, 'speakers');

  stop();
  assert.equal(listeners.size, 0);
});
