import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-tile/conf-tile.js';
import '../../components/quality-menu/quality-menu.js';
import '../../components/quality-badge/quality-badge.js'; // conf-tile loads it on demand (lazy-elements.ts)
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import type { QualityMenu } from '../../components/quality-menu/quality-menu.js';
import type { QualityBadge } from '../../components/quality-badge/quality-badge.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { createFakeMediaStream, stopFakeMediaStream } from '../../src/testing/fake-media.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

describe('receive quality on <conf-tile>: badge and menu', () => {
  let session: FakeSession;
  let stream: MediaStream;

  beforeEach(() => {
    session = new FakeSession({ userId: 'me', name: 'Me' });
    session.setConnection('joined', 'room-1');
    stream = createFakeMediaStream({ audio: false });
    session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', stream, subscribed: true });
  });
  afterEach(() => stopFakeMediaStream(stream));

  const tile = () => fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);
  const badgeOf = (el: ConfTile) => part<QualityBadge>(el, 'stats-badge')!;
  const menuOf = (el: ConfTile) => part<QualityMenu>(el, 'quality-menu')!;

  it('shows a live badge with the received bitrate and the forwarded layer and size', async () => {
    const el = await tile();
    const badge = badgeOf(el);
    expect(badge).to.exist;
    await badge.updateComplete;
    expect(part(badge, 'base'), 'nothing to show yet').to.equal(null);

    session.setPublisherQuality('ada', { currentStreamType: 'high', currentLayer: 2, frameWidth: 640, frameHeight: 480, bitrate: 812.4 });
    await badge.updateComplete;
    expect(part(badge, 'layer')!.textContent).to.equal('high T2');
    expect(part(badge, 'resolution')!.textContent).to.equal('640×480');
    expect(part(badge, 'bitrate')!.textContent).to.equal('812 kbps');
    expect(part(badge, 'base')!.getAttribute('role')).to.equal('status');

    session.setPublisherQuality('ada', { currentStreamType: 'low', frameWidth: 160, frameHeight: 120, bitrate: 95 });
    await badge.updateComplete;
    expect(part(badge, 'base')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('low T2 160×120 95 kbps');
  });

  it('keeps the stats loop running while shown, and releases it when removed', async () => {
    const el = await tile();
    expect(session.statsWatchers.size).to.equal(1);
    expect([...session.statsWatchers][0]!.intervalMs).to.equal(1000);
    el.remove();
    expect(session.statsWatchers.size).to.equal(0);
  });

  it('hide-stats hides the badge; local tiles have neither badge nor menu', async () => {
    const hidden = await fixture<ConfTile>(html`<conf-tile user-id="ada" hide-stats .session=${session}></conf-tile>`);
    expect(badgeOf(hidden)).to.equal(null);
    expect(menuOf(hidden)).to.exist;
    const local = await fixture<ConfTile>(html`<conf-tile local .session=${session}></conf-tile>`);
    expect(part(local, 'top')).to.equal(null);
  });

  it('the menu opens anchored with floating-ui and is keyboard operable', async () => {
    const el = await tile();
    const menu = menuOf(el);
    await menu.updateComplete;
    const trigger = part<HTMLButtonElement>(menu, 'trigger')!;
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.textContent!.trim()).to.equal('Auto');

    trigger.focus();
    trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await menu.updateComplete;
    await nextFrame();
    const list = part(menu, 'menu')!;
    expect(menu.open).to.equal(true);
    expect(list.hidden).to.equal(false);
    expect(list.getAttribute('role')).to.equal('menu');
    // @floating-ui/dom loads on first use (menu-popover-controller.ts), so positioning may take a moment.
    await waitUntil(() => list.style.top !== '', 'positioned by computePosition');
    expect(list.style.top).to.match(/px$/);
    const focused = () => (menu.shadowRoot!.activeElement as HTMLElement | null)?.dataset;
    expect(focused()?.quality, 'the checked item has focus').to.equal('auto');

    const key = (k: string) => menu.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    key('ArrowDown');
    expect(focused()?.quality).to.equal('high');
    key('End');
    expect(focused()?.layer).to.equal('0');
    key('Home');
    key('ArrowDown');
    key('ArrowDown');
    expect(focused()?.quality).to.equal('medium');
    const picked = oneEvent(menu, 'conf-quality-change');
    key('Enter');
    expect((await picked).detail).to.deep.equal({ userId: 'ada', quality: 'medium' });
    await menu.updateComplete;
    expect(menu.open).to.equal(false);
    expect(menu.shadowRoot!.activeElement).to.equal(trigger, 'focus returns to the trigger');
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([['ada', 'medium']]);
    expect(trigger.textContent!.trim()).to.equal('SD');
    const checked = menu.shadowRoot!.querySelector('[aria-checked="true"][data-quality]') as HTMLElement;
    expect(checked.dataset.quality).to.equal('medium');

    await menu.show();
    key('Escape');
    await menu.updateComplete;
    expect(menu.open).to.equal(false);
  });

  it('offers audio-only and a frame-rate layer; a cancelled pick does not call the session', async () => {
    const el = await tile();
    const menu = menuOf(el);
    await menu.show();
    const items = [...menu.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
    expect(items.map((i) => i.textContent!.trim())).to.deep.equal([
      'Auto',
      'High',
      'Medium',
      'Low',
      'Audio only',
      'Full frame rate',
      'Half frame rate',
      'Quarter frame rate',
    ]);
    items.find((i) => i.dataset.layer === '0')!.click();
    await menu.updateComplete;
    expect(session.callsTo('requestPreferredLayerForOpponentStream')).to.deep.equal([['ada', 0]]);

    menu.addEventListener('conf-quality-change', (e) => e.preventDefault(), { once: true });
    await menu.show();
    menu.shadowRoot!.querySelector<HTMLElement>('[data-quality="low"]')!.click();
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([]);

    await menu.show();
    menu.shadowRoot!.querySelector<HTMLElement>('[data-quality="audio-only"]')!.click();
    await el.updateComplete;
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([['ada', 'audio-only']]);
    // Audio-only: the tile shows the initials instead of a frozen frame.
    expect(part(el, 'avatar')!.textContent!.trim()).to.equal('AL');
    expect((part(el, 'video') as HTMLVideoElement).hidden).to.equal(true);
    const badge = badgeOf(el);
    await badge.updateComplete;
    expect(part(badge, 'layer')!.textContent).to.equal('audio only');
  });

  it('the quality attribute maps to the session preference, once per value', async () => {
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" quality="low" .session=${session}></conf-tile>`);
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([['ada', 'low']]);
    el.requestUpdate();
    await el.updateComplete;
    expect(session.callsTo('setOpponentQuality')).to.have.length(1);
    el.setAttribute('quality', 'audio-only');
    await el.updateComplete;
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([['ada', 'low'], ['ada', 'audio-only']]);
    el.setAttribute('quality', 'bogus');
    await el.updateComplete;
    expect(session.callsTo('setOpponentQuality')).to.have.length(2);
    const menu = menuOf(el);
    await menu.updateComplete;
    expect(part(menu, 'trigger')!.textContent!.trim()).to.equal('Audio');
  });
});
