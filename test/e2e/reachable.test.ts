/**
 * "Nobody is ever unreachable" (issue 16, docs/layouts.md): one Chromium page on the demo and 11
 * load bots in one room. Using only what a user can do (the page buttons, arrow keys on the grid,
 * scrolling the filmstrip, the layout picker), every one of the 12 participants' tiles becomes
 * visible in the viewport: inside it, not clipped by any overflow container, not covered by the
 * control bar. At 1280×800 and at 390×844 (mobile portrait), in the grid and the speaker view.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startBots, type BotsHandle } from '../../bots/index.js';
import { closePages, eventually, openMoreControls, launchBrowser, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
let bots: BotsHandle;
let page: Page;

const EVERYONE = ['viewer', ...Array.from({ length: 11 }, (_, i) => `bot-${i + 1}`)].sort();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const room = uniqueRoom('reach');
  bots = await startBots({ url: server.url, room, count: 11 });
  page = await openPage(browser, `${server.url}/?room=${room}&name=Viewer&user=viewer`);
  // tsx names the helpers inside page.evaluate callbacks with esbuild's __name: give the page one.
  await page.evaluate('globalThis.__name = (f) => f');
  await page.setViewportSize({ width: 1280, height: 800 });
  await eventually(
    () => page.evaluate(() => document.querySelector('conf-room')?.shadowRoot?.querySelectorAll('conf-tile').length === 12),
    '12 tiles in the room',
    120_000,
  );
});

after(async () => {
  if (page) await closePages(page);
  await bots?.stop();
  await browser?.close();
  await server?.stop();
});

interface Seen {
  /** `cam:<userId>` / `screen:<userId>` of each tile at least half visible. */
  visible: string[];
  /** Visible tiles the control bar overlaps. */
  covered: string[];
}

/**
 * The tiles a user can see now: at least half of the tile's box lies inside the viewport and
 * inside every overflow-clipping ancestor (across shadow roots), and it is not display:none.
 */
const seen = (p: Page): Promise<Seen> =>
  p.evaluate(() => {
    const room = document.querySelector('conf-room')!;
    const root = room.shadowRoot!;
    const parentOf = (el: Element): Element | null =>
      el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    const clip = (el: Element) => {
      let r = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      for (let a = parentOf(el); a; a = parentOf(a)) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const b = a.getBoundingClientRect();
          r = { left: Math.max(r.left, b.left), top: Math.max(r.top, b.top), right: Math.min(r.right, b.right), bottom: Math.min(r.bottom, b.bottom) };
        }
      }
      return r;
    };
    const overlap = (a: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
      Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    const controls = root.querySelector('[part~="controls"]')?.shadowRoot?.querySelector('[part~="base"]')?.getBoundingClientRect();
    const visible: string[] = [];
    const covered: string[] = [];
    for (const tile of root.querySelectorAll('conf-tile, conf-screen-tile')) {
      const box = tile.getBoundingClientRect();
      if (box.width < 8 || box.height < 8) continue;
      if (overlap(box, clip(tile)) < 0.5 * box.width * box.height) continue;
      const id = tile.hasAttribute('local') ? 'viewer' : (tile.getAttribute('user-id') ?? '?');
      const key = `${tile.localName === 'conf-screen-tile' ? 'screen' : 'cam'}:${id}`;
      visible.push(key);
      if (controls && overlap(box, controls) > 1) covered.push(key);
    }
    return { visible, covered };
  });

const camsOf = (keys: Iterable<string>) =>
  [...new Set([...keys].filter((k) => k.startsWith('cam:')).map((k) => k.slice(4)))].sort();

/** Picks a layout from the control bar's picker (behind "More" when the bar is compact). */
async function chooseLayout(p: Page, layout: 'grid' | 'speaker'): Promise<void> {
  // After a resize, let the bar settle (it moves controls behind More a frame later).
  await eventually(
    () =>
      p.evaluate(() => {
        const controls = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-controls')!;
        const bar = controls.shadowRoot!.querySelector('[role="toolbar"]')!;
        return bar.scrollWidth <= controls.clientWidth + 1 || `${bar.scrollWidth} > ${controls.clientWidth} (level ${(bar as HTMLElement).dataset.overflow})`;
      }).then((r) => (r === true ? true : Promise.reject(new Error(String(r))))),
    'the control bar fits',
  );
  await new Promise((r) => setTimeout(r, 500));
  const select = p.locator('conf-room conf-layout-picker [part~="select"]');
  await openMoreControls(p);
  await select.selectOption(layout);
  await eventually(
    () => p.evaluate((l) => document.querySelector('conf-room')?.shadowRoot?.querySelector('[part~="layout"]')?.getAttribute('data-layout') === l, layout),
    `layout ${layout}`,
  );
  // Close the More panel again (if open), so it covers nothing.
  await p.keyboard.press('Escape');
}

const pagerOf = (p: Page) =>
  p.evaluate(() => {
    const root = document.querySelector('conf-room')!.shadowRoot!;
    return {
      status: root.querySelector('[part~="page-status"]')?.textContent?.trim() ?? null,
      canNext: root.querySelector<HTMLButtonElement>('[part~="page-next"]')?.disabled === false,
    };
  });

