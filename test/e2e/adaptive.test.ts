/**
 * Adaptive stream and dynacast end to end (docs/layouts.md): the real built server, real
 * Chromium, 11 load bots (bots/) with 3-layer simulcast cameras (320, 640, 1280 px wide).
 *
 * - 12-person grid at 1280x800: every remote tile decodes a layer no wider than 640 px; the pinned
 *   tile (stage) rises to the top layer.
 * - 390x844, speaker view: tiles scrolled out of the filmstrip have their video consumer paused
 *   (no bytes, no new frames); scrolling one into view gives it frames again.
 * - Dynacast: two browser publishers; with every viewer on low, the publisher's medium and high
 *   encodings send no bytes (`getProducerStats('camera')`), and asking for high brings them back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startBots, type BotsHandle } from '../../bots/index.js';
import { closePages, eventually, launchBrowser, startServer, uniqueRoom, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A page at `url`. With `log`, the session's own log for `debug` (its CONF_KIT_DEBUG namespaces)
 * is kept there, timestamped, for a failure's message.
 */
async function openAt(url: string, viewport: { width: number; height: number }, log?: { lines: string[]; debug: string }): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page ${url}] ${err.message}`));
  if (log) {
    await page.addInitScript((debug) => ((window as { CONF_KIT_DEBUG?: string }).CONF_KIT_DEBUG = debug), log.debug);
    const user = new URL(url).searchParams.get('user');
    page.on('console', (m) => log.lines.push(`${new Date().toISOString().slice(11, 23)} ${user}: ${m.text().replace(/%c|color:\S+ /g, '')}`));
  }
  await page.goto(url);
  return page;
}

interface Tile {
  userId: string;
  width: number;
  frames: number;
  offpage: boolean;
  bytes: number;
  paused: boolean;
}

/** Remote tiles of the demo's <conf-room>: decoded size and frames, and the camera consumer's received bytes. */
const tiles = (page: Page) =>
  page.evaluate(async () => {
    // tsx names the helper functions below with __name, which the page does not have.
    (globalThis as any).__name ??= (f: unknown) => f;
    const room = document.querySelector('conf-room') as (HTMLElement & { session?: any }) | null;
    const found = [...(room?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    const strip = room?.shadowRoot?.querySelector('[part~="filmstrip"]')?.getBoundingClientRect();
    // In the viewport, and inside the filmstrip's scrolled box when it is in the filmstrip.
    const inView = (tile: Element) => {
      const r = tile.getBoundingClientRect();
      const overlaps = (b: { left: number; right: number; top: number; bottom: number }) =>
        r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom;
      if (r.width === 0 || !overlaps({ left: 0, top: 0, right: innerWidth, bottom: innerHeight })) return false;
      return !strip || !tile.closest('[part~="filmstrip"]') || overlaps(strip);
    };
    return Promise.all(
      found.map(async (tile) => {
        const userId = tile.getAttribute('user-id') ?? '';
        const video = tile.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
        let bytes = 0;
        const report: RTCStatsReport | null = await room?.session?.getConsumerStats(userId, 'video').catch(() => null);
        report?.forEach((s: any) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') bytes = s.bytesReceived ?? 0;
        });
        return {
          userId,
          width: video?.videoWidth ?? 0,
          frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
          offpage: !inView(tile),
          bytes,
          paused: Boolean(room?.session?.state.getSnapshot().publishers[userId]?.quality?.audioOnly),
        };
      }),
    );
  }) as Promise<Tile[]>;

const byUser = (list: Tile[]) => new Map(list.map((t) => [t.userId, t]));

describe('adaptive stream in a room of 12 (11 bots)', () => {
  const room = uniqueRoom('adaptive');
  let bots: BotsHandle;
  let pages: Page[] = [];

  before(async () => {
    bots = await startBots({ url: server.url, room, count: 11 });
  });
  after(async () => {
    await closePages(...pages);
    await bots?.stop();
  });

  test('at 1280x800 every remote tile gets a layer no wider than 640 px; the pinned tile gets the top layer', async () => {
    const page = await openAt(`${server.url}/?room=${room}&name=Grid&user=grid`, { width: 1280, height: 800 });
    pages.push(page);
    try {
      await eventually(async () => {
        const list = await tiles(page);
        return list.length === 11 && list.every((t) => t.width > 0 && t.width <= 640);
      }, '11 remote tiles decoding at most 640 px wide', 120_000);
      const sizes = (await tiles(page)).map((t) => t.width);
      console.log(`decoded widths in the 12-person grid: ${sizes.join(' ')}`);

      // Pin bot-3: it takes the stage, and adaptive stream asks for the full 1280 px layer.
      await page.evaluate(() => {
        const tile = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-tile[user-id="bot-3"]')!;
        tile.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
      });
      await eventually(async () => byUser(await tiles(page)).get('bot-3')?.width === 1280, 'the pinned bot-3 decoded at 1280 px', 150_000).catch(
        async (error: unknown) => {
          // This has timed out (2 of about 12 runs on 2026-12-04; docs/layouts.md, known issue): say what bot-3 had.
          const seen = await page.evaluate(() => {
            const roomEl = document.querySelector('conf-room') as HTMLElement & { session?: any };
            const tile = roomEl.shadowRoot?.querySelector('conf-tile[user-id="bot-3"]') as (HTMLElement & { adaptive?: { requested: unknown } }) | null;
            const box = tile?.getBoundingClientRect();
            return JSON.stringify({
              asked: tile?.adaptive?.requested,
              size: box ? `${Math.round(box.width)}x${Math.round(box.height)}` : null,
              quality: roomEl.session?.state.getSnapshot().publishers['bot-3']?.quality,
            });
          });
          console.log(`# bot-3 after the pin: ${JSON.stringify(byUser(await tiles(page)).get('bot-3'))}, ${seen}`);
          throw error;
        },
      );
      const list = await tiles(page);
      assert.equal(list.filter((t) => t.width === 1280).length, 1, 'only the pinned tile is at the top layer');
    } finally {
      // Leave, not just close: a closed page is kept for resume (RESUME_GRACE_S) and would still
      // hold a seat of the 12, so the next participant would find the room full.
      await page.evaluate(() => (document.querySelector('conf-room') as HTMLElement & { session?: any }).session?.leave()).catch(() => {});
      await closePages(page);
      pages = [];
    }
  });

  test('at 390x844, tiles scrolled out of the filmstrip get no video; scrolling one in brings frames back', async () => {
    const page = await openAt(`${server.url}/?room=${room}&name=Phone&user=phone`, { width: 390, height: 844 });
    pages.push(page);
    // At 390x844 the grid shows all 12 at once; the speaker view's filmstrip holds the other 11
    // in a row that scrolls sideways, so most of them are out of view.
    await eventually(() => page.evaluate(() => !!document.querySelector('conf-room')?.shadowRoot), 'the room renders', 30_000);
    await page.evaluate(() => document.querySelector('conf-room')!.setAttribute('layout', 'speaker'));
    await eventually(async () => {
      const list = await tiles(page);
      return list.length === 11 && list.some((t) => t.offpage) && list.filter((t) => !t.offpage).every((t) => t.frames > 0);
    }, 'the visible tiles play, some tiles are out of view', 120_000);
    // Two samples 3 s apart, until the pauses have settled (debounce + request, slower under
    // load): every hidden tile's bytes and frames stood still, every visible one decoded new frames.
    // A tile whose video never pauses keeps this from ever holding, so the test still fails then.
    const { first, second } = await eventually(async () => {
      const first = byUser(await tiles(page));
      await sleep(3000);
      const second = await tiles(page);
      const still = (t: Tile) => t.bytes === first.get(t.userId)?.bytes && t.frames === first.get(t.userId)?.frames;
      const settled =
        second.some((t) => t.offpage) &&
        second.every((t) => (t.offpage ? still(t) : t.frames > (first.get(t.userId)?.frames ?? Infinity)));
      return settled ? { first, second } : null;
    }, 'hidden tiles receive nothing while the visible ones decode', 90_000).then((pair) => pair!);
    const hidden = second.filter((t) => t.offpage);
    const shown = second.filter((t) => !t.offpage);
    assert.ok(hidden.length > 0);
    console.log(`390x844 speaker view: ${shown.length} remote tiles in view, ${hidden.length} out of view`);
    for (const t of hidden) {
      const was = first.get(t.userId)!;
      assert.equal(t.bytes, was.bytes, `${t.userId} (hidden) still receives video bytes`);
      assert.equal(t.frames, was.frames, `${t.userId} (hidden) still decodes frames`);
      assert.equal(t.paused, false, `${t.userId}: the pause is not shown as the user's audio-only choice`);
    }
    for (const t of shown) assert.ok(t.frames > first.get(t.userId)!.frames, `${t.userId} (visible) decodes new frames`);

    // Scroll the last hidden tile into view: it decodes again.
    const target = hidden[hidden.length - 1]!.userId;
    await page.evaluate((id) => {
      document.querySelector('conf-room')!.shadowRoot!.querySelector(`conf-tile[user-id="${id}"]`)!.scrollIntoView({ inline: 'center', block: 'nearest' });
    }, target);
    await eventually(async () => !byUser(await tiles(page)).get(target)!.offpage, `${target} scrolled into view`, 30_000);
    const before = byUser(await tiles(page)).get(target)!;
    await eventually(async () => {
      const now = byUser(await tiles(page)).get(target)!;
      return now.frames > before.frames && now.bytes > before.bytes;
    }, `${target} decodes again once shown`, 60_000);
  });
});

