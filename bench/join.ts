/**
 * npm run bench:join — join-to-first-remote-frame for ConferenceSession against the real server,
 * and the same for a bare mediasoup-client page (demo/floor.ts) as the floor. Writes BENCHMARKS.md.
 *
 * Each sample: a fresh browser context joins a room where one publisher (camera+mic) already sits,
 * publishes its own camera+mic, and we time join() start -> first decoded remote video frame
 * (requestVideoFrameCallback). Both pages do the same work; only the code differs.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, openPage, startServer } from '../test/e2e/harness.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function sessionSample(browser: Browser, url: string, room: string, i: number): Promise<number> {
  const page = await openPage(browser, `${url}/session.html`);
  await page.waitForFunction(() => Boolean((window as any).confKit));
  const ms = await page.evaluate(
    async ({ room, user }) => {
      const { ConferenceClient } = (window as any).confKit;
      const client = new ConferenceClient({ url: location.origin });
      const session = client.createCallSession(user, { callType: 'video', name: user });
      const t0 = performance.now();
      const frame = new Promise<number>((resolve) => {
        session.on('remotetrack', ({ kind, track }: { kind: string; track: MediaStreamTrack }) => {
          if (kind !== 'video') return;
          const video = document.createElement('video');
          video.muted = true;
          video.autoplay = true;
          video.srcObject = new MediaStream([track]);
          document.body.append(video);
          video.requestVideoFrameCallback(() => resolve(performance.now()));
        });
      });
      await session.join(room);
      const t1 = await frame;
      (window as any).benchSession = session;
      return t1 - t0;
    },
    { room, user: `bench-s-${i}` },
  );
  await page.evaluate(() => (window as any).benchSession.leave());
  await page.context().close();
  return ms;
}

async function floorSample(browser: Browser, url: string, room: string, i: number): Promise<number> {
  const page: Page = await openPage(browser, `${url}/floor.html?room=${room}&user=bench-f-${i}&publish=1`);
  const result = await eventually(() => page.evaluate(() => (window as any).floorResult), 'floor result', 30_000);
  await page.context().close();
  if ('error' in result) throw new Error(result.error);
  return result.firstFrameMs;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], n: s.length };
}

async function main() {
  const server = await startServer({ LOG_LEVEL: 'error' });
  const browser = await launchBrowser();
  try {
    const room = `bench-${Date.now()}`;
    // The publisher everyone receives from.
    const pub = await openPage(browser, `${server.url}/session.html?room=${room}&user=bench-pub&name=pub&autoJoin=1`);
    await eventually(() => pub.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), 'publisher joined');
    await new Promise((r) => setTimeout(r, 1500));

    const session: number[] = [];
    const floor: number[] = [];
    // Interleave so machine noise hits both alike.
    for (let i = 0; i < RUNS; i++) {
      floor.push(await floorSample(browser, server.url, room, i));
      session.push(await sessionSample(browser, server.url, room, i));
      process.stdout.write(`run ${i + 1}/${RUNS}: floor ${floor[i].toFixed(0)} ms, session ${session[i].toFixed(0)} ms\n`);
    }
    const s = summary(session);
    const f = summary(floor);
    const ratio = s.p50 / f.p50;
    const fmt = (x: number) => `${x.toFixed(0)} ms`;
    const table = [
      '| page | runs | p50 | p95 | max |',
      '| --- | --- | --- | --- | --- |',
      `| ConferenceSession | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`,
      `| bare mediasoup-client (floor) | ${f.n} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.max)} |`,
    ].join('\n');
    const verdict = [
      `- p50 ratio session/floor: **${ratio.toFixed(2)}×** (aim: ≤ 1.2×) — ${ratio <= 1.2 ? 'met' : 'NOT met'}`,
      `- max session join-to-first-frame: **${fmt(s.max)}** (aim: < 600 ms, no keyframe stalls) — ${s.max < 600 ? 'met' : 'NOT met'}`,
    ].join('\n');
    const md = `# Benchmarks

## Join to first remote frame (\`npm run bench:join\`)

Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (2 cores, shared and noisy),
headless Debian Chromium with fake devices, server and browser on 127.0.0.1, one mediasoup worker.
A fresh browser context joins a room that already has one publisher, publishes its own camera and mic
(3-layer VP8 simulcast), and the time from \`join()\` to the first decoded remote video frame
(\`requestVideoFrameCallback\`) is taken. The floor is \`demo/floor.ts\`: the same work with bare
mediasoup-client and no kit code. Runs are interleaved.

${table}

${verdict}
`;
    writeFileSync('BENCHMARKS.md', md);
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
