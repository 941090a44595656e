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
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { writeBenchSection } from './report.js';
import { cpuPercentByKind, treeCpu } from './proc-cpu.js';
import { summariseTrace } from './trace-summary.js';
import { selfTimes, sourceMapper, type CpuProfile } from './js-profile.js';
import type { Browser, Page } from 'playwright-core';
import { startBots } from '../bots/index.js';
import { launchBrowser, startServer, uniqueRoom } from '../test/e2e/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** BENCH_PROFILE=1: also take a V8 CPU profile of the page during the window and print the hottest functions. */
const PROFILE = process.env.BENCH_PROFILE === '1';
/**
 * BENCH_MODES=on,off,floor: the modes to measure, in order (default on,off). `floor` is demo/floor.html,
 * bare mediasoup-client with 11 plain <video> elements and no kit code: Chromium's own cost of
 * receiving and showing the 11 videos (full layer), which no kit change can remove.
 */
type Mode = 'on' | 'off' | 'floor';
const MODES = (process.env.BENCH_MODES ?? 'on,off').split(',').map((m) => m.trim() as Mode);
/** BENCH_TRACE=1: also record a Chromium trace of the window and print the main thread's self time by event. */
const TRACE = process.env.BENCH_TRACE === '1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PixelSample {
  at: number;
  tiles: { userId: string; frames: number; width: number; height: number; area: number }[];
}

/** The floor page's <video> elements: decoded frames (getVideoPlaybackQuality), size and visible area. */
const floorPixels = (page: Page) =>
  page.evaluate(() => {
    const dpr = devicePixelRatio || 1;
    const tiles = [...document.querySelectorAll('video')].map((v, i) => {
      const r = v.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      return { userId: String(i), frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth, height: v.videoHeight, area: w * h * dpr * dpr };
    });
    return { at: performance.now(), tiles };
  }) as Promise<PixelSample>;

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

async function cdpRendererCpuSeconds(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo' as never)) as { processInfo: { type: string; cpuTime: number }[] };
  await cdp.detach();
  return info.processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
}

/** CPU per process kind: Chromium's (children of this process, the server's tree left out) and the server's. */
function cpuReading(serverPid: number) {
  const server = treeCpu(serverPid);
  const all = treeCpu(process.pid);
  for (const pid of [...all.keys()]) if (server.has(pid) || pid === process.pid) all.delete(pid);
  return { browser: all, server };
}

