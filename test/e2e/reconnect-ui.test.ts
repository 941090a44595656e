/**
 * The reconnect UI on the demo page (<conf-room>, docs/reliability.md), real server, real
 * Chromium. Page A's signalling WebSocket is cut with playwright's `routeWebSocket` (as in
 * faults.test.ts); page B keeps its connection, so what each page shows is what really happens.
 *
 * - Cut, then back: A shows the banner with the attempt count, B shows A's tile dimmed and
 *   labelled "Reconnecting…"; when the cut ends A shows "Connection restored" (then nothing) and
 *   B's tile of A is normal again, with video.
 * - Cut for good: A's session runs out of attempts (3 here, `?reconnectAttempts=3`; the default
 *   MAX_RECONNECT_ATTEMPTS = 30 takes about a minute), the banner having counted "attempt n of 3",
 *   and shows the failure with Rejoin and no other card. The network comes back, Rejoin (pressed
 *   with the keyboard) rejoins the same room as the same user: B sees A again, once, with video.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cuttablePage } from './fault-helpers.js';
import { closePages, eventually, launchBrowser, startServer, uniqueRoom, type RunningServer } from './harness.js';

let browser: Browser;
let server: RunningServer;

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ RESUME_GRACE_S: '20' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo page for `user`, whose signalling socket can be cut (`cut(true)`: closed now, new ones refused) and restored. */
async function demoPage(
  room: string,
  user: string,
  name: string,
  { on = server, query = '' }: { on?: RunningServer; query?: string } = {},
): Promise<{ page: Page; cut: (on: boolean) => void }> {
  return cuttablePage(browser, `${on.url}/?room=${room}&name=${encodeURIComponent(name)}&user=${user}${query}`, { width: 1000, height: 700 });
}

/** What the page's <conf-connection-banner> shows: its phase and visible text. */
const bannerOf = (page: Page) =>
  page.evaluate(() => {
    const banner = document.querySelector('conf-room')?.shadowRoot?.querySelector('conf-connection-banner');
    const base = banner?.shadowRoot?.querySelector<HTMLElement>('[part~="base"]');
    return {
      phase: banner?.getAttribute('phase') ?? 'none',
      text: base?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      visible: !!base && getComputedStyle(base).display !== 'none' && base.getBoundingClientRect().height > 0,
      overlay: !!document.querySelector('conf-room')?.shadowRoot?.querySelector('[part~="overlay"]'),
    };
  });

/**
 * Records every text the page's banner shows from now on (a MutationObserver on its shadow root),
 * so that a phase too short to poll for is still seen; read them with `bannerTexts`.
 */