/** Grid: collects the visible tiles on every page, turning pages by button or by arrow key. */
async function reachInGrid(p: Page, by: 'button' | 'arrow'): Promise<Set<string>> {
  const reached = new Set<string>();
  const covered: string[] = [];
  if (by === 'arrow') await p.locator('conf-room [part~="grid"]').focus();
  for (let turns = 0; turns < 20; turns++) {
    const now = await seen(p);
    now.visible.forEach((k) => reached.add(k));
    covered.push(...now.covered);
    const pager = await pagerOf(p);
    if (!pager.canNext) break;
    if (by === 'button') await p.locator('conf-room [part~="page-next"]').click();
    else await p.keyboard.press('ArrowRight');
    await eventually(async () => (await pagerOf(p)).status !== pager.status, 'the page turned');
  }
  assert.deepEqual(covered, [], 'the control bar covers no visible tile');
  return reached;
}

/**
 * Speaker view: the stage plus the filmstrip, scrolled with the mouse wheel back to its start
 * (it may still be scrolled from before), then on to its end.
 */
async function reachInSpeaker(p: Page): Promise<Set<string>> {
  const reached = new Set<string>();
  const covered: string[] = [];
  const strip = p.locator('conf-room [part~="filmstrip"]');
  const box = (await strip.boundingBox())!;
  assert.ok(box, 'the filmstrip is on screen');
  const position = () => strip.evaluate((el) => ({ left: el.scrollLeft, max: el.scrollWidth - el.clientWidth }));
  for (const direction of [-1, 1]) {
    for (let turns = 0; turns < 40; turns++) {
      const now = await seen(p);
      now.visible.forEach((k) => reached.add(k));
      covered.push(...now.covered);
      const before = await position();
      if (direction < 0 ? before.left <= 0.5 : before.left >= before.max - 1) break;
      // A horizontal wheel (trackpad) turn, as a user scrolls the strip: half the strip's width;
      // a turn the strip's scroll snapping pulls back to the same tile is repeated, a bit larger.
      let moved = false;
      for (let attempt = 0; attempt < 5 && !moved; attempt++) {
        await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await p.mouse.wheel(direction * Math.round(box.width * (0.5 + attempt * 0.25)), 0);
        moved = await eventually(async () => direction * ((await position()).left - before.left) > 0.5, 'the filmstrip scrolled', 8_000).catch(
          () => false,
        );
      }
      assert.ok(moved, `the filmstrip scrolls ${direction < 0 ? 'back' : 'on'} (at ${before.left} of ${before.max})`);
    }
  }
  assert.deepEqual(covered, [], 'the control bar covers no visible tile');
  return reached;
}

/** The control bar is one row (it does not wrap) inside the viewport. */
async function assertBarFits(p: Page, width: number, height: number): Promise<void> {
  // (Read in the page: on a loaded machine 12 decoding videos keep a locator's stability checks waiting.)
  const bar = await p.evaluate(() => {
    const r = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-controls')!.shadowRoot!.querySelector('[role="toolbar"]')!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  assert.ok(bar && bar.x >= 0 && bar.x + bar.width <= width && bar.y + bar.height <= height, `the control bar fits: ${JSON.stringify(bar)}`);
  // One row: a button is 44 px high, plus the bar's padding; a wrapped bar is twice that.
  assert.ok(bar.height < 80, `the control bar does not wrap: ${bar.height}px high`);
}

describe('12 people: every participant is reachable', { concurrency: false }, () => {
  test('1280×800 grid, with the page buttons', async () => {
    await chooseLayout(page, 'grid');
    assert.deepEqual(camsOf(await reachInGrid(page, 'button')), EVERYONE);
    await assertBarFits(page, 1280, 800);
  });

  test('1280×800 speaker view, scrolling the filmstrip', async () => {
    await chooseLayout(page, 'speaker');
    assert.deepEqual(camsOf(await reachInSpeaker(page)), EVERYONE);
  });

  test('390×844 grid, with the arrow keys; the controls leave the stage alone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await chooseLayout(page, 'grid');
    // Two columns on a phone (the "two columns, then pages").
    const cols = await page.evaluate(() => {
      const tops = [...document.querySelector('conf-room')!.shadowRoot!.querySelectorAll('[part~="grid"] > :not([offpage])')].map(
        (t) => Math.round(t.getBoundingClientRect().top),
      );
      return tops.filter((top) => top === tops[0]).length;
    });
    assert.ok(cols <= 2, `at most two columns on a phone, got ${cols}`);
    assert.deepEqual(camsOf(await reachInGrid(page, 'arrow')), EVERYONE);
    await assertBarFits(page, 390, 844);
  });

  test('390×844 speaker view, scrolling the filmstrip', async () => {
    await chooseLayout(page, 'speaker');
    assert.deepEqual(camsOf(await reachInSpeaker(page)), EVERYONE);
  });
});
