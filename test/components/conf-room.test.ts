import { fitGrid } from '../../components/conf-room/layout.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-room/conf-room.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import type { ConferenceErrorCode } from '../../src/state/types.js';

const shadow = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/** The grid's columns: distinct left edges of its tiles (the layout sizes tiles, docs/layouts.md). */
const columnsOf = (grid: HTMLElement) => new Set([...grid.querySelectorAll('conf-tile')].map((t) => Math.round(t.getBoundingClientRect().left))).size;

/** Lets the layout measure its area and re-render. */
async function settle(el: ConfRoom): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
  }
}

async function room(session: FakeSession, attrs = ''): Promise<ConfRoom> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 1000px; height: 700px"><conf-room .session=${session}></conf-room></div>`,
  );
  const el = wrapper.querySelector('conf-room')!;
  for (const a of attrs.split(' ').filter(Boolean)) {
    const [k, v = ''] = a.split('=');
    el.setAttribute(k!, v);
  }
  await el.updateComplete;
  return el;
}

describe('<conf-room>', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession({ userId: 'me', name: 'Me Myself' });
  });

  it('provides its session to the tiles and controls inside it through context', async () => {
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada', name: 'Ada' });

    const el = await room(session);

    const tiles = shadow(el).querySelectorAll<ConfTile>('conf-tile');
    expect(tiles.length).to.equal(2);
    expect(tiles[0]!.hasAttribute('local')).to.equal(true);
    expect(tiles[0]!.session).to.equal(session);
    expect(tiles[1]!.session).to.equal(session);
    expect(shadow(el).querySelector('conf-controls')!.session).to.equal(session);
  });

  it('re-provides a replaced session', async () => {
    const el = await room(session);
    const next = new FakeSession({ userId: 'other' });

    el.session = next;
    await el.updateComplete;

    expect(shadow(el).querySelector<ConfTile>('conf-tile')!.session).to.equal(next);
  });

  const states = [
    ['connecting', 'Connecting…'],
    ['joined', 'Connected'],
    ['reconnecting', 'Reconnecting…'],
    ['closed', 'Disconnected'],
  ] as const;
  for (const [connection, label] of states) {
    it(`shows the ${connection} state`, async () => {
      const el = await room(session);

      session.setConnection(connection, 'r1');
      await el.updateComplete;

      expect(el.getAttribute('connection')).to.equal(connection);
      expect(part(el, 'status')!.textContent!.trim()).to.equal(label);
      const overlay = part(el, 'overlay');
      if (connection === 'joined' || connection === 'reconnecting') expect(overlay).to.equal(null);
      else expect(overlay).to.not.equal(null);
      if (connection === 'connecting') expect(overlay!.querySelector('.spinner')).to.not.equal(null);
      if (connection === 'closed') expect(overlay!.textContent).to.contain('You left the call');
    });
  }

  const errors: [ConferenceErrorCode, string][] = [
    ['permission-denied', 'Camera or microphone blocked'],
    ['room-full', 'This room is full'],
    ['server-unreachable', "Can't reach the conference server"],
    ['protocol-mismatch', 'This page is out of date'],
  ];
  for (const [code, title] of errors) {
    it(`explains the ${code} error in plain language and fires conf-error`, async () => {
      const el = await room(session);
      const event = oneEvent(el, 'conf-error');

      session.setError(code, `raw ${code} message`);
      session.setConnection('closed');
      const { detail } = await event;
      await el.updateComplete;

      expect(detail.code).to.equal(code);
      const card = part(el, 'error')!;
      expect(card.getAttribute('role')).to.equal('alert');
      expect(card.dataset.code).to.equal(code);
      expect(card.querySelector('h2')!.textContent).to.equal(title);
      expect(card.textContent).to.not.contain(`raw ${code} message`);
    });
  }

  it('shows an error during the call as a dismissible toast', async () => {
    session.setConnection('joined', 'r1');
    const el = await room(session);

    session.setError('permission-denied');
    await el.updateComplete;
    const card = part(el, 'error')!;
    expect(card.classList.contains('toast')).to.equal(true);
    card.querySelector('button')!.click();
    await el.updateComplete;

    expect(part(el, 'error')).to.equal(null);
  });

  it('joins with auto-join and fires conf-joined', async () => {
    const el = await fixture<ConfRoom>(html`<conf-room room="r1" auto-join .session=${session}></conf-room>`);
    const { detail } = await oneEvent(el, 'conf-joined');

    expect(session.callsTo('join')).to.deep.equal([['r1']]);
    expect(detail).to.deep.equal({ roomId: 'r1', userId: 'me' });
    expect(el.getAttribute('connection')).to.equal('joined');
  });

  it('joins on join() and reports a refused join with conf-error', async () => {
    session.joinError = { code: 'room-full', message: 'room r1 is full (12)' };
    const el = await fixture<ConfRoom>(html`<conf-room room="r1" .session=${session}></conf-room>`);
    expect(part(el, 'overlay')!.textContent).to.contain('Ready to join r1');
    const event = oneEvent(el, 'conf-error');

    await el.join();

    expect((await event).detail.code).to.equal('room-full');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('This room is full');
  });

  it('fires conf-left on leave, and conf-publisher-joined / -left', async () => {
    session.setConnection('joined', 'r1');
    const el = await room(session);
    const joined: string[] = [];
    const left: string[] = [];
    el.addEventListener('conf-publisher-joined', (e) => joined.push(e.detail.userId));
    el.addEventListener('conf-publisher-left', (e) => left.push(e.detail.userId));

    session.addPublisher({ userId: 'ada', name: 'Ada' });
    session.addPublisher({ userId: 'bob', name: 'Bob' });
    session.updatePublisher('ada', { audioMuted: true });
    session.removePublisher('ada');
    expect(joined).to.deep.equal(['ada', 'bob']);
    expect(left).to.deep.equal(['ada']);

    const leftEvent = oneEvent(el, 'conf-left');
    await el.leave();
    expect((await leftEvent).detail.roomId).to.equal('r1');
    expect(session.callsTo('leave').length).to.equal(1);
  });

  it('events bubble and are composed', async () => {
    session.setConnection('joined', 'r1');
    const wrapper = await fixture<HTMLDivElement>(html`<div><conf-room .session=${session}></conf-room></div>`);
    const event = oneEvent(wrapper, 'conf-publisher-joined');
    session.addPublisher({ userId: 'ada' });
    const e = await event;
    expect(e.bubbles && e.composed).to.equal(true);
  });

  // The grid uses the columns that give the largest 16:9 tiles in the area it really has (the
  // layout maths, fitGrid, is unit-tested in test/unit/layout.test.ts); every tile fits inside it.
  for (const count of [1, 2, 6, 12]) {
    it(`lays out ${count} tile(s) in the columns that give the largest tiles`, async () => {
      session.setConnection('joined', 'r1');
      for (let i = 1; i < count; i++) session.addPublisher({ userId: `p${i}`, name: `P ${i}` });

      const el = await room(session);

      const grid = part(el, 'grid')!;
      expect(grid.querySelectorAll('conf-tile').length).to.equal(count);
      await settle(el);
      // The area the layout measures: the content box of its `layout` part.
      const layout = part(el, 'layout')!;
      const css = getComputedStyle(layout);
      const width = layout.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
      const height = layout.clientHeight - parseFloat(css.paddingTop) - parseFloat(css.paddingBottom);
      const gap = parseFloat(getComputedStyle(el).getPropertyValue('--conf-gap')) || 8;
      const expected = fitGrid({ count, width, height, gap });
      const area = grid.getBoundingClientRect();
      expect(expected.pages, 'all fit on one page').to.equal(1);
      expect(columnsOf(grid)).to.equal(expected.cols);
      const rows = new Set([...grid.querySelectorAll('conf-tile')].map((t) => Math.round(t.getBoundingClientRect().top)));
      expect(rows.size).to.equal(Math.ceil(count / expected.cols));
      for (const tile of grid.querySelectorAll('conf-tile')) {
        expect(tile.getBoundingClientRect().bottom).to.be.at.most(area.bottom + 1);
      }
    });
  }

  it('uses fewer columns in a narrow container', async () => {
    session.setConnection('joined', 'r1');
    for (let i = 1; i < 6; i++) session.addPublisher({ userId: `p${i}` });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 400px; height: 700px"><conf-room .session=${session}></conf-room></div>`,
    );
    const el = wrapper.querySelector('conf-room')!;
    await el.updateComplete;

    await settle(el);
    expect(columnsOf(part(el, 'grid')!)).to.equal(2);
  });

  it('keeps tiles keyed by user id when publishers change', async () => {
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada' });
    session.addPublisher({ userId: 'bob' });
    const el = await room(session);
    const bob = shadow(el).querySelector('conf-tile[user-id="bob"]');

    session.removePublisher('ada');
    await el.updateComplete;

    expect(shadow(el).querySelector('conf-tile[user-id="bob"]')).to.equal(bob);
  });

  it('follows the theme attribute', async () => {
    const el = await room(session, 'theme=dark');
    expect(getComputedStyle(el).getPropertyValue('--conf-background').trim()).to.equal('#0f1115');

    el.setAttribute('theme', 'light');
    expect(getComputedStyle(el).getPropertyValue('--conf-background').trim()).to.equal('#f4f5f7');
  });

  it('reports missing server or room instead of throwing', async () => {
    const el = await fixture<ConfRoom>(html`<conf-room></conf-room>`);
    const event = oneEvent(el, 'conf-error');

    void el.join('r1');

    expect((await event).detail.code).to.equal('invalid-params');
    await waitUntil(() => part(el, 'error'));
  });

  it('creates its own session from server/room (lazy ConferenceClient) and reports an unreachable server', async () => {
    const el = await fixture<ConfRoom>(
      html`<conf-room server="http://127.0.0.1:9" room="r1" user-id="u1" name="Ada" auto-join></conf-room>`,
    );

    const { detail } = await oneEvent(el, 'conf-error');
    await el.updateComplete;

    expect(detail.code).to.equal('server-unreachable');
    expect(el.session).to.not.equal(undefined);
    expect(el.session!.userId).to.equal('u1');
    expect(part(el, 'error')!.querySelector('h2')!.textContent).to.equal("Can't reach the conference server");
  });
});
