/**
 * Helpers shared by the fault e2e tests (test/e2e/faults.test.ts, reconnect-ui.test.ts) and the fault benchmark
 * (bench/faults.ts): pages on demo/session.html whose signalling WebSocket can be cut with
 * playwright's `routeWebSocket`, two-page calls, the server's /metrics, and session state reads.
 */
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { eventually, sessionFramesOf, uniqueRoom, type RunningServer } from './harness.js';

/** Set FAULTS_DEBUG=1 to print the pages' conf-kit debug logs, with the wall clock. */
const DEBUG = process.env.FAULTS_DEBUG === '1';

/** A page whose signalling socket can be cut (`cut(true)`: closed now, new ones refused) and restored. */
export async function cuttablePage(
  browser: Browser,
  url: string,
  viewport = { width: 800, height: 600 },
): Promise<{ page: Page; cut: (on: boolean) => void }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport });
  if (DEBUG) await context.addInitScript(() => localStorage.setItem('debug', 'conf-kit*'));
  const routes = new Set<WebSocketRoute>();
  let down = false;
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (down) {
      ws.close({ code: 4999, reason: 'network down (test)' });
      return;
    }
    routes.add(ws);
    ws.connectToServer();
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page ${url}] ${err.message}`));
  const user = new URL(url).searchParams.get('user');
  if (DEBUG) page.on('console', (m) => console.log(`${new Date().toISOString().slice(11, 23)} [${user}] ${m.text()}`));
  await page.goto(url);
  const cut = (on: boolean) => {
    down = on;
    if (!on) return;
    for (const ws of routes) void ws.close({ code: 4999, reason: 'network down (test)' }).catch(() => undefined);
    routes.clear();
  };
  return { page, cut };
}

/** `GET /metrics`, summed per metric name (labels folded together). */
export async function metrics(server: RunningServer): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (m) out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  }
  return out;
}

/** The pid of the mediasoup worker that hosts a router (from /metrics), or NaN. */
export async function busyWorkerPid(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/conf_kit_worker_routers\{[^}]*pid="(\d+)"[^}]*\} 1/.exec(text)?.[1]);
}

export const connectionOf = (page: Page) => page.evaluate(() => window.session?.state.getSnapshot().connection ?? 'none');
export const publishersOf = (page: Page) => page.evaluate(() => Object.keys(window.session?.state.getSnapshot().publishers ?? {}));
export const reconnectingOf = (page: Page, userId: string) =>
  page.evaluate((id) => window.session?.state.getSnapshot().publishers[id]?.reconnecting === true, userId);

/** Both pages decode each other, with frame counters moving now. */
export async function decodingBothWays(a: Page, b: Page, what: string, timeoutMs = 30_000): Promise<void> {
  const [ba, ab] = [await sessionFramesOf(b, 'a'), await sessionFramesOf(a, 'b')];
  await eventually(async () => (await sessionFramesOf(b, 'a')) > Math.max(ba, 0) && (await sessionFramesOf(a, 'b')) > Math.max(ab, 0), what, timeoutMs).catch(
    async (error: Error) => {
      // What each side had when it failed: frames before and now, and its view of the other.
      const seen = async (page: Page, other: string, before: number) =>
        `frames ${before} -> ${await sessionFramesOf(page, other).catch(() => -1)}, ${await page
          .evaluate((id) => {
            const s = window.session?.state.getSnapshot();
            const p = s?.publishers[id] as { tracks?: { video?: unknown; audio?: unknown }; videoEnabled?: boolean } | undefined;
            return JSON.stringify({ connection: s?.connection, video: !!p?.tracks?.video, audio: !!p?.tracks?.audio, videoEnabled: p?.videoEnabled });
          }, other)
          .catch(String)}`;
      throw new Error(`${error.message}; b of a: ${await seen(b, 'a', ba)}; a of b: ${await seen(a, 'b', ab)}`);
    },
  );
}

export interface Call {
  a: Page;
  b: Page;
  /** Cuts (true) or restores (false) a's signalling socket. */
  cutA: (on: boolean) => void;
}

/** Two pages (users `a` and `b`) in a fresh room on `server`, decoding each other. */
export async function twoPageCall(browser: Browser, server: RunningServer, prefix: string): Promise<Call> {
  const room = uniqueRoom(prefix);
  const { page: a, cut: cutA } = await cuttablePage(browser, `${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
  const { page: b } = await cuttablePage(browser, `${server.url}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
  await decodingBothWays(a, b, 'the call decodes', 60_000);
  return { a, b, cutA };
}