async function measure(browser: Browser, url: string, room: string, mode: Mode, serverPid: number) {
  const adaptive = mode === 'on';
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) page.on('console', (m) => (m.type() === 'warning' || m.type() === 'error') && console.log(`[page ${m.type()}] ${m.text()}`));
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
  if (mode === 'floor') {
    await page.goto(`${url}/floor.html?room=${room}&user=bench-floor&publish=1`);
    await page.waitForFunction(() => (window as any).floorResult, undefined, { timeout: 180_000 });
    const result = await page.evaluate(() => (window as any).floorResult);
    if (result.error) throw new Error(`floor: ${result.error}`);
    await page.waitForFunction(() => document.querySelectorAll('video').length === 11, undefined, { timeout: 60_000 });
  } else await page.goto(`${url}/?room=${room}&name=Bench&user=bench-${mode}`);
  // Polled every 2 s: each poll walks 11 consumers' stats, which a loaded page feels.
  let last: PixelSample | null = null;
  const deadline = Date.now() + 180_000;
  for (; mode !== 'floor'; ) {
    last = await pixels(page).catch(() => null);
    const connection = await page.evaluate(() => document.querySelector('conf-room')?.getAttribute('connection'));
    if (connection === 'joined' && last?.tiles.length === 11 && last.tiles.every((t) => t.frames > 0)) break;
    if (connection === 'closed' || Date.now() > deadline) {
      const error = await page.evaluate(() => JSON.stringify((document.querySelector('conf-room') as any)?.session?.state.getSnapshot().error));
      throw new Error(`11 remote tiles decoding: ${connection}, error ${error}; tiles ${JSON.stringify(last?.tiles.map((t) => [t.userId, t.frames]))}`);
    }
    await sleep(2000);
  }
  await sleep(5000); // adaptive stream settles
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  /** TaskDuration: wall time of the main thread's tasks; ThreadTime: the main thread's CPU time (both seconds). */
  const task = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { wall: of('TaskDuration'), cpu: of('ThreadTime') };
  };
  // The pixel readings (11 getStats walks) are taken outside the CPU window, so they are not counted.
  const px0 = mode === 'floor' ? await floorPixels(page) : await pixels(page);
  if (TRACE) await browser.startTracing(page, { categories: (process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8').split(',') });
  const start = await page.evaluate(() => performance.now());
  const [cdpCpu0, task0, cpu0, t0] = [await cdpRendererCpuSeconds(browser), await task(), cpuReading(serverPid), performance.now()];
  await sleep(SECONDS * 1000);
  const [cpu1, task1, cdpCpu1, t1] = [cpuReading(serverPid), await task(), await cdpRendererCpuSeconds(browser), performance.now()];
  const end = await page.evaluate(() => performance.now());
  const rawTrace = TRACE ? (await browser.stopTracing()).toString('utf8') : '';
  if (process.env.BENCH_TRACE_FILE) writeFileSync(`${process.env.BENCH_TRACE_FILE}.${mode}.json`, rawTrace);
  const trace = TRACE ? summariseTrace(rawTrace, 40) : null;
  const px1 = mode === 'floor' ? await floorPixels(page) : await pixels(page);
  const procWall = (t1 - t0) / 1000;
  const wall = (px1.at - px0.at) / 1000;
  const hot = PROFILE ? selfTimes(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile, 40, await sourceMapper(`${STATIC ?? 'dist/demo'}/assets`)) : [];
  let decoded = 0, displayed = 0;
  for (const t of px1.tiles) {
    const before = px0.tiles.find((b) => b.userId === t.userId);
    if (!before) continue;
    const frames = t.frames - before.frames;
    decoded += frames * t.width * t.height;
    displayed += frames * t.area;
  }
  const longTasks = (await page.evaluate(() => (window as any).longTasks)) as { start: number; duration: number }[];
  const inWindow = longTasks.filter((l) => l.start >= start && l.start <= end);
  // Leave first: a closed page's participant is otherwise kept for resume (20 s), and the next
  // mode's page would find the room full.
  await page.evaluate(() => (document.querySelector('conf-room') as (HTMLElement & { leave(): Promise<void> }) | null)?.leave()).catch(() => undefined);
  await context.close();
  const browserCpu = cpuPercentByKind(cpu0.browser, cpu1.browser, procWall);
  const serverCpu = cpuPercentByKind(cpu0.server, cpu1.server, procWall);
  const sum = (o: Record<string, number>, pick: (k: string) => boolean) => Object.entries(o).filter(([k]) => pick(k)).reduce((a, [, v]) => a + v, 0);
  return {
    mode,
    trace,
    rendererCpu: browserCpu.renderer ?? 0,
    otherBrowserCpu: sum(browserCpu, (k) => k !== 'renderer' && !['ffmpeg', 'esbuild', 'node'].includes(k)),
    botsCpu: browserCpu.ffmpeg ?? 0,
    cdpRendererCpu: ((cdpCpu1 - cdpCpu0) / procWall) * 100,
    browserCpu,
    serverNode: sum(serverCpu, (k) => k !== 'mediasoup-worker'),
    serverWorker: serverCpu['mediasoup-worker'] ?? 0,
    mainBusy: ((task1.wall - task0.wall) / procWall) * 100,
    mainCpu: ((task1.cpu - task0.cpu) / procWall) * 100,
    longTasks: inWindow.length,
    longestTask: Math.max(0, ...inWindow.map((l) => l.duration)),
    decodedMpx: decoded / wall / 1e6,
    displayedMpx: displayed / wall / 1e6,
    hot,
  };
}

const load0 = loadavg();
// A generous keepalive: on a machine loaded by several engineers (load average 20+) the page's
// socket can stay silent for over the default 10 s, and the server then cuts it mid-measurement.
// BENCH_STATIC_DIR: serve another build of the demo (a copy of an earlier dist/demo, to compare builds in one sitting).
const STATIC = process.env.BENCH_STATIC_DIR;
const server = await startServer({ WS_PING_TIMEOUT_MS: '60000', ...(STATIC ? { STATIC_DIR: STATIC } : {}), ...(process.env.BENCH_DEBUG ? { LOG_LEVEL: 'info' } : {}) });
process.on('exit', () => process.env.BENCH_DEBUG && writeFileSync('/tmp/mt-server.log', server.logs()));
const browser = await launchBrowser([], { cameraFps: null });
const room = uniqueRoom('bench-room');
const bots = await startBots({ url: server.url, room, count: 11 });
try {
  const results = [];
  for (const adaptive of MODES) results.push(await measure(browser, server.url, room, adaptive, server.pid));
  const load1 = loadavg();
  for (const r of results) {
    console.log(`${r.mode}: browser CPU by process kind (% of one core)`, r.browserCpu,
      `; CDP SystemInfo renderer cpuTime: ${r.cdpRendererCpu.toFixed(1)}%`);
    if (r.hot.length) {
      console.log(`hottest JS (self ms over ${SECONDS} s):`);
      for (const h of r.hot) console.log(`  ${h.selfMs.toFixed(1).padStart(8)}  ${h.name}`);
    }
    if (r.trace) {
      console.log(`main thread trace: ${r.trace.busyMs.toFixed(0)} ms in tasks over ${SECONDS} s; self ms by event:`);
      for (const t of r.trace.self) console.log(`  ${t.selfMs.toFixed(1).padStart(8)}  ${String(t.count).padStart(6)}x  ${t.name}`);
    }
  }
  const pct = (n: number) => `${n.toFixed(0)}%`;
  const rows = results.map(
    (r) =>
      `| ${r.mode === 'floor' ? 'floor (bare mediasoup-client, 11 <video>)' : r.mode} | ${r.mainBusy.toFixed(1)}% | ${r.mainCpu.toFixed(1)}% | ${r.longTasks} (longest ${r.longestTask.toFixed(0)} ms) | ${pct(r.rendererCpu)} | ${pct(r.otherBrowserCpu)} | ${pct(r.serverNode)} | ${pct(r.serverWorker)} | ${r.decodedMpx.toFixed(2)} | ${r.displayedMpx.toFixed(2)} | ${(r.decodedMpx / Math.max(r.displayedMpx, 1e-9)).toFixed(2)}× |`,
  );
  const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const section = [
    '## A room of 12: one browser and 11 bots (`npm run bench:room`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (2 cores, often shared and noisy;`,
    `load average ${fmtLoad(load0)} (1/5/15 min) at the start, ${fmtLoad(load1)} at the end), one`,
    `headless Chromium page at 1280x800 in the demo's grid with 11 load bots, ${SECONDS} s per mode, both modes in the same run.`,
    '',
    '| adaptive stream | main thread busy | main thread CPU | long tasks > 50 ms | renderer CPU | other Chromium CPU | server Node | server mediasoup-worker | decoded Mpx/s | displayed Mpx/s | decoded / displayed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '- Main thread busy: CDP `Performance.getMetrics` TaskDuration (wall time of the page\'s main-thread tasks) over the',
    '  window; main thread CPU: its ThreadTime (CPU time of that thread) over the window. On a loaded machine a task\'s',
    '  wall time includes the time its thread waited for a core, so busy > CPU there.',
    '  Long tasks: PerformanceObserver `longtask` entries in the window.',
    '- CPU columns are percent of one core, from /proc/<pid>/stat (utime + stime) over the window: renderer = the',
    '  page\'s renderer process (all its threads: main, compositor, WebRTC, video decoding); other Chromium = browser,',
    '  GPU (software, `--disable-gpu`) and utility processes (network, audio); server Node = the conf-kit server',
    '  process, worker = its mediasoup-worker child. The bots\' ffmpeg processes are left out.',
    '- Renderer CPU used to come from CDP `SystemInfo.getProcessInfo` alone (45% in both modes). That reading agrees',
    `  with /proc (this run: ${results.map((r) => `${r.cdpRendererCpu.toFixed(0)}% ${r.mode}`).join(', ')}); it was flat because on a saturated machine`,
    '  the renderer gets only its share of a core whatever it has to do: without adaptive stream it decodes fewer',
    '  frames rather than using more CPU. Main-thread busy was also inflated: the window included the bench\'s own',
    '  getStats walks and its clocks did not match. Compare modes within one run, and only on an idle machine with the aims.',
    '',
    '- `BENCH_PROFILE=1 npm run bench:room` also prints the page\'s hottest functions (a V8 CPU profile mapped through',
    '  the demo\'s sourcemaps; the profiler\'s overhead makes that run\'s numbers unfit for the table).',
    '',
    'Aims: main thread < 5% busy with no long task over 50 ms; decoded pixels ≤ 1.5× displayed.',
    'Publisher CPU with and without dynacast: `npm run bench:publisher` (its own section).',
  ].join('\n');
  writeBenchSection('room', section);
  console.log(section);
} finally {
  await bots.stop();
  await browser.close();
  await server.stop();
}
