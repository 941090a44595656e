import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-room/conf-room.js';
import '../../components/lazy-room-elements.js'; // defined up front: lazy loading is tested in lazy-elements.test.ts
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const shadow = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const visibleTiles = (el: ConfRoom) =>
  [...shadow(el).querySelectorAll<HTMLElement>('conf-tile, conf-screen-tile')].filter((t) => t.getBoundingClientRect().width > 0);

async function room(session: FakeSession, width: number, height: number, attrs: Record<string, string> = {}): Promise<ConfRoom> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px;height:${height}px"><conf-room .session=${session}></conf-room></div>`,
  );
  const el = wrapper.querySelector('conf-room')!;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  await el.updateComplete;
  // The layout measures its area after the first render.
  await waitUntil(() => (part(el, 'grid') ?? part(el, 'stage-main')) && visibleTiles(el).every((t) => t.getBoundingClientRect().width > 20), 'sized');
  await settle(el);
  return el;
}

/** Lets the layout measure its area and re-render. */
async function settle(el: ConfRoom): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
  }
}

function people(session: FakeSession, count: number): void {
  session.setConnection('joined', 'r1');
  for (let i = 1; i < count; i++) session.addPublisher({ userId: `p${i}`, name: `P ${i}` });
}

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

describe('<conf-room> layouts', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession({ userId: 'me', name: 'Me' });
  });

  for (const count of [1, 2, 7, 12]) {
    it(`grid with ${count}: every tile visible at 16:9, none overlapping, last row centred`, async () => {
      people(session, count);
      const el = await room(session, 1280, 800, { layout: 'grid' });
      const tiles = visibleTiles(el);
      expect(tiles.length).to.equal(count);
      const grid = part(el, 'grid')!.getBoundingClientRect();
      const rects = tiles.map((t) => t.getBoundingClientRect());
      for (const [i, r] of rects.entries()) {
        expect(r.width / r.height).to.be.closeTo(16 / 9, 0.05);
        expect(r.width).to.be.at.least(160);
        expect(r.bottom).to.be.at.most(grid.bottom + 1);
        for (const other of rects.slice(i + 1)) expect(overlaps(r, other)).to.equal(false);
      }
      const lastTop = Math.max(...rects.map((r) => r.top));
      const last = rects.filter((r) => Math.abs(r.top - lastTop) < 1);
      const mid = (Math.min(...last.map((r) => r.left)) + Math.max(...last.map((r) => r.right))) / 2;
      expect(mid).to.be.closeTo((grid.left + grid.right) / 2, 2);
      expect(part(el, 'pager')).to.equal(null);
    });

    it(`speaker view with ${count}: one tile on the stage, the others in the filmstrip`, async () => {
      people(session, count);
      const el = await room(session, 1280, 800, { layout: 'speaker' });
      const stage = part(el, 'stage-main')!;
      expect(stage.querySelectorAll('conf-tile').length).to.equal(1);
      const strip = part(el, 'filmstrip');
      expect(strip?.querySelectorAll('conf-tile').length ?? 0).to.equal(count - 1);
      if (count > 1) {
        expect(stage.querySelector('conf-tile')!.hasAttribute('local'), 'a remote is on the stage').to.equal(false);
        const big = stage.querySelector('conf-tile')!.getBoundingClientRect();
        const small = strip!.querySelector('conf-tile')!.getBoundingClientRect();
        expect(big.width).to.be.greaterThan(small.width * 2);
        // Reachable: the strip scrolls when its tiles do not fit.
        const content = strip!.scrollWidth;
        if (content > strip!.clientWidth) expect(getComputedStyle(strip!).overflowX).to.equal('auto');
      }
    });
  }

  it('auto is grid, and the speaker view while someone shares', async () => {
    people(session, 3);
    const el = await room(session, 1280, 800);
    expect(part(el, 'layout')!.dataset.layout).to.equal('grid');
    session.updatePublisher('p1', { screen: { video: null, audio: null, stream: null } });
    await el.updateComplete;
    expect(part(el, 'layout')!.dataset.layout).to.equal('speaker');
    expect(part(el, 'stage-main')!.querySelector('conf-screen-tile[user-id="p1"]')).to.exist;
  });

  it('the layout picker in the controls switches the layout', async () => {
    people(session, 3);
    const el = await room(session, 1280, 800);
    const picker = shadow(el).querySelector('conf-layout-picker')!;
    await picker.updateComplete;
    const select = shadow(picker).querySelector('select')!;
    select.value = 'speaker';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.layout).to.equal('speaker');
    expect(part(el, 'layout')!.dataset.layout).to.equal('speaker');
  });

  it('pins from the tile, wins over the active speaker, and unpins back to auto', async () => {
    people(session, 4);
    const el = await room(session, 1280, 800, { 'speaker-hold': '0' });
    session.setLevels({ p2: 0.8 }, 'p2');
    await el.updateComplete;
    const tile = shadow(el).querySelector<ConfTile>('conf-tile[user-id="p3"]')!;
    await tile.updateComplete;
    const pinEvents: unknown[] = [];
    el.addEventListener('conf-pin', (e) => pinEvents.push(e.detail));
    shadow(tile).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    expect(pinEvents).to.deep.equal([{ userId: 'p3', source: 'camera', pinned: true }]);
    expect(el.pinned).to.equal('cam:p3');
    const staged = part(el, 'stage-main')!.querySelector<ConfTile>('conf-tile')!;
    expect(staged.userId).to.equal('p3');
    expect(staged.hasAttribute('pinned')).to.equal(true);
    // The active speaker changes; the pin stays.
    session.setLevels({ p1: 0.9 }, 'p1');
    await el.updateComplete;
    expect(part(el, 'stage-main')!.querySelector<ConfTile>('conf-tile')!.userId).to.equal('p3');
    // Unpin: back to auto (grid, nobody shares).
    await staged.updateComplete;
    shadow(staged).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    expect(el.pinned).to.equal(null);
    expect(part(el, 'layout')!.dataset.layout).to.equal('grid');
  });

  it('pins a screen share', async () => {
    people(session, 3);
    session.updatePublisher('p1', { screen: { video: null, audio: null, stream: null } });
    const el = await room(session, 1280, 800);
    const cam = shadow(el).querySelector<ConfTile>('conf-tile[user-id="p2"]')!;
    await cam.updateComplete;
    shadow(cam).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    expect(part(el, 'stage-main')!.querySelector<ConfTile>('conf-tile')!.userId).to.equal('p2');
    const screen = shadow(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('conf-screen-tile')!;
    await screen.updateComplete;
    shadow(screen).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    expect(el.pinned).to.equal('screen:p1');
    expect(part(el, 'stage-main')!.querySelector('conf-screen-tile')).to.exist;
  });

  it('holds the active speaker for speaker-hold ms before switching the stage', async () => {
    people(session, 4);
    const el = await room(session, 1280, 800, { layout: 'speaker', 'speaker-hold': '400' });
    session.setLevels({ p1: 0.8 }, 'p1');
    await el.updateComplete;
    const staged = () => part(el, 'stage-main')!.querySelector<ConfTile>('conf-tile')!.userId;
    expect(staged(), 'the first speaker takes the stage at once').to.equal('p1');
    session.setLevels({ p2: 0.8 }, 'p2');
    await el.updateComplete;
    const changedAt = performance.now();
    expect(staged(), 'not before the hold time').to.equal('p1');
    await waitUntil(() => staged() === 'p2', 'p2 never took the stage');
    expect(performance.now() - changedAt).to.be.at.least(390);
    // The speaking tile has the attribute and ring.
    const speaking = shadow(el).querySelector<ConfTile>('conf-tile[user-id="p2"]')!;
    await speaking.updateComplete;
    expect(speaking.hasAttribute('speaking')).to.equal(true);
  });

  it('the default hold time is at least 1.5 s', async () => {
    const el = await room(session, 640, 480);
    expect(el.speakerHold).to.be.at.least(1500);
  });

  it('pages when tiles do not fit at min-tile-width; buttons and arrow keys; "Page 2 of 3" announced', async () => {
    people(session, 12);
    const el = await room(session, 500, 400, { layout: 'grid', 'min-tile-width': '200' });
    const grid = part(el, 'grid')!;
    const pages = Number(grid.dataset.pages);
    expect(pages).to.be.greaterThan(1);
    const status = part(el, 'page-status')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent!.trim()).to.equal(`Page 1 of ${pages}`);
    const seen = new Set<string>();
    const collect = () => visibleTiles(el).forEach((t) => seen.add(t.getAttribute('user-id')!));
    collect();
    for (const t of visibleTiles(el)) expect(t.getBoundingClientRect().width).to.be.at.least(199);
    part(el, 'page-next')!.click();
    await el.updateComplete;
    expect(part(el, 'page-status')!.textContent!.trim()).to.equal(`Page 2 of ${pages}`);
    collect();
    // Keyboard: ArrowRight on the focused grid goes on, ArrowLeft back.
    grid.focus();
    for (let p = 3; p <= pages; p++) {
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(part(el, 'page-status')!.textContent!.trim()).to.equal(`Page ${p} of ${pages}`);
      collect();
    }
    expect(seen.size, 'nobody is unreachable').to.equal(12);
    expect((part(el, 'page-next') as HTMLButtonElement).disabled).to.equal(true);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(part(el, 'page-status')!.textContent!.trim()).to.equal(`Page ${pages - 1} of ${pages}`);
  });

  it('mobile portrait 390x844 with 12 people: two columns, controls not covering the stage', async () => {
    people(session, 12);
    const el = await room(session, 390, 844);
    const tiles = visibleTiles(el);
    const lefts = new Set(tiles.map((t) => Math.round(t.getBoundingClientRect().left)));
    expect(lefts.size).to.equal(2);
    const controls = shadow(el).querySelector('conf-controls')!.getBoundingClientRect();
    for (const t of tiles) expect(overlaps(t.getBoundingClientRect(), controls)).to.equal(false);
    const total = Number(part(el, 'grid')!.dataset.pages);
    const perPage = tiles.length;
    expect(perPage * total).to.be.at.least(12);
  });

  it('hide-self moves your tile out of the grid into a floating, draggable picture', async () => {
    people(session, 3);
    const el = await room(session, 1000, 700, { 'hide-self': '' });
    expect(part(el, 'grid')!.querySelector('conf-tile[local]')).to.equal(null);
    const pip = part(el, 'self-view')!;
    expect(pip.querySelector('conf-tile[local]')).to.exist;
    const before = pip.getBoundingClientRect();
    const at = { clientX: before.left + 10, clientY: before.top + 10, pointerId: 1, bubbles: true };
    pip.dispatchEvent(new PointerEvent('pointerdown', at));
    pip.dispatchEvent(new PointerEvent('pointermove', { ...at, clientX: at.clientX - 100, clientY: at.clientY - 50 }));
    pip.dispatchEvent(new PointerEvent('pointerup', at));
    const after = pip.getBoundingClientRect();
    expect(before.left - after.left).to.be.closeTo(100, 2);
    expect(before.top - after.top).to.be.closeTo(50, 2);
  });
});
