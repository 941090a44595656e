/**
 * The stats loop, its derived numbers and StatsReportsManager, in Node with fake timers and a fake
 * session (docs/quality.md). Also the pure helpers of the quality manager.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { StatsDeriver, type RtcStatsEntry, type StatsSample } from '../../src/stats/derive.js';
import { StatsPoller } from '../../src/stats/StatsPoller.js';
import { StatsReportsManager } from '../../src/stats/StatsReportsManager.js';
import { cameraEncodings, scaledBitrates, withMinimums } from '../../src/session/quality.js';
import { DEFAULT_PUBLISHER_QUALITY, patchPublisherQuality, qualityPreferenceOf, streamTypeOf } from '../../src/state/quality.js';
import { createInitialSnapshot } from '../../src/state/publishers.js';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const report = (...entries: RtcStatsEntry[]) => new Map(entries.map((e) => [e.id, e]));

describe('StatsPoller', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('polls only while watched, at the shortest interval, each watcher at its own pace', async () => {
    let collected = 0;
    const poller = new StatsPoller(async () => ++collected);
    assert.equal(poller.running, false);
    const fast: number[] = [];
    const slow: number[] = [];
    const offFast = poller.watch(250, (n) => fast.push(n));
    const offSlow = poller.watch(1000, (n) => slow.push(n));
    assert.equal(poller.intervalMs, 250);
    for (let i = 0; i < 8; i++) {
      mock.timers.tick(250);
      await flush();
    }
    assert.equal(collected, 8);
    assert.equal(fast.length, 8);
    assert.equal(slow.length, 2);
    offFast();
    assert.equal(poller.intervalMs, 1000);
    offSlow();
    offSlow(); // idempotent
    assert.equal(poller.running, false);
    assert.equal(poller.watcherCount, 0);
    mock.timers.tick(5000);
    await flush();
    assert.equal(collected, 8, 'no polling without watchers');
  });

  it('a failing collect skips a round and keeps going', async () => {
    let n = 0;
    const poller = new StatsPoller(async () => {
      if (++n === 1) throw new Error('transport closed');
      return n;
    });
    const seen: number[] = [];
    const off = poller.watch(100, (v) => seen.push(v));
    for (let i = 0; i < 3; i++) {
      mock.timers.tick(100);
      await flush();
    }
    assert.deepEqual(seen, [2, 3]);
    off();
  });
});

describe('StatsDeriver', () => {
  it('computes kbps from byte deltas, the mic level from energy deltas, and frame size', () => {
    const deriver = new StatsDeriver();
    const inbound = (bytes: number, energy: number, duration: number, frames: number) => [
      report({ id: 'v', type: 'inbound-rtp', kind: 'video', bytesReceived: bytes, frameWidth: 160, frameHeight: 120, framesDecoded: frames }),
      report({ id: 'a', type: 'inbound-rtp', kind: 'audio', bytesReceived: bytes / 10, totalAudioEnergy: energy, totalSamplesDuration: duration, audioLevel: 0 }),
    ];
    const first = deriver.derive([{ userId: 'ada', local: false, reports: inbound(0, 0, 0, 0) }], 10_000);
    assert.equal(first.users[0]!.videoBitrate, null, 'no rate from a single sample');
    assert.equal(first.users[0]!.micLevel, 0, 'the instant level until there is a delta');
    // 125 000 bytes in 1 s = 1000 kbps; energy 0.01 over 1 s = RMS 0.1.
    const second = deriver.derive([{ userId: 'ada', local: false, reports: inbound(125_000, 0.01, 1, 30) }], 11_000);
    const ada = second.users[0]!;
    assert.equal(ada.videoBitrate, 1000);
    assert.equal(ada.audioBitrate, 100);
    assert.equal(ada.micLevel, 0.1);
    assert.equal(ada.frameWidth, 160);
    assert.equal(ada.frameRate, 30);
    assert.equal(ada.stats.size, 2);
  });

  it('uses the media source for your own mic, and sums the sent layers', () => {
    const deriver = new StatsDeriver();
    const out = (bytes: number, energy: number) =>
      report(
        { id: 'o0', type: 'outbound-rtp', kind: 'video', bytesSent: bytes, frameWidth: 160 },
        { id: 'o1', type: 'outbound-rtp', kind: 'video', bytesSent: bytes, frameWidth: 640, frameHeight: 480 },
        { id: 'm', type: 'media-source', kind: 'audio', totalAudioEnergy: energy, totalSamplesDuration: energy * 100, audioLevel: 0.2 },
      );
    deriver.derive([{ userId: 'me', local: true, reports: [out(0, 0)] }], 0);
    const me = deriver.derive([{ userId: 'me', local: true, reports: [out(12_500, 0.04)] }], 1000).users[0]!;
    assert.equal(me.videoBitrate, 200);
    assert.equal(me.frameWidth, 640);
    assert.equal(me.micLevel, 0.1);
  });

  it('starts over when the consumer changes', () => {
    const deriver = new StatsDeriver();
    deriver.derive([{ userId: 'x', local: false, reports: [report({ id: 'v1', type: 'inbound-rtp', kind: 'video', bytesReceived: 1e6 })] }], 0);
    const next = deriver.derive([{ userId: 'x', local: false, reports: [report({ id: 'v2', type: 'inbound-rtp', kind: 'video', bytesReceived: 10 })] }], 1000);
    assert.equal(next.users[0]!.videoBitrate, null);
  });
});

describe('StatsReportsManager', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  /** A fake session whose stats loop is the real StatsPoller over canned samples. */
  function fakeSession() {
    let round = 0;
    const poller = new StatsPoller<StatsSample>(async () => {
      round++;
      return {
        at: Date.now(),
        users: [
          { userId: 'ada', local: false, stats: new Map(), micLevel: round % 2 ? 0.3 : 0, videoBitrate: 100 * round, audioBitrate: 30, frameWidth: 640, frameHeight: 480, frameRate: 30 },
          { userId: 'me', local: true, stats: new Map(), micLevel: 0.2, videoBitrate: null, audioBitrate: null, frameWidth: null, frameHeight: null, frameRate: null },
        ],
      };
    });
    return { poller, statsReportsInterval: 500, watchStats: (ms: number, l?: (s: StatsSample) => void) => poller.watch(ms, l ?? (() => {})) };
  }

  it('streams mic level and video bitrate per user; dispose() leaves no timers or listeners', async () => {
    const session = fakeSession();
    const manager = new StatsReportsManager();
    manager.init(session);
    assert.equal(session.poller.watcherCount, 1);
    assert.equal(session.poller.intervalMs, 500, "the session's statsReportsInterval");
    const levels: [string, number][] = [];
    const bitrates: number[] = [];
    manager.micLevel.subscribe((e) => levels.push([e.userId, e.micLevel]));
    manager.onVideoBitrate('ada', (kbps) => bitrates.push(kbps));
    for (let i = 0; i < 3; i++) {
      mock.timers.tick(500);
      await flush();
    }
    assert.deepEqual(levels, [['ada', 0.3], ['me', 0.2], ['ada', 0], ['me', 0.2], ['ada', 0.3], ['me', 0.2]]);
    assert.deepEqual(bitrates, [100, 200, 300]);
    assert.equal(manager.micLevelOf('ada'), 0.3);
    assert.equal(manager.videoBitrateOf('ada'), 300);
    assert.equal(manager.videoBitrateOf('me'), null);

    manager.dispose();
    assert.equal(session.poller.watcherCount, 0);
    assert.equal(session.poller.running, false, 'no timer left');
    assert.equal(manager.listenerCount, 0);
    assert.equal(manager.active, false);
    mock.timers.tick(5000);
    await flush();
    assert.equal(bitrates.length, 3, 'nothing after dispose');
    manager.dispose(); // idempotent
  });

  it('dispose() during a collection in flight delivers nothing and stops', async () => {
    const session = fakeSession();
    const manager = new StatsReportsManager();
    manager.init(session, { intervalMs: 200 });
    let n = 0;
    manager.micLevel.subscribe(() => n++);
    mock.timers.tick(200); // collect starts, not resolved yet
    manager.dispose();
    await flush();
    mock.timers.tick(1000);
    await flush();
    assert.equal(n, 0);
    assert.equal(session.poller.running, false);
  });

  it('init() twice keeps one registration; a session without a stats loop is refused', () => {
    const session = fakeSession();
    const manager = new StatsReportsManager();
    manager.init(session);
    manager.init(session);
    assert.equal(session.poller.watcherCount, 1);
    manager.dispose();
    assert.throws(() => manager.init({}), TypeError);
  });
});

