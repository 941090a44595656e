/**
 * npm run bench:join — navigation to the first decoded remote frame for ConferenceSession
 * (demo/session.html with autoJoin) against the real server, and the same for a bare
 * mediasoup-client page (demo/floor.ts) as the floor, in the same run (issue 15, "Faster first
 * frame"). Writes its section of BENCHMARKS.md (between the bench:join markers).
 *
 * Each sample: a fresh browser context navigates to the page, which joins a room where one
 * publisher (camera+mic) already sits (a room of 2), publishes its own camera+mic, and consumes.
 * Both pages are timed by the same init script: `performance.now()` (whose origin is the
 * navigation start) in the first `requestVideoFrameCallback` of any remote <video> in the page.
 * DOMContentLoaded is read from the navigation timing, to split page load from the join.
 */
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, startServer } from '../test/e2e/harness.js';
import { writeBenchSection } from './report.js';

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 12);
const LOADED =
  '- The machine was far from idle (see the load average), so these times are not comparable with the aims, and the ratio\n' +
  '  is mostly noise (each sample swings by seconds): neither verdict counts; repeat on an idle machine.';

/** Same probe in both pages: the first presented frame of any <video> but the local preview. */
function firstFrameProbe(): void {
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f; // tsx's keepNames helper
  const w = window as unknown as { firstRemoteFrame?: number };
  const seen = new WeakSet<HTMLVideoElement>();
  const watch = () => {
    for (const video of document.querySelectorAll('video')) {
      if (seen.has(video) || video.id === 'local') continue;
      seen.add(video);
      video.requestVideoFrameCallback(() => {
        w.firstRemoteFrame ??= performance.now();
      });
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
}

interface Sample {
  /** navigation start -> first remote frame */
  frame: number;
  /** navigation start -> DOMContentLoaded end */
  dcl: number;
}

async function sample(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[page ${url}] ${err.message}`));
    await page.addInitScript(firstFrameProbe);
    await page.goto(url);
    return (await eventually(
      () =>
        page.evaluate(() => {
          const frame = (window as unknown as { firstRemoteFrame?: number }).firstRemoteFrame;
          const floor = (window as unknown as { floorResult?: { error?: string } }).floorResult;
          if (floor?.error) throw new Error(floor.error);
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return frame === undefined ? null : { frame, dcl: nav?.domContentLoadedEventEnd ?? 0 };
        }),
      `first remote frame on ${url}`,
      30_000,
    ))!;
  } finally {
    // The session leaves cleanly; the floor just closes its socket (RESUME_GRACE_S=0 removes it at once).
    await context.close();
  }
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1]!, n: s.length };
}

async function main() {
  const load0 = (await import('node:os')).loadavg();
  // No resume grace: a closed page leaves at once, so the room stays a room of 2.
  const server = await startServer({ LOG_LEVEL: 'error', RESUME_GRACE_S: '0' });
  const browser = await launchBrowser([], { cameraFps: null });
  try {
    const room = `bench-${Date.now()}`;
    // The publisher everyone receives from.
    const pub = await browser.newContext({ permissions: ['camera', 'microphone'] }).then((c) => c.newPage());
    await pub.goto(`${server.url}/session.html?room=${room}&user=bench-pub&name=pub&autoJoin=1`);
    await eventually(() => pub.evaluate(() => window.session?.state.getSnapshot().connection === 'joined'), 'publisher joined');
    await new Promise((r) => setTimeout(r, 1500));

    const session: Sample[] = [];
    const floor: Sample[] = [];
    // Interleave so machine noise hits both alike; one warm-up pair first (HTTP cache, JIT), not counted.
    await sample(browser, `${server.url}/floor.html?room=${room}&user=bench-f-warm&publish=1`);
    await sample(browser, `${server.url}/session.html?room=${room}&user=bench-s-warm&name=s&autoJoin=1`);
    for (let i = 0; i < RUNS; i++) {
      floor.push(await sample(browser, `${server.url}/floor.html?room=${room}&user=bench-f-${i}&publish=1`));
      session.push(await sample(browser, `${server.url}/session.html?room=${room}&user=bench-s-${i}&name=s&autoJoin=1`));
      const [f, s] = [floor[i]!, session[i]!];
      console.log(`run ${i + 1}/${RUNS}: floor ${f.frame.toFixed(0)} ms (DCL ${f.dcl.toFixed(0)}), session ${s.frame.toFixed(0)} ms (DCL ${s.dcl.toFixed(0)})`);
    }
    const load1 = (await import('node:os')).loadavg();
    const s = summary(session.map((x) => x.frame));
    const f = summary(floor.map((x) => x.frame));
    const sAfter = summary(session.map((x) => x.frame - x.dcl));
    const fAfter = summary(floor.map((x) => x.frame - x.dcl));
    const sDcl = summary(session.map((x) => x.dcl));
    const fDcl = summary(floor.map((x) => x.dcl));
    const ratio = s.p50 / f.p50;
    const fmt = (x: number) => `${x.toFixed(0)} ms`;
    const table = [
      '| page | runs | p50 | p95 | max | DOMContentLoaded (p50) | DCL to frame (p50) |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| ConferenceSession (demo/session.html) | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} | ${fmt(sDcl.p50)} | ${fmt(sAfter.p50)} |`,
      `| bare mediasoup-client (demo/floor.html) | ${f.n} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.max)} | ${fmt(fDcl.p50)} | ${fmt(fAfter.p50)} |`,
    ].join('\n');
    const verdict = [
      `- p50 navigation to first remote frame, session: **${fmt(s.p50)}** (aim ≤ 400 ms on an idle machine; about 900 ms before) — ${s.p50 <= 400 ? 'met' : 'NOT met'}`,
      `- p50 ratio session/floor: **${ratio.toFixed(2)}×** (aim ≤ 1.1×) — ${ratio <= 1.1 ? 'met' : 'NOT met'}`,
      ...(load0[0]! > 2 ? [LOADED] : []),
    ].join('\n');
    const md = `## Navigation to first remote frame (\`npm run bench:join\`)

Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (2 shared cores; load average ${load0[0]!.toFixed(1)} at the start,
${load1[0]!.toFixed(1)} at the end: ${Math.max(load0[0]!, load1[0]!) < 1 ? 'close to idle' : 'NOT an idle machine'}), headless Debian Chromium with fake devices, server and browser on
127.0.0.1, one mediasoup worker. A room of 2: a fresh browser context navigates to the page, which joins a room that already
has one publisher, publishes its own camera and mic (3-layer VP8 simulcast) and consumes. The time is from the navigation
start to the first decoded remote video frame (\`requestVideoFrameCallback\`, the same init script in both pages). The floor
is \`demo/floor.ts\`: the same work with bare mediasoup-client and no kit code. Runs are interleaved, after one warm-up pair.

${table}

${verdict}
`;
    writeBenchSection('join', md);
    console.log(`\n${table}\n\n${verdict}\n\nwritten to BENCHMARKS.md`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
