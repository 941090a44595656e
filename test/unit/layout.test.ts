import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SpeakerHold,
  camKey,
  chooseStage,
  clampPage,
  effectiveLayout,
  fitGrid,
  pageOf,
  screenKey,
} from '../../components/conf-room/layout.js';
import { FullSizeEstimate, fullSize, STEADY_MS, streamTypeForSize } from '../../components/controllers/adaptive-layer.js';

test('effectiveLayout: auto is speaker while sharing, a pin always gives a stage', () => {
  assert.equal(effectiveLayout('auto', false, false), 'grid');
  assert.equal(effectiveLayout('auto', true, false), 'speaker');
  assert.equal(effectiveLayout('grid', true, false), 'grid');
  assert.equal(effectiveLayout('grid', false, true), 'speaker');
  assert.equal(effectiveLayout('speaker', false, false), 'speaker');
});

test('chooseStage: pin > screen > held speaker > first remote > self', () => {
  const tiles = [camKey('me'), camKey('ada'), camKey('bob')];
  assert.equal(chooseStage({ tiles, pinned: null, speaker: null, self: 'me' }), 'cam:ada');
  assert.equal(chooseStage({ tiles, pinned: null, speaker: 'bob', self: 'me' }), 'cam:bob');
  assert.equal(chooseStage({ tiles, pinned: camKey('me'), speaker: 'bob', self: 'me' }), 'cam:me');
  assert.equal(chooseStage({ tiles: [...tiles, screenKey('ada')], pinned: null, speaker: 'bob', self: 'me' }), 'screen:ada');
  // A pin on a tile that is gone is ignored.
  assert.equal(chooseStage({ tiles, pinned: camKey('gone'), speaker: 'bob', self: 'me' }), 'cam:bob');
  assert.equal(chooseStage({ tiles: [camKey('me')], pinned: null, speaker: null, self: 'me' }), 'cam:me');
  assert.equal(chooseStage({ tiles: [], pinned: null, speaker: null, self: 'me' }), null);
});

test('fitGrid: fills the area at 16:9 for 1, 2, 7 and 12 tiles without paging at 1280x720', () => {
  const one = fitGrid({ count: 1, width: 1280, height: 720, gap: 0 });
  assert.deepEqual([one.cols, one.rows, one.tileWidth, one.tileHeight, one.pages], [1, 1, 1280, 720, 1]);
  const two = fitGrid({ count: 2, width: 1280, height: 720, gap: 8 });
  assert.equal(two.cols, 2);
  assert.equal(two.rows, 1);
  const seven = fitGrid({ count: 7, width: 1280, height: 720, gap: 8 });
  assert.equal(seven.cols * seven.rows >= 7, true);
  assert.equal(seven.cols, 3);
  const twelve = fitGrid({ count: 12, width: 1280, height: 720, gap: 8 });
  assert.equal(twelve.cols, 4);
  assert.equal(twelve.pages, 1);
  for (const fit of [one, two, seven, twelve]) {
    assert.ok(fit.cols * fit.tileWidth + (fit.cols - 1) * 8 <= 1280 + 1);
    assert.ok(fit.rows * fit.tileHeight + (fit.rows - 1) * 8 <= 720 + 1);
  }
});

test('fitGrid: pages when tiles would be narrower than minTileWidth; every tile is on some page', () => {
  const fit = fitGrid({ count: 12, width: 400, height: 300, gap: 8, minTileWidth: 160 });
  assert.ok(fit.tileWidth >= 160, `tile ${fit.tileWidth}`);
  assert.ok(fit.pages > 1);
  assert.ok(fit.perPage * fit.pages >= 12);
  assert.equal(pageOf(11, fit.perPage), fit.pages - 1);
  // A larger minimum means more pages.
  const bigger = fitGrid({ count: 12, width: 400, height: 300, gap: 8, minTileWidth: 300 });
  assert.ok(bigger.pages > fit.pages);
});

