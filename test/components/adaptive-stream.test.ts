import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-room/conf-room.js';
import '../../components/lazy-room-elements.js'; // defined up front: lazy loading is tested in lazy-elements.test.ts
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const shadow = (el: Element) => el.shadowRoot!;
const tileOf = (el: ConfRoom, id: string) => shadow(el).querySelector<ConfTile>(`conf-tile[user-id="${id}"]:not([local])`)!;

async function room(session: FakeSession, width: number, height: number, attrs = ''): Promise<ConfRoom> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px;height:${height}px"><conf-room .session=${session} layout="grid"></conf-room></div>`,
  );
  const el = wrapper.querySelector('conf-room')!;
  for (const a of attrs.split(' ').filter(Boolean)) el.setAttribute(a.split('=')[0]!, a.split('=')[1] ?? '');
  await el.updateComplete;
  return el;
}

describe('adaptive stream (viewer side)', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession({ userId: 'me' });
    session.setConnection('joined', 'r1');
  });

  it('each tile asks for the smallest stream covering its size x devicePixelRatio', async () => {
    for (let i = 1; i < 12; i++) session.addPublisher({ userId: `p${i}` });
    const el = await room(session, 1280, 800);
    await waitUntil(() => tileOf(el, 'p1').adaptive.requested !== null, 'no request');
    const dpr = devicePixelRatio;
    for (let i = 1; i < 12; i++) {
      const t = tileOf(el, `p${i}`);
      await waitUntil(() => t.adaptive.requested !== null);
      const box = t.getBoundingClientRect();
      const need = Math.max((box.width * dpr) / 1280, (box.height * dpr) / 720);
      // Tiles outside the test page's viewport are hidden: paused, not sized.
      const inView = box.left < innerWidth && box.top < innerHeight;
      const expected = !inView ? 'paused' : need <= 0.25 ? 'low' : need <= 0.5 ? 'medium' : 'high';
      expect(t.adaptive.requested, `p${i} ${box.width}x${box.height}`).to.equal(expected);
      if (inView) expect(session.callsTo('requestAdaptiveStreamForOpponent')).to.deep.include([`p${i}`, expected]);
      else expect(session.callsTo('setOpponentVideoVisible')).to.deep.include([`p${i}`, false]);
    }
    // Adaptive stream is not the user's choice: the preference API is never used.
    expect(session.callsTo('requestPreferredStreamForOpponent')).to.deep.equal([]);
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([]);
    // 12 tiles at 1280x800: none is asked for the full layer at dpr 1.
    if (dpr === 1) expect(session.callsTo('requestAdaptiveStreamForOpponent').every(([, t]) => t !== 'high')).to.equal(true);
    // Enlarging one tile (pin: the stage) raises its layer.
    const t = tileOf(el, 'p3');
    await t.updateComplete;
    shadow(t).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    const staged = tileOf(el, 'p3');
    staged.scrollIntoView();
    await waitUntil(() => staged.adaptive.requested === 'high', `stage tile asked ${staged.adaptive.requested}`);
  });

  it('a tile pinned while the stats are stale (just after a layer switch) still asks for the top', async () => {
    for (let i = 1; i < 12; i++) session.addPublisher({ userId: `p${i}` });
    // The consumer was just switched to low, but the last sample still has the top's 1280 px frames.
    session.setPublisherQuality('p3', { currentStreamType: 'low', currentLayer: 2, frameWidth: 1280, frameHeight: 720 });
    const el = await room(session, 1280, 800);
    await waitUntil(() => tileOf(el, 'p3').adaptive.requested !== null, 'p3 asked in the grid (low, or paused out of view)');
    shadow(tileOf(el, 'p3')).querySelector<HTMLButtonElement>('[part~="pin-button"]')!.click();
    await el.updateComplete;
    const staged = tileOf(el, 'p3');
    staged.scrollIntoView();
    // Read as a 5120 px camera, the stage would ask for low (and nothing would apply it again).
    await waitUntil(() => staged.adaptive.requested === 'high', `the stage tile asks ${staged.adaptive.requested}`);
  });

  it("a camera's steady frames size it: a 640x360 camera's tile of about 280 px asks for medium, not low", async () => {
    session.addPublisher({ userId: 'p1' });
    session.setPublisherQuality('p1', { currentStreamType: 'high', currentLayer: 2, frameWidth: 640, frameHeight: 360 });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width:300px;height:200px"><conf-room .session=${session} layout="grid"></conf-room></div>`);
    const el = wrapper.querySelector('conf-room')!;
    await el.updateComplete;
    const tile = () => tileOf(el, 'p1');
    await waitUntil(() => tile().adaptive.requested !== null, 'p1 asked');
    // Stats samples (each a new bitrate), as the session's, for longer than STEADY_MS; then the tile grows
    // (to about 280 px: medium for a 640 px camera, low for the 1280 px one assumed before a steady reading).
    let bitrate = 500_000;
    const sample = setInterval(() => session.setPublisherQuality('p1', { bitrate: bitrate++ }), 250);
    try {
      await new Promise((r) => setTimeout(r, 1800));
      wrapper.style.width = '600px';
      wrapper.style.height = '400px';
      await waitUntil(() => tile().adaptive.requested === 'medium', `the ${tile().getBoundingClientRect().width}x${tile().getBoundingClientRect().height} tile asks ${tile().adaptive.requested}`, { timeout: 3000 });
    } finally {
      clearInterval(sample);
    }
  });

  it('tiles on another page get their video paused (never audio), and resume when shown', async () => {
    for (let i = 1; i < 12; i++) session.addPublisher({ userId: `p${i}` });
    const el = await room(session, 500, 400, 'min-tile-width=200');
    const hidden = [...shadow(el).querySelectorAll<ConfTile>('conf-tile[offpage]')];
    expect(hidden.length).to.be.greaterThan(0);
    const last = hidden[hidden.length - 1]!;
    await waitUntil(() => last.adaptive.requested === 'paused', 'not paused');
    expect(session.callsTo('setOpponentVideoVisible')).to.deep.include([last.userId, false]);
    expect(session.hiddenVideo.has(last.userId)).to.equal(true);
    expect(session.calls.some((c) => /audio|microphone|setOpponentQuality/i.test(c.method))).to.equal(false);
    expect(session.snapshot.publishers[last.userId]!.quality?.audioOnly ?? false, 'not shown as audio-only').to.equal(false);
    // Go to the last page: the tile is visible again and asks for a stream (which resumes it).
    const pages = Number(shadow(el).querySelector<HTMLElement>('[part~="grid"]')!.dataset.pages);
    el.layouts.setPage(pages - 1);
    await el.updateComplete;
    await waitUntil(() => last.adaptive.requested !== 'paused', 'never resumed');
    expect(session.callsTo('setOpponentVideoVisible')).to.deep.include([last.userId, true]);
    expect(session.hiddenVideo.has(last.userId)).to.equal(false);
  });

  it('a manual choice in the quality menu wins until Auto', async () => {
    session.addPublisher({ userId: 'ada' });
    const el = await room(session, 1000, 700);
    const t = tileOf(el, 'ada');
    await waitUntil(() => t.adaptive.requested !== null, 'no request');
    const menu = shadow(t).querySelector<HTMLElement & { selectQuality(q: string): Promise<void>; quality: string }>('quality-menu')!;
    expect(menu.quality, 'the menu shows Auto while adaptive picks').to.equal('auto');
    await menu.selectQuality('low');
    expect(t.adaptive.manual).to.equal(true);
    expect(session.callsTo('setOpponentQuality').at(-1), 'the menu sets the preference').to.deep.equal(['ada', 'low']);
    await waitUntil(() => session.adaptiveStreams.get('ada') === null, 'adaptive layer not withdrawn');
    const before = session.callsTo('requestAdaptiveStreamForOpponent').length;
    el.style.width = '600px';
    await new Promise((r) => setTimeout(r, 400));
    expect(session.callsTo('requestAdaptiveStreamForOpponent').length, 'no adaptive request while manual').to.equal(before);
    await menu.selectQuality('auto');
    expect(t.adaptive.manual).to.equal(false);
    await waitUntil(() => !!session.adaptiveStreams.get('ada'), 'adaptive never resumed');
  });

  it('adaptive-stream="off" makes no requests', async () => {
    session.addPublisher({ userId: 'ada' });
    const el = await room(session, 1000, 700, 'adaptive-stream=off');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 400));
    expect(session.callsTo('requestAdaptiveStreamForOpponent')).to.deep.equal([]);
    expect(session.callsTo('setOpponentVideoVisible')).to.deep.equal([]);
    expect(session.callsTo('requestPreferredStreamForOpponent')).to.deep.equal([]);
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([]);
  });

  it('turning adaptive stream off takes back its layer and its pause', async () => {
    for (let i = 1; i < 12; i++) session.addPublisher({ userId: `p${i}` });
    const el = await room(session, 500, 400, 'min-tile-width=200');
    const hidden = [...shadow(el).querySelectorAll<ConfTile>('conf-tile[offpage]')];
    const last = hidden[hidden.length - 1]!;
    await waitUntil(() => session.hiddenVideo.has(last.userId), 'not paused');
    await waitUntil(() => !!session.adaptiveStreams.get('p1'), 'no layer');
    el.setAttribute('adaptive-stream', 'off');
    await waitUntil(() => session.hiddenVideo.size === 0, 'a pause left behind');
    await waitUntil(() => [...session.adaptiveStreams.values()].every((v) => v === null), 'a layer left behind');
  });
});
