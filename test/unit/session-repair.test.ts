/**
 * The subscriber's repair loop (src/session/repair.ts): which sources lack a consumer (a pure
 * function), and a loop that checks again with a growing, bounded wait while something is
 * missing and goes idle once nothing is. Timers are injected.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MediaSource, PublisherInfo } from '../../src/protocol/protocol.js';
import { missingConsumers, REPAIR_BACKOFF, RepairLoop, type RepairTimers } from '../../src/session/repair.js';

const publisher = (userId: string, producers: [string, MediaSource][]): PublisherInfo =>
  ({
    userId,
    name: userId,
    producers: producers.map(([id, source]) => ({ id, source, kind: source === 'mic' || source === 'screen-audio' ? 'audio' : 'video', paused: false })),
  }) as unknown as PublisherInfo;

const SOURCES = new Set<MediaSource>(['mic', 'camera', 'screen', 'screen-audio']);

/** Timers run by hand: `fire()` runs the due callback. */
function manualTimers(): RepairTimers & { waits: number[]; fire(): void; scheduled: number } {
  let next: (() => void) | null = null;
  const timers = {
    waits: [] as number[],
    scheduled: 0,
    random: () => 0,
    setTimeout(fn: () => void, ms: number) {
      timers.waits.push(ms);
      timers.scheduled++;
      next = fn;
      return timers.scheduled;
    },
    clearTimeout() {
      next = null;
    },
    fire() {
      const fn = next;
      next = null;
      assert.ok(fn, 'a check is scheduled');
      fn();
    },
  };
  return timers;
}

describe('repair: missing consumers', () => {
  test('lists the wanted users\' consumable producers that have no consumer', () => {
    const infos = new Map([
      ['a', publisher('a', [['a-mic', 'mic'], ['a-cam', 'camera']])],
      ['b', publisher('b', [['b-cam', 'camera'], ['b-screen', 'screen']])],
      ['c', publisher('c', [['c-cam', 'camera']])],
    ]);
    const consumed = new Set(['a-mic', 'b-cam', 'b-screen']);
    const missing = missingConsumers(infos, consumed, new Set(['a', 'b', 'gone']), SOURCES);
    assert.deepEqual([...missing], [['a', ['a-cam']]], 'c is not wanted, b is complete, gone is not in the room');
    assert.equal(missingConsumers(infos, new Set(['a-mic', 'a-cam']), new Set(['a']), SOURCES).size, 0);
    assert.deepEqual([...missingConsumers(infos, new Set(), new Set(['a']), new Set<MediaSource>(['camera']))], [['a', ['a-cam']]], 'only the consumed sources');
  });
});

describe('repair: the loop', () => {
  test('a kick schedules one check; it repeats with growing waits while something is missing, then idles', () => {
    const timers = manualTimers();
    let missing = 3;
    const rounds: number[] = [];
    const loop = new RepairLoop(
      () => {
        rounds.push(missing);
        return missing;
      },
      { timers },
    );
    assert.equal(loop.pending, false);
    loop.kick();
    loop.kick(); // no second timer while one is scheduled
    assert.equal(timers.scheduled, 1);
    timers.fire(); // 3 missing
    missing = 2;
    timers.fire(); // 2 missing
    missing = 0;
    timers.fire(); // all repaired
    assert.deepEqual(rounds, [3, 2, 0]);
    assert.equal(loop.pending, false, 'idle once nothing is missing');
    assert.deepEqual(timers.waits, [1000, 2000, 4000]);

    // A new failure later starts the backoff over.
    loop.kick();
    assert.equal(timers.waits.at(-1), 1000);
  });

  test('the wait is bounded, and a throwing round is tried again', () => {
    const timers = manualTimers();
    let calls = 0;
    const loop = new RepairLoop(
      () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return 1;
      },
      { timers },
    );
    loop.kick();
    for (let i = 0; i < 10; i++) timers.fire();
    assert.equal(calls, 10);
    assert.ok(timers.waits.every((ms) => ms <= REPAIR_BACKOFF.maxMs));
    assert.equal(timers.waits.at(-1), REPAIR_BACKOFF.maxMs);
    loop.stop();
    assert.equal(loop.pending, false);
  });
});
