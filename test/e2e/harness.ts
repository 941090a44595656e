/**
 * End-to-end harness: the real server (built, spawned as its own process, as `npm start` runs it)
 * and real Chromium (Debian's /usr/bin/chromium through playwright-core, with fake devices).
 * Nothing here fakes the SFU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from '../chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
export { CHROMIUM };

/** The built conf-kit-server bin (`npm run build:server`). */
export const SERVER_BIN = 'server/dist/server/index.js';

export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  '--disable-quic',
  '--no-first-run',
  '--auto-select-desktop-capture-source=Entire screen',
  // Keep background pages rendering and decoding at full speed.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  /** The server process id (bench/room.ts reads its CPU time, and its mediasoup-worker children's). */
  pid: number;
  logs: () => string;
  stop(): Promise<void>;
  /** Sends a signal to the server process (faults.test.ts: SIGKILL, SIGSTOP, SIGCONT). */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the server process has exited. */
  exited: Promise<void>;
}

/** Starts the built server (server/dist, with --demo) on a free loopback port and waits for /healthz. */
export async function startServer(env: Record<string, string> = {}, options: { port?: number; startTimeoutMs?: number } = {}): Promise<RunningServer> {
  // A fixed port (options.port, or env.PORT) lets ALLOWED_ORIGINS name the origin, and a restart reuse it.
  const port = options.port ?? (env.PORT ? Number(env.PORT) : await freePort());
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_BIN, '--demo'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NUM_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const deadline = started + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  logWait('the server started', started);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    port,
    pid: child.pid ?? 0,
    logs: () => out,
    kill: (signal) => void child.kill(signal),
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const stopping = Date.now();
        child.once('exit', () => {
          logWait('the server stopped', stopping);
          resolve();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * The fake camera's frame rate in e2e tests (Chromium's own default is 20 fps). Every page encodes
 * three simulcast layers of it and decodes everyone else's: at 10 fps a 2-core machine running
 * three pages is no longer saturated by video alone, and each test waits less for the CPU. Tests
 * about frame rates pass their own; benchmarks pass `null`, the device's default.
 */
export const E2E_CAMERA_FPS = Number(process.env.CONF_KIT_E2E_CAMERA_FPS ?? 10);

/** CHROMIUM_ARGS with the fake camera at `cameraFps` (`null`: the device's default). */
export function chromiumArgs(cameraFps: number | null = E2E_CAMERA_FPS): string[] {
  return CHROMIUM_ARGS.map((arg) => (arg === '--use-fake-device-for-media-stream' && cameraFps ? `${arg}=fps=${cameraFps}` : arg));
}

export async function launchBrowser(extraArgs: string[] = [], options: { cameraFps?: number | null } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...chromiumArgs(options.cameraFps), ...extraArgs] });
}

/** One participant = one browser context (its own fake devices, storage and permissions). */
export async function openPage(browser: Browser, url: string, options: { permissions?: string[]; initScript?: () => void } = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    permissions: options.permissions ?? ['camera', 'microphone'],
    viewport: { width: 1000, height: 700 },
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page ${url}] ${err.message}`));
  await page.goto(url);
  return page;
}

/**
 * Polls `fn` until it returns a truthy value, or throws with the last value after `timeoutMs`.
 * The default is generous (60 s): CI runs on a loaded 2-core machine where a browser decoding
 * video or a server answering can take many seconds; a deadline only costs time when broken.
 */
export async function eventually<T>(fn: () => Promise<T> | T, message: string, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        logWait(message, started);
        return last as T;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${message} (last: ${String(last)})`);
    // The checks are reads (a page.evaluate, a fetch, a file): polling often costs little, and
    // each wait ends at most 100 ms after its state is there.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * CONF_KIT_E2E_WAITS=1 prints every wait that took a second or more to stderr (`[wait] 4.2 s …`),
 * to see where an e2e file spends its time (docs/testing.md).
 */
function logWait(message: string, started: number): void {
  const ms = Date.now() - started;
  if (process.env.CONF_KIT_E2E_WAITS === '1' && ms >= 1000) process.stderr.write(`[wait] ${(ms / 1000).toFixed(1)} s ${message}\n`);
}

/** A fresh room id, so tests never share a room. */
export const uniqueRoom = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** Closes each page's browser context (one participant each). */
export async function closePages(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.context().close().catch(() => {})));
}

/** On demo/session.html: decoded frames of the <video> rendering `userId` (-1 when there is none). */
export const sessionFramesOf = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`video[data-user-id="${id}"]`);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
  }, userId);

/** On demo/session.html: audio samples received from `userId`'s microphone (inbound-rtp stats). */
export const audioSamplesOf = (page: Page, userId: string) =>
  page.evaluate(async (id) => {
    const report: RTCStatsReport | null = await (window as any).session.getConsumerStats(id, 'audio');
    let n = 0;
    report?.forEach((s: any) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') n = s.totalSamplesReceived ?? s.packetsReceived ?? 0;
    });
    return n;
  }, userId);

/**
 * On a narrow control bar the secondary controls (default and devices slots) are behind "More"
 * (docs/layouts.md): opens it, as a user would, when it is there and closed.
 */
export async function openMoreControls(page: Page, scope = 'conf-room'): Promise<void> {
  const more = page.locator(`${scope} conf-controls [part~="more-button"]`);
  if ((await more.count()) && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
}
