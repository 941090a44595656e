/**
 * A debugging aid for bench/join.ts: the join waterfall of the session page and the floor page,
 * side by side. An init script (the same in both pages, no change to the pages) timestamps, from
 * the navigation start: every script's fetch (resource timing), DOMContentLoaded, getUserMedia,
 * the WebSocket's open, every signalling request sent and answered (by method), every
 * notification, RTCPeerConnection creation and the first remote video frame.
 *
 *   nice -n 5 node --import tsx bench/join-waterfall.ts [runs]
 *
 * Prints, per page, the median time of each event over the runs (runs interleaved; each event's
 * median is over the runs that had it, so the rows are not one run's timeline). Env:
 * WF_PAGE=name times dist/demo/<name>.html instead of session.html (a variant built beside it);
 * WF_KEYS=event,event prints those events' times run by run. `performance.mark()`s set by the
 * page show up too, for temporary instrumentation. Numbers, not a test; writes nothing.
 */
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, startServer } from '../test/e2e/harness.js';

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 5);

type Ev = [name: string, t: number];

function probe(): void {
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  const w = window as unknown as { evs: Ev[]; firstRemoteFrame?: number };
  const evs: Ev[] = (w.evs = []);
  const mark = (name: string) => evs.push([name, performance.now()]);
  document.addEventListener('DOMContentLoaded', () => mark('DCL'));
  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (c) => {
    mark('gUM start');
    return gum(c).then((s) => (mark('gUM end'), s));
  };
  const enumerate = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
  navigator.mediaDevices.enumerateDevices = () => (mark('enumerateDevices'), enumerate());
  const NativeWS = WebSocket;
  const methods = new Map<number, string>();
  const counts = new Map<string, number>();
  const uniq = (name: string) => {
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  };
  class WS extends NativeWS {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      mark('ws new');
      this.addEventListener('open', () => mark('ws open'));
      this.addEventListener('message', (ev) => {
        try {
          const msg = JSON.parse(String(ev.data));
          if (typeof msg.id === 'number') mark(`<- ${methods.get(msg.id) ?? msg.id}`);
          else if (msg.method) mark(uniq(`<~ ${msg.method}`));
        } catch {
          /* not JSON */
        }
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      try {
        const msg = JSON.parse(String(data));
        if (typeof msg.id === 'number' && msg.method) {
          const name = uniq(`${msg.method}${msg.data?.direction ? `(${msg.data.direction})` : ''}`);
          methods.set(msg.id, name);
          mark(`-> ${name}`);
        }
      } catch {
        /* not JSON */
      }
      super.send(data);
    }
  }
  (window as unknown as { WebSocket: unknown }).WebSocket = WS;
  const NativePC = RTCPeerConnection;
  (window as unknown as { RTCPeerConnection: unknown }).RTCPeerConnection = class extends NativePC {
    constructor(config?: RTCConfiguration) {
      super(config);
      mark(uniq('pc new'));
      this.addEventListener('connectionstatechange', () => mark(uniq(`pc ${this.connectionState}`)));
    }
  };
  const seen = new WeakSet<HTMLVideoElement>();
  new MutationObserver(() => {
    for (const video of document.querySelectorAll('video')) {
      if (seen.has(video) || video.id === 'local') continue;
      seen.add(video);
      mark(uniq('remote <video>'));
      video.requestVideoFrameCallback(() => {
        if (w.firstRemoteFrame === undefined) mark('FIRST FRAME');
        w.firstRemoteFrame ??= performance.now();
      });
    }
  }).observe(document, { childList: true, subtree: true });
}

async function sample(browser: Browser, url: string): Promise<Ev[]> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[page]', err.message));
    page.on('console', (m) => m.type() === 'error' && console.error('[console]', m.text()));
    await page.addInitScript(probe);
    await page.goto(url);
    await eventually(() => page.evaluate(() => (window as unknown as { firstRemoteFrame?: number }).firstRemoteFrame), 'frame', 30_000);
    await new Promise((r) => setTimeout(r, 200));
    return await page.evaluate(() => {
      const w = window as unknown as { evs: Ev[] };
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const out: Ev[] = [...w.evs];
      for (const m of performance.getEntriesByType('mark')) out.push([m.name, m.startTime]);
      for (const r of res) {
        const name = r.name.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '.js');
        out.push([`fetch ${name} start`, r.startTime], [`fetch ${name} end`, r.responseEnd]);
      }
      return out;
    });
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function table(label: string, runs: Ev[][]): void {
  const by = new Map<string, number[]>();
  for (const run of runs) {
    const first = new Map<string, number>();
    for (const [name, t] of run) if (!first.has(name)) first.set(name, t);
    for (const [name, t] of first) (by.get(name) ?? by.set(name, []).get(name)!).push(t);
  }
  for (const key of (process.env.WF_KEYS ?? '').split(',').filter(Boolean)) console.log(`${key}: ${(by.get(key) ?? []).map((t) => t.toFixed(0)).join(' ')}`);
  const rows = [...by].map(([name, ts]) => [name, median(ts), ts.length] as const).sort((a, b) => a[1] - b[1]);
  console.log(`\n== ${label} (median of ${runs.length}) ==`);
  for (const [name, t, n] of rows) console.log(`${t.toFixed(0).padStart(6)} ms  ${name}${n < runs.length ? ` (${n}/${runs.length})` : ''}`);
}

async function main() {
  const server = await startServer({ LOG_LEVEL: 'error', RESUME_GRACE_S: '0' });
  const browser = await launchBrowser([], { cameraFps: null });
  try {
    const room = `wf-${Date.now()}`;
    const pub = await browser.newContext({ permissions: ['camera', 'microphone'] }).then((c) => c.newPage());
    await pub.goto(`${server.url}/session.html?room=${room}&user=wf-pub&name=pub&autoJoin=1`);
    await eventually(() => pub.evaluate(() => window.session?.state.getSnapshot().connection === 'joined'), 'publisher joined');
    await new Promise((r) => setTimeout(r, 1500));
    const floor: Ev[][] = [];
    const session: Ev[][] = [];
    await sample(browser, `${server.url}/floor.html?room=${room}&user=wf-f-warm&publish=1`);
    await sample(browser, `${server.url}/${process.env.WF_PAGE ?? 'session'}.html?room=${room}&user=wf-s-warm&name=s&autoJoin=1`);
    for (let i = 0; i < RUNS; i++) {
      floor.push(await sample(browser, `${server.url}/floor.html?room=${room}&user=wf-f-${i}&publish=1`));
      session.push(await sample(browser, `${server.url}/${process.env.WF_PAGE ?? 'session'}.html?room=${room}&user=wf-s-${i}&name=s&autoJoin=1`));
    }
    table('floor', floor);
    table('session', session);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
