/**
 * npm run bench:room — one Chromium page (1280x800) in a room with 11 load bots for 30 s, with
 * adaptive stream on and then off, in the same run (docs/layouts.md). Numbers, not a test; never
 * part of npm test. Writes its section of BENCHMARKS.md (between the bench:room markers).
 *
 * Per mode: renderer CPU (CDP SystemInfo.getProcessInfo), main-thread busy % (CDP
 * Performance.getMetrics TaskDuration), long tasks over 50 ms (PerformanceObserver), decoded
 * pixels per second (inbound-rtp framesDecoded x frame size) against displayed pixels per second
 * (each tile's on-screen area x devicePixelRatio² x its decoded frame rate; 0 while out of view).
 */
import { writeBenchSection } from './report.js';
import type { Browser, Page } from 'playwright-core';
import { startBots } from '../bots/index.js';
import { eventually, launchBrowser, startServer, uniqueRoom } from '../test/e2e/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PixelSample {
  at: number;
  tiles: { userId: string; frames: number; width: number; height: number; area: number }[];
}

/** Per remote tile: decoded frames and size (inbound-rtp), and its visible on-screen area in device px. */
const pixels = (page: Page) =>
  page.evaluate(async () => {
    (globalThis as any).__name ??= (f: unknown) => f;
    const room = document.querySelector('conf-room') as (HTMLElement & { session?: any }) | null;
    const dpr = devicePixelRatio || 1;
    const tiles = [...(room?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    const out = await Promise.all(
      tiles.map(async (tile) => {
        const userId = tile.getAttribute('user-id') ?? '';
        let frames = 0, width = 0, height = 0;
        const report: RTCStatsReport | null = await room?.session?.getConsumerStats(userId, 'video').catch(() => null);
        report?.forEach((s: any) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') ({ framesDecoded: frames = 0, frameWidth: width = 0, frameHeight: height = 0 } = s);
        });
        const r = tile.getBoundingClientRect();
        const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
        const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
        return { userId, frames, width, height, area: w * h * dpr * dpr };
      }),
    );
    return { at: performance.now(), tiles: out };
  }) as Promise<PixelSample>;

async function rendererCpuSeconds(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo' as never)) as { processInfo: { type: string; cpuTime: number }[] };
  await cdp.detach();
  return info.processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
}

async function measure(browser: Browser, url: string, room: string, adaptive: boolean) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript((on: boolean) => {
    const w = window as any;
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    if (!on) {
      new MutationObserver(() => document.querySelector('conf-room')?.setAttribute('adaptive-stream', 'off')).observe(document, {
        childList: true,
        subtree: true,
      });
    }
  }, adaptive);
  await page.goto(`${url}/?room=${room}&name=Bench&user=bench-${adaptive ? 'on' : 'off'}`);
  await eventually(async () => {
    const s = await pixels(page);
    return s.tiles.length === 11 && s.tiles.every((t) => t.frames > 0);
  }, '11 remote tiles decoding', 120_000);
  await sleep(5000); // adaptive stream settles
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
  const [cpu0, task0, px0] = [await rendererCpuSeconds(browser), await task(), await pixels(page)];
  const start = px0.at;
  await sleep(SECONDS * 1000);
  const [cpu1, task1, px1] = [await rendererCpuSeconds(browser), await task(), await pixels(page)];
  const wall = (px1.at - px0.at) / 1000;
  let decoded = 0, displayed = 0;
  for (const t of px1.tiles) {
    const before = px0.tiles.find((b) => b.userId === t.userId);
    if (!before) continue;
    const frames = t.frames - before.frames;
    decoded += frames * t.width * t.height;
    displayed += frames * t.area;
  }
  const longTasks = (await page.evaluate(() => (window as any).longTasks)) as { start: number; duration: number }[];
  const inWindow = longTasks.filter((l) => l.start >= start);
  await context.close();
  return {
    adaptive,
    rendererCpu: ((cpu1 - cpu0) / wall) * 100,
    mainBusy: ((task1 - task0) / wall) * 100,
    longTasks: inWindow.length,
    longestTask: Math.max(0, ...inWindow.map((l) => l.duration)),
    decodedMpx: decoded / wall / 1e6,
    displayedMpx: displayed / wall / 1e6,
  };
}

const server = await startServer();
const browser = await launchBrowser();
const room = uniqueRoom('bench-room');
const bots = await startBots({ url: server.url, room, count: 11 });
try {
  const results = [];
  for (const adaptive of [true, false]) results.push(await measure(browser, server.url, room, adaptive));
  const rows = results.map(
    (r) =>
      `| ${r.adaptive ? 'on' : 'off'} | ${r.rendererCpu.toFixed(0)}% | ${r.mainBusy.toFixed(1)}% | ${r.longTasks} (longest ${r.longestTask.toFixed(0)} ms) | ${r.decodedMpx.toFixed(2)} | ${r.displayedMpx.toFixed(2)} | ${(r.decodedMpx / Math.max(r.displayedMpx, 1e-9)).toFixed(2)}× |`,
  );
  const section = [
    '<!-- bench:room -->',
    '## A room of 12: one browser and 11 bots (`npm run bench:room`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (2 shared cores), one headless Chromium page at`,
    `1280x800 in the demo's grid with 11 load bots, ${SECONDS} s per mode, both modes in the same run. Renderer CPU is`,
    'percent of one core (all renderer processes); main-thread busy is CDP TaskDuration over wall time.',
    '',
    '| adaptive stream | renderer CPU | main thread busy | long tasks > 50 ms | decoded Mpx/s | displayed Mpx/s | decoded / displayed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Aims: main thread < 5% busy with no long task over 50 ms; decoded pixels ≤ 1.5× displayed.',
    'Not measured here yet: server CPU (Node vs worker), publisher CPU with and without dynacast.',
    '<!-- /bench:room -->',
  ].join('\n');
  writeBenchSection('room', section.replace('<!-- bench:room -->', '').replace('<!-- /bench:room -->', ''));
  console.log(section);
} finally {
  await bots.stop();
  await browser.close();
  await server.stop();
}
