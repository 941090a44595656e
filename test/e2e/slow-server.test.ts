/**
 * Overload (docs/reliability.md): a server made slow on purpose (TEST ONLY hook: the first 2
 * `join`, `createTransport`, `consume` and `resumeConsumer` requests each wait 5 s, past the
 * pages' 4 s request timeout: `&requestTimeout=4000`, <conf-room request-timeout>; the default is
 * 10 s). Three demo pages join at once. Requests that time out are
 * retried (idempotently on the server) and missing consumers repaired, so every page ends with
 * every remote video decoding, and none `closed`. Real server, real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closePages, eventually, launchBrowser, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';

const DELAYED = ['join', 'createTransport', 'consume', 'resumeConsumer'];
/** The pages' request timeout, and the server's delay past it (both scaled down from 10 and 12 s, to keep the test short). */
const REQUEST_TIMEOUT_MS = 4000;
const DELAY_MS = 5000;

let browser: Browser;
let server: RunningServer;

before(async () => {
  browser = await launchBrowser();
  server = await startServer({
    NODE_ENV: 'test',
    CONF_KIT_TEST_DELAY_MS: String(DELAY_MS),
    CONF_KIT_TEST_DELAY_FIRST_N: '2',
    CONF_KIT_TEST_DELAY_METHODS: DELAYED.join(','),
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo's <conf-room>: its session's connection state, and its remote tiles' videos. */
const pageState = (page: Page) =>
  page.evaluate(() => {
    const room = document.querySelector('conf-room') as (HTMLElement & { session?: { state: { getSnapshot(): { connection: string } } } }) | null;
    const tiles = [...(room?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    return {
      connection: room?.session?.state.getSnapshot().connection ?? 'none',
      error: (room?.session?.state.getSnapshot() as { error?: { code: string; message: string } | null } | undefined)?.error ?? null,
      tiles: tiles.map((tile) => {
        const video = tile.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
        return { userId: tile.getAttribute('user-id') ?? '', frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0 };
      }),
    };
  });

/** The methods the server logged as delayed (its TEST HOOK warning per request). */
const delayedMethods = () => [...server.logs().matchAll(/"method":"(\w+)"[^\n]*TEST HOOK: delaying this request/g)].map((m) => m[1]!);

describe('a slow server: timed-out requests are retried, missing videos repaired', () => {
  test('3 pages joining a server whose first joins, transports and consumes time out all end up decoding everyone', { timeout: 480_000 }, async () => {
    const room = uniqueRoom('slow');
    const users = ['a', 'b', 'c'];
    // The session's own log (window.CONF_KIT_DEBUG, docs/architecture.md) names each retried request: "consume failed (timeout); try 2 in … ms".
    const retries: string[] = [];
    const pages = await Promise.all(
      users.map(async (u) => {
        const page = await openPage(browser, `${server.url}/?room=${room}&name=${u.toUpperCase()}&user=${u}&requestTimeout=${REQUEST_TIMEOUT_MS}`, {
          initScript: () => ((window as { CONF_KIT_DEBUG?: string }).CONF_KIT_DEBUG = 'conf-kit:lifecycle,conf-kit:requests'),
        });
        // A retry is logged a request timeout (4 s) after its request, long after the page loaded.
        page.on('console', (m) => {
          const request = /(\w+) failed \(timeout\); try/.exec(m.text());
          if (request) retries.push(`${u}:${request[1]}`);
        });
        return page;
      }),
    );
    const closedSeen = new Set<string>();
    try {
      for (const [i, page] of pages.entries()) {
        const others = users.filter((u) => u !== users[i]);
        await eventually(async () => {
          const state = await pageState(page);
          if (state.connection === 'closed') closedSeen.add(users[i]!);
          return state.connection === 'joined' && others.every((o) => (state.tiles.find((t) => t.userId === o)?.frames ?? 0) > 0);
        }, `${users[i]} is joined and decodes ${others.join(' and ')}`, 180_000);
      }
      // Decoding now, not only once: every remote video's frame counter still advances.
      const first = await Promise.all(pages.map(pageState));
      for (const [i, page] of pages.entries()) {
        await eventually(async () => {
          const now = await pageState(page);
          return now.tiles.length === 2 && now.tiles.every((t) => t.frames > (first[i]!.tiles.find((f) => f.userId === t.userId)?.frames ?? 0) + 5);
        }, `${users[i]}: both remote videos keep decoding`, 60_000);
        const state = await pageState(page);
        assert.equal(state.connection, 'joined', `${users[i]} is not closed`);
        assert.deepEqual(state.tiles.map((t) => t.userId).sort(), users.filter((u) => u !== users[i]), 'one tile per remote, no duplicates');
      }
      assert.deepEqual([...closedSeen], [], 'no page was ever seen closed');

      // The hook really slowed joins, transports and consumes down (2 of each)...
      const delayed = delayedMethods();
      for (const method of DELAYED) assert.equal(delayed.filter((m) => m === method).length, 2, `${method} delayed twice: ${delayed.join(',')}`);
      // ...past the pages' request timeout: each timed out and was retried (with the default 10 s, a 5 s delay would not time out).
      for (const method of DELAYED) assert.ok(retries.some((r) => r.endsWith(`:${method}`)), `a ${method} timed out and was retried: ${retries.join(',')}`);
    } catch (error) {
      // What each page had when it failed, and what the server delayed (to tell load from a bug).
      for (const [i, page] of pages.entries()) console.log(users[i], JSON.stringify(await pageState(page).catch(String)));
      console.log('delayed:', delayedMethods().join(','), 'retried:', retries.join(','));
      throw error;
    } finally {
      await closePages(...pages);
    }
  });
});