describe('quality helpers', () => {
  it('scales the simulcast bitrates under a cap, keeping all three encodings', () => {
    assert.deepEqual(scaledBitrates(undefined, null), [96, 512, 1024]);
    assert.deepEqual(scaledBitrates({ high: 2000 }, null), [96, 512, 2000]);
    const capped = scaledBitrates(undefined, 200);
    assert.equal(capped.length, 3);
    assert.ok(capped[0] + capped[1] + capped[2] <= 200, String(capped));
    assert.ok(capped.every((k) => k > 0));
    assert.deepEqual(scaledBitrates(undefined, 5000), [96, 512, 1024]);
    const enc = cameraEncodings(undefined, null);
    assert.deepEqual(enc.map((e) => [e.rid, e.scaleResolutionDownBy, e.maxBitrate, e.scalabilityMode]), [
      ['r0', 4, 96_000, 'L1T3'],
      ['r1', 2, 512_000, 'L1T3'],
      ['r2', 1, 1_024_000, 'L1T3'],
    ]);
  });

  it('adds mediaConfig minimums to the camera constraints', () => {
    const base = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
    assert.equal(withMinimums(base, undefined), base);
    assert.deepEqual(withMinimums(base, { minWidth: 480, minHeight: 320, minFrameRate: 15 }), {
      width: { ideal: 1280, min: 480 },
      height: { ideal: 720, min: 320 },
      frameRate: { ideal: 30, min: 15 },
    });
  });

  it('patches publisher quality immutably; maps layers to stream types', () => {
    const snap = createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });
    assert.equal(patchPublisherQuality(snap, 'nobody', { bitrate: 1 }), snap);
    const withAda = {
      ...snap,
      publishers: { ada: { userId: 'ada', name: 'Ada', callType: 'video' as const, audioMuted: false, videoEnabled: true, subscribed: true, tracks: { audio: null, video: null }, stream: null, screen: null } },
    };
    const next = patchPublisherQuality(withAda, 'ada', { requestedStreamType: 'low' });
    assert.notEqual(next, withAda);
    assert.equal(next.publishers.ada!.quality!.requestedStreamType, 'low');
    assert.equal(patchPublisherQuality(next, 'ada', { requestedStreamType: 'low' }), next, 'no change, same snapshot');
    assert.equal(qualityPreferenceOf(next.publishers.ada!.quality!), 'low');
    assert.equal(qualityPreferenceOf({ ...DEFAULT_PUBLISHER_QUALITY, audioOnly: true }), 'audio-only');
    assert.deepEqual([0, 1, 2].map(streamTypeOf), ['low', 'medium', 'high']);
  });
});
