// Lazy loading (components/lazy-elements.ts). This file imports <conf-room> alone, as a page that
// wants the fast first paint does: everything else the room shows must arrive on demand.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-room/conf-room.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { loadElement, lazyElementTags } from '../../components/lazy-elements.js';
import { isConferenceError } from '../../src/errors.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const shadow = (el: Element) => el.shadowRoot!;
const defined = (tag: string) => !!customElements.get(tag);

async function room(session: FakeSession | null, attrs: Record<string, string> = {}): Promise<ConfRoom> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px; height: 700px"></div>`);
  const el = document.createElement('conf-room');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (session) el.session = session;
  wrapper.appendChild(el);
  await el.updateComplete;
  return el;
}

describe('lazily loaded elements', () => {
  it('are not part of <conf-room>: none is defined before a room renders them', () => {
    // Nothing has rendered yet in this page, so only the static imports of conf-room ran.
    for (const tag of lazyElementTags) expect(defined(tag), tag).to.equal(false);
    expect(defined('conf-room')).to.equal(true);
    expect(defined('conf-tile')).to.equal(true);
    expect(defined('conf-controls')).to.equal(true);
  });

  it('load when a room renders them, and keep what the room set on them before they upgraded', async () => {
    const session = new FakeSession({ userId: 'me', name: 'Me' });
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada', name: 'Ada' });
    const el = await room(session);

    await waitUntil(() => defined('device-picker') && defined('conf-record-button') && defined('conf-network-indicator'), 'the room chunk loads');
    const controls = shadow(el).querySelector('conf-controls')!;
    await controls.updateComplete;
    // `.session=${…}` was set on <conf-network-indicator> while it was still an unknown element.
    const indicator = controls.shadowRoot!.querySelector('conf-network-indicator') as HTMLElement & { session?: unknown; updateComplete: Promise<unknown> };
    await waitUntil(() => indicator.shadowRoot, 'the indicator upgrades');
    expect(indicator.session).to.equal(session);
    // Context still reaches upgraded elements: the device picker consumes the room's session.
    const picker = shadow(el).querySelector('device-picker') as HTMLElement & { session?: unknown };
    await waitUntil(() => picker.session === session, 'the device picker gets the session from context');
  });

  it('open the stats panel on first use, and anchor a menu once @floating-ui/dom arrives', async () => {
    const session = new FakeSession({ userId: 'me', name: 'Me' });
    session.setConnection('joined', 'r1');
    const el = await room(session);

    const panel = el.stats.open(null);
    await waitUntil(() => defined('conf-stats-panel') && panel.shadowRoot, 'the stats panel upgrades');
    expect(panel.open).to.equal(true);
    panel.open = false;

    const picker = shadow(el).querySelector('device-picker') as HTMLElement & { show(): Promise<void>; updateComplete: Promise<unknown> };
    await waitUntil(() => picker.shadowRoot, 'the device picker upgrades');
    await picker.show();
    const menu = picker.shadowRoot!.querySelector<HTMLElement>('[part~="menu"]')!;
    await waitUntil(() => menu.style.left !== '' && menu.style.top !== '', 'the menu is positioned');
  });

  it('show the pre-join screen with the name the room passed it', async () => {
    const el = await room(null, { prejoin: '', room: 'r2', server: 'ws://127.0.0.1:9' });
    el.name = 'Grace';
    await el.updateComplete;
    const prejoin = shadow(el).querySelector('conf-prejoin') as HTMLElement & { name: string; room: string };
    await waitUntil(() => defined('conf-prejoin') && prejoin.shadowRoot, 'the pre-join screen upgrades');
    expect(prejoin.name).to.equal('Grace');
    expect(prejoin.room).to.equal('r2');
  });

  it('loadElement resolves for a lazy tag and rejects a tag it does not know with a typed error', async () => {
    await loadElement('conf-incoming-call');
    expect(defined('conf-incoming-call')).to.equal(true);
    const error = await loadElement('conf-nope').then(() => null, (e: unknown) => e);
    expect(isConferenceError(error)).to.equal(true);
    expect((error as { code: string }).code).to.equal('not-found');
  });
});
