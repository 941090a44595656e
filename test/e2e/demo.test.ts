/**
 * The demo page end to end: public tags only (<conf-room> and what it renders), the real server,
 * real Chromium with fake camera and beeping fake microphone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, openPage, startServer, type RunningServer, uniqueRoom, closePages } from './harness.js';

let browser: Browser;
const room = () => uniqueRoom('demo');

/** Opens the demo with the URL contract and records conf-error events on window.confErrors. */
async function openDemo(url: string, roomId: string, user: string, name: string): Promise<Page> {
  const page = await openPage(browser, 'about:blank');
  await page.addInitScript(() => {
    (window as any).confErrors = [];
    document.addEventListener('conf-error', (e: any) => (window as any).confErrors.push(e.detail.code));
  });
  await page.goto(`${url}/?room=${roomId}&name=${encodeURIComponent(name)}&user=${user}`);
  return page;
}

/** Remote tiles as seen on `page`: user id, state attributes, video progress, initials, meter. */
const remoteTiles = (page: Page) =>
  page.evaluate(() => {
    const roomEl = document.querySelector('conf-room');
    const tiles = [...(roomEl?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    return tiles.map((tile) => {
      const root = tile.shadowRoot!;
      const video = root.querySelector<HTMLVideoElement>('[part~="video"]');
      const meter = root.querySelector('mic-meter');
      return {
        userId: tile.getAttribute('user-id'),
        muted: tile.hasAttribute('muted'),
        videoOff: tile.hasAttribute('video-off'),
        frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
        playing: Boolean(video && !video.paused && video.videoWidth > 0),
        initials: root.querySelector('[part~="avatar"]')?.textContent?.trim() ?? null,
        level: meter ? Number(meter.getAttribute('aria-valuenow') ?? 0) : null,
      };
    });
  });

const tileOf = async (page: Page, userId: string) => (await remoteTiles(page)).find((t) => t.userId === userId);

const close = closePages;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('demo page with <conf-room>', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('without a room it shows the join form, and nothing it asks for fails (no favicon 404)', async () => {
    const page = await openPage(browser, 'about:blank');
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
    // The browser's own favicon request is not a page request in Playwright; its 404 shows in the console.
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(message.text());
    });
    try {
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      await page.locator('#join-form').waitFor({ state: 'visible' });
      assert.equal(await page.locator('conf-room').count(), 0);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // a late favicon request
      assert.deepEqual(failed, []);
    } finally {
      await close(page);
    }
  });

  test('3 pages: playing remote tiles, mute badge, initials, meter, leave', async () => {
    const r = room();
    const a = await openDemo(server.url, r, 'a', 'Alice Smith');
    const b = await openDemo(server.url, r, 'b', 'Bob');
    const c = await openDemo(server.url, r, 'c', 'Carol');
    try {
      // Each shows 2 remote tiles with playing video whose frames keep coming.
      for (const page of [a, b, c]) {
        await eventually(async () => {
          const tiles = await remoteTiles(page);
          return tiles.length === 2 && tiles.every((t) => t.playing && t.frames > 0);
        }, 'two playing remote tiles');
        const before = await remoteTiles(page);
        await eventually(async () => {
          const now = await remoteTiles(page);
          return now.every((t) => t.frames > before.find((x) => x.userId === t.userId)!.frames);
        }, 'remote frames keep increasing');
      }

      // A remote meter rises above 0 while A's fake microphone beeps.
      await eventually(async () => ((await tileOf(b, 'a'))?.level ?? 0) > 0, "a's meter rises in b", 30_000);

      // Muting A's mic through the controls sets `muted` on A's tile in B and C.
      await a.locator('conf-controls [part="mic-button"]').click();
      for (const page of [b, c]) await eventually(async () => (await tileOf(page, 'a'))?.muted, 'a muted');

      // Turning A's camera off shows initials there.
      await a.locator('conf-controls [part="camera-button"]').click();
      for (const page of [b, c]) {
        await eventually(async () => {
          const t = await tileOf(page, 'a');
          return t?.videoOff && t.initials === 'AS';
        }, 'a shows initials');
      }

      // Leave removes A's tile in B and C.
      await a.locator('conf-controls [part="leave-button"]').click();
      for (const page of [b, c]) await eventually(async () => !(await tileOf(page, 'a')), 'a tile removed');
      assert.deepEqual((await remoteTiles(b)).map((t) => t.userId), ['c']);
    } finally {
      await close(a, b, c);
    }
  });
});

describe('demo page when the room is full', () => {
  let small: RunningServer;
  before(async () => {
    small = await startServer({ MAX_PARTICIPANTS: '2' });
  });
  after(async () => {
    await small?.stop();
  });

  test('the third page shows a room-full message and fires conf-error room-full', async () => {
    const r = room();
    const a = await openDemo(small.url, r, 'a', 'A');
    const b = await openDemo(small.url, r, 'b', 'B');
    try {
      await eventually(async () => (await remoteTiles(a)).length === 1, 'a sees b');
      const c = await openDemo(small.url, r, 'c', 'C');
      try {
        await eventually(() => c.evaluate(() => (window as any).confErrors.includes('room-full')), 'conf-error room-full');
        const shown = await c.evaluate(() => {
          const card = document.querySelector('conf-room')?.shadowRoot?.querySelector('[part~="error"]');
          return { code: card?.getAttribute('data-code'), text: card?.textContent ?? '' };
        });
        assert.equal(shown.code, 'room-full');
        assert.match(shown.text, /room is full/i);
        assert.equal((await remoteTiles(a)).length, 1);
      } finally {
        await close(c);
      }
    } finally {
      await close(a, b);
    }
  });
});