const recordBanner = (page: Page) =>
  page.evaluate(() => {
    // tsx names the helper functions below with __name, which the page does not have.
    (globalThis as unknown as { __name?: unknown }).__name ??= (f: unknown) => f;
    const root = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-connection-banner')!.shadowRoot!;
    const seen: string[] = ((window as unknown as { bannerTexts: string[] }).bannerTexts = []);
    const note = () => {
      const text = root.querySelector('[part~="base"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
const bannerTexts = (page: Page) => page.evaluate(() => (window as unknown as { bannerTexts: string[] }).bannerTexts);

/** Page's tile of `userId`: reconnecting attribute, the visible label, the picture's opacity, decoded frames. */
const tileOf = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const tiles = [...(document.querySelector('conf-room')?.shadowRoot?.querySelectorAll(`conf-tile[user-id="${id}"]`) ?? [])];
    const tile = tiles[0];
    if (!tile) return null;
    const root = tile.shadowRoot!;
    const video = root.querySelector<HTMLVideoElement>('[part~="video"]')!;
    const label = root.querySelector<HTMLElement>('[part~="reconnecting"]');
    return {
      count: tiles.length,
      reconnecting: tile.hasAttribute('reconnecting'),
      label: label?.querySelector('[aria-hidden]')?.textContent?.trim() ?? null,
      labelVisible: !!label && label.getBoundingClientRect().height > 0,
      opacity: Number(getComputedStyle(video).opacity),
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
    };
  }, userId);

/** `eventually`, for a value that is null until it is there. */
async function found<T>(fn: () => Promise<T | null>, message: string, timeoutMs?: number): Promise<T> {
  return (await eventually(fn, message, timeoutMs))!;
}

const connectionOf = (page: Page) => page.evaluate(() => document.querySelector('conf-room')?.getAttribute('connection') ?? 'none');

/** B decodes A's video now (frames moving on A's tile). */
async function decodes(b: Page, userId: string, what: string, timeoutMs = 30_000): Promise<void> {
  const start = (await tileOf(b, userId))?.frames ?? 0;
  await eventually(async () => ((await tileOf(b, userId))?.frames ?? 0) > start, what, timeoutMs);
}

describe('reconnect UI on the demo page', () => {
  test('signalling cut, then back: banner with attempts and "Connection restored"; the peer sees a dimmed, labelled tile', { timeout: 150_000 }, async () => {
    const room = uniqueRoom('rcui');
    const a = await demoPage(room, 'a', 'Ada');
    const b = await demoPage(room, 'b', 'Bob');
    try {
      await eventually(async () => (await tileOf(b.page, 'a')) !== null && (await tileOf(a.page, 'b')) !== null, 'both tiles');
      await decodes(b.page, 'a', 'B decodes A', 90_000);
      assert.equal((await bannerOf(a.page)).phase, 'hidden');
      assert.equal((await bannerOf(a.page)).visible, false);

      a.cut(true);
      const reconnecting = await found(async () => {
        const banner = await bannerOf(a.page);
        return banner.phase === 'reconnecting' && /\(attempt \d+ of 30\)/.test(banner.text) && banner.visible ? banner : null;
      }, 'A shows the banner with an attempt count');
      assert.match(reconnecting.text, /^Connection lost\. Reconnecting… \(attempt \d+ of 30\)$/);
      const dimmed = await found(async () => {
        const tile = await tileOf(b.page, 'a');
        return tile?.reconnecting && tile.labelVisible && tile.opacity < 0.5 ? tile : null;
      }, "B shows A's tile dimmed and labelled");
      assert.equal(dimmed.label, 'Reconnecting…');
      assert.equal(dimmed.count, 1);
      // Media is untouched by a signalling cut: B keeps decoding A under the label.
      await decodes(b.page, 'a', 'B still decodes A during the cut');
      // The attempts count up while the cut lasts.
      const first = Number(/attempt (\d+)/.exec(reconnecting.text)![1]);
      await eventually(async () => Number(/attempt (\d+)/.exec((await bannerOf(a.page)).text)?.[1] ?? 0) > first, 'the attempt count goes up');

      a.cut(false);
      const restored = await found(async () => {
        const banner = await bannerOf(a.page);
        return banner.phase === 'restored' ? banner : null;
      }, 'A shows "Connection restored"', 30_000);
      assert.equal(restored.text, 'Connection restored');
      assert.equal(restored.visible, true);
      await eventually(async () => (await bannerOf(a.page)).phase === 'hidden', 'the restored notice goes away', 60_000);
      assert.equal(await connectionOf(a.page), 'joined');
      const back = await found(async () => {
        const tile = await tileOf(b.page, 'a');
        return tile && !tile.reconnecting && tile.label === null && tile.opacity === 1 ? tile : null;
      }, "B's tile of A is normal again");
      assert.equal(back.count, 1);
      await decodes(b.page, 'a', 'B decodes A after the resume');
    } finally {
      await closePages(a.page, b.page);
    }
  });

  test('signalling cut for good: after the attempts the banner offers Rejoin, which rejoins as the same user', { timeout: 330_000 }, async () => {
    // The real give-up path, shortened: 3 attempts (the demo's ?reconnectAttempts=3, conf-room's
    // reconnect-attempts) instead of 30 (about a minute), and a server of its own whose resume
    // grace is 5 s, so B sees A leave soon after the cut. What is proven is the same.
    const short = await startServer({ RESUME_GRACE_S: '5' });
    const room = uniqueRoom('rcui-giveup');
    const a = await demoPage(room, 'a', 'Ada', { on: short, query: '&reconnectAttempts=3' });
    const b = await demoPage(room, 'b', 'Bob', { on: short });
    try {
      await eventually(async () => (await tileOf(b.page, 'a')) !== null, 'B sees A');
      await decodes(b.page, 'a', 'B decodes A', 90_000);
      await recordBanner(a.page);

      a.cut(true);
      const failed = await found(async () => {
        const banner = await bannerOf(a.page);
        return banner.phase === 'failed' ? banner : null;
      }, 'A runs out of attempts', 200_000);
      assert.match(failed.text, /^Could not reconnect /);
      assert.match(failed.text, /server-unreachable/);
      assert.equal(failed.visible, true);
      assert.equal(failed.overlay, false, 'only the banner: no second closed/error card');
      assert.equal(await connectionOf(a.page), 'closed');
      // The session made exactly the 3 attempts it was given, and the banner counted them "of 3".
      const attempts = (await bannerTexts(a.page)).filter((text) => text.startsWith('Connection lost.'));
      assert.deepEqual(
        [...new Set(attempts.filter((text) => /attempt/.test(text)))],
        [1, 2, 3].map((n) => `Connection lost. Reconnecting… (attempt ${n} of 3)`),
        `the attempts shown: ${JSON.stringify(attempts)}`,
      );
      // After the resume grace B no longer has A.
      await eventually(async () => (await tileOf(b.page, 'a')) === null, 'B sees A leave after the grace', 40_000);

      a.cut(false);
      const rejoin = a.page.locator('conf-connection-banner [part~="rejoin"]');
      await rejoin.focus();
      await a.page.keyboard.press('Enter');
      await eventually(async () => (await connectionOf(a.page)) === 'joined', 'A rejoined', 60_000);
      assert.equal((await bannerOf(a.page)).phase, 'hidden');
      assert.equal(await a.page.evaluate(() => document.querySelector('conf-room')?.session?.userId), 'a', 'the same user');
      const tile = await found(() => tileOf(b.page, 'a'), 'B sees A again');
      assert.equal(tile.count, 1, 'one tile');
      await decodes(b.page, 'a', 'B decodes A after the rejoin', 90_000);
      await eventually(async () => (await tileOf(a.page, 'b')) !== null, 'A sees B again', 60_000);
    } finally {
      await closePages(a.page, b.page);
      await short.stop();
    }
  });
});
