/**
 * Simulcast, temporal layers, bandwidth caps, audio-only and stats, end to end: the real server,
 * real Chromium, real media through mediasoup (docs/quality.md). One room of two pages: A sends,
 * B receives and asks for qualities. Every measurement is taken where B decodes A's video.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, openPage, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
let a: Page;
let b: Page;

/** Stats loop period of page B (ms). */
const STATS_INTERVAL_MS = 500;
/** How far above a cap B's measured video bitrate may be: RTP/VP8 overhead, and a 3 s window. */
const CAP_TOLERANCE_KBPS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function joinPage(roomId: string, user: string, extra = ''): Promise<Page> {
  const page = await openPage(browser, `${server.url}/session.html?room=${roomId}&user=${user}&name=${user.toUpperCase()}&autoJoin=1${extra}`);
  await eventually(() => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), `${user} joined`);
  // Record the quality events from the start.
  await page.evaluate(() => {
    const w = window as any;
    w.qualityEvents = [];
    w.session.on('substreamchange', (e: unknown) => w.qualityEvents.push({ type: 'substreamchange', ...(e as object) }));
    w.session.on('layerchange', (e: unknown) => w.qualityEvents.push({ type: 'layerchange', ...(e as object) }));
  });
  return page;
}

interface Inbound {
  bytes: number;
  frames: number;
  width: number;
  at: number;
}

/** B's inbound-rtp of A's video or audio (from the consumer's own stats). */
const inbound = (page: Page, userId: string, kind: 'video' | 'audio') =>
  page.evaluate(
    async ([id, k]) => {
      const report: RTCStatsReport | null = await (window as any).session.getConsumerStats(id, k);
      let out = { bytes: 0, frames: 0, width: 0, at: performance.now() };
      report?.forEach((s: any) => {
        if (s.type === 'inbound-rtp' && s.kind === k) {
          out = { bytes: s.bytesReceived ?? 0, frames: s.framesDecoded ?? 0, width: s.frameWidth ?? 0, at: performance.now() };
        }
      });
      return out;
    },
    [userId, kind] as const,
  ) as Promise<Inbound>;

/** Measures over `ms`: kbps and frames per second of what B receives from A. */
async function measure(kind: 'video' | 'audio', ms: number): Promise<{ kbps: number; fps: number; bytes: number; width: number }> {
  const first = await inbound(b, 'a', kind);
  await sleep(ms);
  const last = await inbound(b, 'a', kind);
  const seconds = (last.at - first.at) / 1000;
  return {
    kbps: ((last.bytes - first.bytes) * 8) / 1000 / seconds,
    fps: (last.frames - first.frames) / seconds,
    bytes: last.bytes - first.bytes,
    width: last.width,
  };
}

/** The width of A's video as B's <video> element decodes it. */
const decodedWidth = () =>
  b.evaluate(() => document.querySelector<HTMLVideoElement>('video[data-user-id="a"]')?.videoWidth ?? 0);

const quality = (page: Page, userId: string) =>
  page.evaluate((id) => (window as any).session.state.getSnapshot().publishers[id]?.quality ?? null, userId);

const events = (page: Page, type: string) =>
  page.evaluate((t) => (window as any).qualityEvents.filter((e: any) => e.type === t), type) as Promise<any[]>;

before(async () => {
  // Frame rates are measured here (temporal layers): the fake camera at Chromium's own 20 fps.
  browser = await launchBrowser([], { cameraFps: 20 });
  server = await startServer();
  const r = `q-${Math.random().toString(36).slice(2, 8)}`;
  a = await joinPage(r, 'a');
  b = await joinPage(r, 'b', `&statsReportsInterval=${STATS_INTERVAL_MS}`);
  await eventually(async () => (await decodedWidth()) > 0, 'b decodes a');
});

after(async () => {
  await Promise.all([a, b].map((p) => p?.context().close().catch(() => {})));
  await browser?.close();
  await server?.stop();
});

