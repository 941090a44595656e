/**
 * The framework examples end to end (examples/react, examples/vue, examples/angular, built by
 * `npm run build` into dist/demo/examples/<framework>/ and served by the real server): for each
 * framework, two pages join one room through the framework's own bindings, see each other's video
 * decoded in a remote <conf-tile>, and show the `conf-joined` detail that the framework's event
 * binding received (the app renders it into #joined).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, openPage, startServer, type RunningServer } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const frameworks = ['react', 'vue', 'angular'] as const;

let browser: Browser;
let server: RunningServer;

before(async () => {
  for (const fw of frameworks) {
    assert.ok(existsSync(`${root}/dist/demo/examples/${fw}/index.html`), `examples/${fw} is built (npm run build)`);
  }
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Remote tiles inside <conf-room>'s shadow root: user id and decoded video frames. */
const remoteTiles = (page: Page) =>
  page.evaluate(() => {
    const roomEl = document.querySelector('conf-room');
    const tiles = [...(roomEl?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    return tiles.map((tile) => {
      const video = tile.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
      return {
        userId: tile.getAttribute('user-id'),
        frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
      };
    });
  });

/** What the app's conf-joined binding rendered into #joined (JSON of the event detail), or null. */
const joinedDetail = (page: Page) =>
  page.evaluate(() => {
    const text = document.querySelector('#joined')?.textContent?.trim();
    return text ? (JSON.parse(text) as { roomId: string | null; userId: string }) : null;
  });

describe('framework examples against the real server', () => {
  for (const fw of frameworks) {
    test(`${fw}: two participants see each other's video and the conf-joined binding fires`, async () => {
      const room = `${fw}-${Math.random().toString(36).slice(2, 8)}`;
      const url = (user: string) =>
        `${server.url}/examples/${fw}/?server=${encodeURIComponent(server.url)}&room=${room}&user=${user}&name=${user.toUpperCase()}`;
      const pages: Page[] = [];
      try {
        pages.push(await openPage(browser, url('a')));
        pages.push(await openPage(browser, url('b')));
        const [a, b] = pages as [Page, Page];

        // The framework rendered the app (its own header) around <conf-room>.
        assert.equal(await a.locator('#joined').getAttribute('data-framework'), fw);

        for (const [page, self, other] of [[a, 'a', 'b'], [b, 'b', 'a']] as const) {
          const detail = await eventually(() => joinedDetail(page), `${fw} ${self}: conf-joined reached the app`);
          assert.deepEqual(detail, { roomId: room, userId: self });
          await eventually(async () => {
            const tiles = await remoteTiles(page);
            return tiles.length === 1 && tiles[0]!.userId === other && tiles[0]!.frames > 0;
          }, `${fw} ${self}: ${other}'s video decodes`);
          // The conf-publisher-joined binding updated the app's participant list too.
          await eventually(async () => (await page.locator('#participants').textContent())?.includes(other), `${fw} ${self}: participants`);
        }
      } finally {
        await Promise.all(pages.map((p) => p.context().close().catch(() => {})));
      }
    });
  }
});