describe('dynacast: two browser publishers', () => {
  const room = uniqueRoom('dynacast');
  let a: Page;
  let b: Page;

  after(async () => {
    await closePages(...[a, b].filter(Boolean));
  });

  // Who turned which encodings on or off, and why (printed when the test fails).
  const log = { lines: [] as string[], debug: 'conf-kit:dynacast,conf-kit:uplink-healer,conf-kit:resume,conf-kit:reconnect' };
  const join = async (user: string) => {
    const page = await openAt(`${server.url}/session.html?room=${room}&user=${user}&name=${user}&autoJoin=1`, { width: 1000, height: 700 }, log);
    await eventually(() => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), `${user} joined`);
    return page;
  };

  /** Bytes sent so far per camera encoding (rid) of `page`'s publisher. */
  const sent = (page: Page) =>
    page.evaluate(async () => {
      const report: RTCStatsReport | null = await (window as any).session.getProducerStats('camera');
      const out: Record<string, number> = {};
      const active: string[] = [];
      report?.forEach((s: any) => {
        if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
        out[s.rid ?? 'single'] = s.bytesSent ?? 0;
        active.push(`${s.rid}:${s.active}`);
      });
      return { out, active: active.sort().join(' ') };
    }) as Promise<{ out: Record<string, number>; active: string }>;

  /** Bytes per rid sent over `ms` (also kept in the log: a failure shows the last ones). */
  const flow = async (page: Page, ms = 2000) => {
    const start = (await sent(page)).out;
    await sleep(ms);
    const { out: end, active } = await sent(page);
    const bytes = Object.fromEntries(Object.keys(end).map((rid) => [rid, end[rid]! - (start[rid] ?? 0)]));
    const who = page === a ? 'pub-a' : 'pub-b';
    log.lines.push(`${new Date().toISOString().slice(11, 23)} ${who} sent over ${ms} ms ${JSON.stringify(bytes)}, active ${active}`);
    return bytes;
  };

  test('only the lowest layer while nobody watches; low viewers stop medium and high; high brings them back', async () => {
    try {
      await dynacastSteps();
    } catch (error) {
      console.log(`# the publishers' dynacast log:\n${log.lines.map((l) => `#   ${l}`).join('\n')}`);
      throw error;
    }
  });

  async function dynacastSteps(): Promise<void> {
    a = await join('pub-a');
    await eventually(async () => Object.keys((await sent(a)).out).length === 3, "A's camera has three encodings", 30_000);
    // Nobody watches A: only r0 is encoded and sent.
    await eventually(async () => {
      const f = await flow(a);
      return f.r0! > 0 && f.r1 === 0 && f.r2 === 0;
    }, 'nobody watching: only r0 sends', 60_000);

    b = await join('pub-b');
    await eventually(() => b.evaluate(() => ((document.querySelector('video[data-user-id="pub-a"]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0), 'B decodes A', 30_000);
    // B watches at the default (the top): every layer flows.
    await eventually(async () => {
      const f = await flow(a);
      return f.r0! > 0 && f.r1! > 0 && f.r2! > 0;
    }, 'a top-layer viewer: all three layers send', 60_000);

    // Every viewer (B) on low: medium and high stop.
    await b.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('pub-a', 'low'));
    await eventually(async () => {
      const f = await flow(a);
      return f.r0! > 0 && f.r1 === 0 && f.r2 === 0;
    }, 'all viewers on low: r1 and r2 send nothing', 60_000);
    // Sending only r0, A's outgoing estimate falls to about what r0 needs (230-315 kbps here, under
    // the 250 kbps "poor" line): that is not a poor uplink, and A must not blame it (which would also
    // make the uplink healer hold the top layer off once someone asks for it).
    const blamed: string[] = [];
    const blameWatch = setInterval(() => {
      a.evaluate(() => (window as any).session.state.getSnapshot().self.network ?? null).then(
        (n: { quality: string; cause: string | null } | null) => n?.cause && blamed.push(`${n.quality} (${n.cause})`),
        () => undefined,
      );
    }, 500);
    // A screen share renegotiates A's send transport, once to add it and once to close it; the
    // camera's medium and high stay off through both (src/session/dynacast.ts applyActiveLayers).
    for (const sharing of [true, false]) {
      await a.evaluate((on) => (window as any).session.enableScreenSharing(on), sharing);
      await eventually(() => a.evaluate((on) => (window as any).session.state.getSnapshot().self.screenSharing === on, sharing), `A's screen share ${sharing ? 'on' : 'off'}`, 30_000);
      await sleep(1000);
      const f = await flow(a);
      assert.ok(f.r0! > 0 && f.r1 === 0 && f.r2 === 0, `screen share ${sharing ? 'started' : 'stopped'}: the camera still sends r0 only, not ${JSON.stringify(f)}`);
    }
    await sleep(4000); // the estimate has had time to fall (it took 2 s here) and a stats round to see it
    clearInterval(blameWatch);
    assert.deepEqual(blamed, [], 'A, sending only its low layer on a clean loopback, blamed its network');
    // B's own camera follows A's view of it independently (A watches B at the top).
    await eventually(async () => {
      const f = await flow(b);
      return f.r2! > 0;
    }, "B's top layer flows for A", 60_000);

    // High again: bytes flow on r2 again.
    await b.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('pub-a', 'high'));
    await eventually(async () => {
      const f = await flow(a, 1000);
      return f.r1! > 0 && f.r2! > 0;
    }, 'asking for high turns r1 and r2 back on', 60_000);
    await eventually(() => b.evaluate(() => ((document.querySelector('video[data-user-id="pub-a"]') as HTMLVideoElement | null)?.videoWidth ?? 0) >= 640), 'B decodes A at a high layer again', 30_000);
  }
});