describe('quality end to end', { concurrency: false }, () => {
  let captureWidth = 0;

  test('low drops the decoded width to the quarter layer and reports low; high brings it back', async () => {
    captureWidth = await a.evaluate(
      () => (window as any).session.state.getSnapshot().self.stream.getVideoTracks()[0].getSettings().width as number,
    );
    assert.ok(captureWidth >= 320, `capture width ${captureWidth}`);
    // Let the sender's bandwidth estimate ramp up until the server forwards the full layer.
    await eventually(async () => (await quality(b, 'a'))?.currentStreamType === 'high', 'a forwarded at high', 30_000);
    const fullWidth = await eventually(async () => {
      const w = await decodedWidth();
      return w > captureWidth / 2 ? w : 0;
    }, 'b decodes a above the medium layer');

    await b.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('a', 'low'));
    const lowWidth = await eventually(async () => {
      const w = await decodedWidth();
      return w > 0 && w <= Math.ceil(captureWidth / 4) ? w : 0;
    }, `decoded width drops to the quarter layer (${captureWidth / 4})`);
    await eventually(async () => (await events(b, 'substreamchange')).some((e) => e.userId === 'a' && e.streamType === 'low'), 'substreamchange low');
    const q = await quality(b, 'a');
    assert.equal(q.requestedStreamType, 'low');
    assert.equal(q.currentStreamType, 'low');

    await b.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('a', 'high'));
    await eventually(async () => (await decodedWidth()) > lowWidth * 2, `decoded width back above ${lowWidth * 2} (was ${fullWidth})`);
    await eventually(async () => {
      const list = await events(b, 'substreamchange');
      return list.at(-1)?.streamType === 'high';
    }, 'substreamchange high');
  });

  test('the plural form asks for many users in one request', async () => {
    await b.evaluate(() => (window as any).session.requestPreferredStreamsForOpponents({ a: 'medium' }));
    await eventually(async () => (await quality(b, 'a'))?.currentStreamType === 'medium', 'a forwarded at medium');
    await eventually(async () => {
      const w = await decodedWidth();
      return w > Math.ceil(captureWidth / 4) && w <= Math.ceil(captureWidth / 2);
    }, 'decoded width at the half layer');
    await b.evaluate(() => (window as any).session.requestPreferredStreamsForOpponents({ a: 'high' }));
    await eventually(async () => (await quality(b, 'a'))?.currentStreamType === 'high', 'a back at high');
  });

  test('temporal layer 0 measurably lowers the received frame rate', async () => {
    // The baseline: after the previous test's switch back to high, wait for a steady full rate.
    const full = (await eventually(async () => {
      const m = await measure('video', 3000);
      return m.fps > 8 ? m : null;
    }, 'a steady full frame rate above 8 fps', 90_000))!;

    await b.evaluate(() => (window as any).session.requestPreferredLayerForOpponentStream('a', 0));
    await eventually(async () => (await events(b, 'layerchange')).some((e) => e.userId === 'a' && e.layer === 0), 'layerchange 0');
    const reduced = await eventually(async () => {
      const m = await measure('video', 3000);
      return m.fps < full.fps * 0.6 ? m : null;
    }, `frame rate below 60% of ${full.fps.toFixed(1)}`, 90_000);
    assert.ok(reduced!.fps > 0, "still some frames");
    assert.equal((await quality(b, 'a')).currentLayer, 0);

    await b.evaluate(() => (window as any).session.requestPreferredLayersForOpponentsStreams({ a: 2 }));
    await eventually(async () => (await quality(b, 'a'))?.currentLayer === 2, 'back at layer 2');
    await eventually(async () => (await measure('video', 2000)).fps > full.fps * 0.7, 'frame rate back');
  });

  test(`setMaxBandwidth(200) on A: B receives A's video at or below 200 + ${CAP_TOLERANCE_KBPS} kbps`, async () => {
    const before = await measure('video', 3000);
    console.log(`# uncapped: ${before.kbps.toFixed(0)} kbps`);
    await a.evaluate(() => (window as any).session.setMaxBandwidth(200));
    assert.equal(await a.evaluate(() => (window as any).session.maxBandwidth), 200);
    // Settled = two consecutive 3 s windows under the cap.
    await eventually(async () => {
      const first = await measure('video', 3000);
      if (first.kbps > 200 + CAP_TOLERANCE_KBPS) return false;
      const second = await measure('video', 3000);
      console.log(`# capped: ${first.kbps.toFixed(0)}, ${second.kbps.toFixed(0)} kbps`);
      return second.kbps <= 200 + CAP_TOLERANCE_KBPS && second.kbps > 0;
    }, 'receive bitrate settles under the cap', 90_000);

    await a.evaluate(() => (window as any).session.setMaxBandwidth(null));
    if (before.kbps > 400) {
      await eventually(async () => (await measure('video', 3000)).kbps > 200 + CAP_TOLERANCE_KBPS, 'bitrate rises again without a cap', 90_000);
    }
  });

  test("audio-only pauses B's consumer of A's video: video bytes stop, audio continues", async () => {
    await b.evaluate(() => (window as any).session.setOpponentQuality('a', 'audio-only'));
    assert.equal((await quality(b, 'a')).audioOnly, true);
    await eventually(async () => (await measure('video', 2000)).bytes < 1000, 'video bytes stop');
    const [video, audio] = await Promise.all([measure('video', 3000), measure('audio', 3000)]);
    assert.ok(video.bytes < 1000, `video bytes in 3 s: ${video.bytes}`);
    assert.ok(audio.bytes > 2000, `audio bytes in 3 s: ${audio.bytes}`);

    await b.evaluate(() => (window as any).session.setOpponentQuality('a', 'auto'));
    await eventually(async () => (await measure('video', 2000)).fps > 5, 'video back');
    assert.equal((await quality(b, 'a')).audioOnly, false);
  });

  test('statsReports arrive at the configured interval, and state gets the bitrate', async () => {
    const gaps = await b.evaluate(async () => {
      const times: number[] = [];
      const off = (window as any).session.statsReports.subscribe((r: any) => {
        if (r.userId === 'a' && r.stats instanceof Map && r.stats.size > 0) times.push(performance.now());
      });
      // Until 10 reports (5 s at the interval), however long this loaded machine takes for them.
      const deadline = performance.now() + 60_000;
      while (times.length < 10 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      off();
      return times.slice(1).map((t, i) => t - times[i]!);
    });
    assert.ok(gaps.length >= 9, `only ${gaps.length + 1} reports in 60 s`);
    const sorted = [...gaps].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    assert.ok(median >= STATS_INTERVAL_MS * 0.7 && median <= STATS_INTERVAL_MS * 2, `median gap ${median.toFixed(0)} ms`);
    const q = await quality(b, 'a');
    assert.ok(q.bitrate > 0, `state bitrate ${q.bitrate}`);
    assert.ok(q.frameWidth > 0, `state frameWidth ${q.frameWidth}`);
    assert.equal(typeof q.score, 'number');
  });

  test("StatsReportsManager: A's beeping mic level is above 0, video bitrate > 0; dispose() stops it all", async () => {
    const result = await b.evaluate(async () => {
      const w = window as any;
      const manager = new w.confKit.StatsReportsManager();
      manager.init(w.session, { intervalMs: 250 });
      let maxMic = 0;
      let maxBitrate = 0;
      let selfMic = 0;
      let count = 0;
      manager.micLevel.subscribe((e: any) => {
        count++;
        if (e.userId === 'a') maxMic = Math.max(maxMic, e.micLevel);
        if (e.userId === 'b') selfMic = Math.max(selfMic, e.micLevel);
      });
      manager.onVideoBitrate('a', (kbps: number) => (maxBitrate = Math.max(maxBitrate, kbps)));
      const deadline = performance.now() + 30_000;
      while (performance.now() < deadline && (maxMic === 0 || maxBitrate === 0 || selfMic === 0)) {
        await new Promise((r) => setTimeout(r, 200));
      }
      manager.dispose();
      const countAtDispose = count;
      await new Promise((r) => setTimeout(r, 1500));
      return { maxMic, maxBitrate, selfMic, afterDispose: count - countAtDispose, listeners: manager.listenerCount, active: manager.active };
    });
    assert.ok(result.maxMic > 0, `a's mic level ${result.maxMic}`);
    assert.ok(result.maxMic <= 1);
    assert.ok(result.selfMic > 0, `b's own mic level ${result.selfMic}`);
    assert.ok(result.maxBitrate > 0, `a's video bitrate ${result.maxBitrate}`);
    assert.equal(result.afterDispose, 0);
    assert.equal(result.listeners, 0);
    assert.equal(result.active, false);
  });
});
