/**
 * Screen sharing end to end on the demo page (<conf-room>): real Chromium captures its fake screen
 * (--auto-select-desktop-capture-source), publishes it through the real server, and the other
 * participants render it as an extra, separate tile.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, startServer, type RunningServer, uniqueRoom, closePages } from './harness.js';

let server: RunningServer;
let browser: Browser;

/** Screen capture and publishing are slow on a loaded 2-core machine: allow for it. */
const SLOW = 60_000;

const room = () => uniqueRoom('scr');

const REJECT_DISPLAY_MEDIA = `(() => {
  navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('Permission denied by user', 'NotAllowedError'));
})();`;

async function joinRoom(roomId: string, user: string, initScript?: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page ${user}] ${err.message}`));
  await page.goto(`${server.url}/?room=${roomId}&user=${user}&name=${user.toUpperCase()}`);
  await eventually(
    () => page.evaluate(() => (document.querySelector('conf-room') as any)?.session?.state.getSnapshot().connection === 'joined'),
    `${user} joined`,
  );
  return page;
}

/** What `page` shows of `userId`'s screen share: null without a screen tile. */
const screenTileOf = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const roomEl = document.querySelector('conf-room')!;
    const tile = roomEl.shadowRoot!.querySelector(`conf-screen-tile[user-id="${id}"]`);
    if (!tile) return null;
    const video = tile.shadowRoot!.querySelector('video')!;
    return {
      width: video.videoWidth,
      height: video.videoHeight,
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
      cameraTiles: roomEl.shadowRoot!.querySelectorAll('conf-tile').length,
    };
  }, userId);

/** Decoded frames of `userId`'s camera tile on `page`. */
const cameraFramesOf = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const tile = document.querySelector('conf-room')!.shadowRoot!.querySelector(`conf-tile[user-id="${id}"]`);
    const video = tile?.shadowRoot!.querySelector('video');
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
  }, userId);

const shareButton = (page: Page) => page.locator('conf-room screen-share-button');

const close = closePages;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('screen sharing end to end', () => {
  test('the others get an extra ~1280x720 tile; stopping removes it; the camera keeps going', async () => {
    const r = room();
    const a = await joinRoom(r, 'a');
    const b = await joinRoom(r, 'b');
    const c = await joinRoom(r, 'c');
    try {
      await eventually(async () => (await cameraFramesOf(b, 'a')) > 0, 'b decodes a\'s camera');
      await shareButton(a).locator('button').click();
      await eventually(async () => (await shareButton(a).getAttribute('state')) === 'sharing', 'a\'s button says sharing', SLOW);

      for (const page of [b, c]) {
        const tile = (await eventually(async () => {
          const t = await screenTileOf(page, 'a');
          return t && t.frames > 5 && t.width > 0 ? t : null;
        }, 'a\'s screen is decoded', SLOW))!;
        assert.ok(Math.abs(tile.width - 1280) <= 128 && Math.abs(tile.height - 720) <= 72, `about 1280x720, got ${tile.width}x${tile.height}`);
        assert.equal(tile.cameraTiles, 3, 'the camera tiles are still all there');
        const seen = () =>
          page.evaluate(() => {
            const p = (document.querySelector('conf-room') as any).session.state.getSnapshot().publishers.a;
            return { screenAudio: !!p.screen?.audio, camera: !!p.tracks.video, videoEnabled: p.videoEnabled };
          });
        await eventually(async () => (await seen()).screenAudio, 'the screen\'s audio arrives too', SLOW);
        assert.deepEqual(await seen(), { screenAudio: true, camera: true, videoEnabled: true }, 'camera untouched');
      }
      // The camera keeps flowing beside the screen.
      const frames = await cameraFramesOf(b, 'a');
      await eventually(async () => (await cameraFramesOf(b, 'a')) > frames + 5, 'a\'s camera keeps flowing');

      await shareButton(a).locator('button').click();
      for (const page of [b, c]) await eventually(async () => (await screenTileOf(page, 'a')) === null, 'the screen tile is gone', SLOW);
      assert.equal(await shareButton(a).getAttribute('state'), 'idle');
      assert.equal(await a.evaluate(() => (document.querySelector('conf-room') as any).session.state.getSnapshot().self.screenSharing), false);
    } finally {
      await close(a, b, c);
    }
  });

  test('ending the screen track (the browser\'s "Stop sharing") removes the tile everywhere', async () => {
    const r = room();
    const a = await joinRoom(r, 'a');
    const b = await joinRoom(r, 'b');
    try {
      await a.evaluate(() => (document.querySelector('conf-room') as any).session.enableScreenSharing(true, { withAudio: false }));
      await eventually(async () => (await screenTileOf(b, 'a'))?.frames, 'b decodes a\'s screen', SLOW);
      assert.equal(await shareButton(a).getAttribute('state'), 'sharing', 'the button follows the session');
      // What Chromium does when its "Stop sharing" bar is used: the track ends and fires 'ended'.
      await a.evaluate(() => {
        const track = (document.querySelector('conf-room') as any).session.state.getSnapshot().self.screen.video as MediaStreamTrack;
        track.stop();
        track.dispatchEvent(new Event('ended'));
      });
      await eventually(async () => (await screenTileOf(b, 'a')) === null, 'b drops the screen tile', SLOW);
      await eventually(async () => (await shareButton(a).getAttribute('state')) === 'idle', 'a\'s button goes idle', SLOW);
      const seen = await b.evaluate(() => (document.querySelector('conf-room') as any).session.state.getSnapshot().publishers.a.screen);
      assert.equal(seen, null);
      // Sharing again works.
      await shareButton(a).locator('button').click();
      await eventually(async () => (await screenTileOf(b, 'a'))?.frames, 'b decodes a\'s second share', SLOW);
    } finally {
      await close(a, b);
    }
  });

  test('a page whose getDisplayMedia rejects shows the error, and its camera keeps flowing', async () => {
    const r = room();
    const a = await joinRoom(r, 'a', REJECT_DISPLAY_MEDIA);
    const b = await joinRoom(r, 'b');
    try {
      await eventually(async () => (await cameraFramesOf(b, 'a')) > 0, 'b decodes a\'s camera');
      await shareButton(a).locator('button').click();
      await eventually(async () => (await shareButton(a).getAttribute('state')) === 'error', 'the button shows the error', SLOW);
      assert.equal(await shareButton(a).getAttribute('error-code'), 'screen-share-denied');
      assert.match((await shareButton(a).locator('[part~="label"]').textContent()) ?? '', /blocked or cancelled/);
      // The room shows it too, as a dismissible notice.
      const toast = a.locator('conf-room [part~="error"][data-code="screen-share-denied"]');
      await eventually(() => toast.isVisible(), 'the room shows the error', SLOW);

      const self = await a.evaluate(() => {
        const snap = (document.querySelector('conf-room') as any).session.state.getSnapshot();
        return { videoEnabled: snap.self.videoEnabled, camera: snap.self.stream.getVideoTracks()[0].readyState, sharing: snap.self.screenSharing };
      });
      assert.deepEqual(self, { videoEnabled: true, camera: 'live', sharing: false });
      const frames = await cameraFramesOf(b, 'a');
      await eventually(async () => (await cameraFramesOf(b, 'a')) > frames + 10, 'a\'s camera keeps flowing');
      assert.equal(await screenTileOf(b, 'a'), null, 'no screen tile appeared');
    } finally {
      await close(a, b);
    }
  });
});