test('fitGrid: mobile portrait 366x700 with 12 people gives two columns', () => {
  const fit = fitGrid({ count: 12, width: 366, height: 700, gap: 8 });
  assert.equal(fit.cols, 2);
  assert.ok(fit.tileWidth >= 160);
  const more = fitGrid({ count: 12, width: 366, height: 400, gap: 8 });
  assert.equal(more.cols, 2);
  assert.ok(more.pages >= 2);
});

test('clampPage keeps the page in range', () => {
  assert.equal(clampPage(5, 3), 2);
  assert.equal(clampPage(-1, 3), 0);
  assert.equal(clampPage(1, 0), 0);
});

test('SpeakerHold: switches only after the hold time, silence keeps the speaker', () => {
  const hold = new SpeakerHold(1500);
  assert.equal(hold.update('ada', 0), 'ada'); // the first speaker at once
  assert.equal(hold.update('bob', 100), 'ada');
  assert.equal(hold.pendingIn(100), 1500);
  assert.equal(hold.update('bob', 1599), 'ada');
  assert.equal(hold.update('bob', 1600), 'bob');
  assert.equal(hold.pendingIn(1600), null);
  // A short burst from someone else is not enough, and resets when the speaker comes back.
  assert.equal(hold.update('cy', 2000), 'bob');
  assert.equal(hold.update('bob', 2500), 'bob');
  assert.equal(hold.update('cy', 3000), 'bob');
  assert.equal(hold.update('cy', 4000), 'bob');
  assert.equal(hold.update(null, 4400), 'bob');
  hold.forget('bob');
  assert.equal(hold.current, null);
});

test('streamTypeForSize: the smallest stream covering the size', () => {
  assert.equal(streamTypeForSize(320, 180), 'low');
  assert.equal(streamTypeForSize(321, 180), 'medium');
  assert.equal(streamTypeForSize(640, 360), 'medium');
  assert.equal(streamTypeForSize(641, 300), 'high');
  assert.equal(streamTypeForSize(200, 400), 'high'); // tall tile: the height decides
  assert.deepEqual(fullSize(320, 180, 'low'), { width: 1280, height: 720 });
  assert.deepEqual(fullSize(640, 480, 'high'), { width: 640, height: 480 });
  assert.equal(streamTypeForSize(320, 240, fullSize(640, 480, 'high')), 'medium');
  assert.deepEqual(fullSize(null, null, null), { width: 1280, height: 720 });
});

test('FullSizeEstimate: frames size the camera only once the forwarded stream is steady', () => {
  const e = new FullSizeEstimate();
  const size = (width: number, height: number) => ({ width, height });
  assert.deepEqual(e.full, size(1280, 720), 'nothing read yet: 1280x720');
  // The consumer starts at the top: a 640x360 camera, but not read before STEADY_MS.
  e.note(640, 360, 'high', 0);
  e.note(640, 360, 'high', STEADY_MS - 1);
  assert.deepEqual(e.full, size(1280, 720));
  e.note(640, 360, 'high', STEADY_MS);
  assert.deepEqual(e.full, size(640, 360));
  // Switched to low: the stats still show the top's frames (640 "at low" would be 2560 px).
  e.note(640, 360, 'low', 2000);
  e.note(640, 360, 'low', 2500);
  e.note(160, 90, 'low', 3000);
  assert.deepEqual(e.full, size(640, 360), 'the stale frames are not read');
  e.note(160, 90, 'low', 2000 + STEADY_MS);
  assert.deepEqual(e.full, size(640, 360), 'low\'s own frames, steady: the same camera');
  // Paused (no stream forwarded), then resumed: the clock starts again.
  e.note(160, 90, null, 4000);
  e.note(160, 90, 'low', 4100);
  e.note(1280, 720, 'low', 4200);
  assert.deepEqual(e.full, size(640, 360));
  e.note(320, 180, 'low', 4100 + STEADY_MS);
  assert.deepEqual(e.full, size(1280, 720), 'a new steady reading replaces the old');
});
