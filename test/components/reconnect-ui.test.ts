/**
 * The reconnect UI (docs/reliability.md): <conf-connection-banner> (reconnecting with the attempt,
 * "Connection restored" for a while, gave up with Rejoin), inside <conf-room>, and the dimmed,
 * labelled <conf-tile> of a participant who reconnects. English and German.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-connection-banner/conf-connection-banner.js';
import '../../components/conf-room/conf-room.js';
import '../../components/conf-tile/conf-tile.js';
import { DEFAULT_MAX_ATTEMPTS, type ConfConnectionBanner } from '../../components/conf-connection-banner/conf-connection-banner.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { de } from '../../components/i18n/locales/de.js';
import { MAX_RECONNECT_ATTEMPTS } from '../../src/session/reconnect.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function joined(): Promise<FakeSession> {
  const session = new FakeSession({ userId: 'me', name: 'Me' });
  await session.join('r1');
  return session;
}

async function banner(session: FakeSession, attrs: { restored?: number } = {}): Promise<ConfConnectionBanner> {
  return fixture<ConfConnectionBanner>(
    html`<conf-connection-banner .session=${session} restored-duration=${attrs.restored ?? 3000}></conf-connection-banner>`,
  );
}

describe('<conf-connection-banner>', () => {
  it('shows nothing while joined, and is a polite live region', async () => {
    const el = await banner(await joined());
    expect(el.phase).to.equal('hidden');
    const base = part(el, 'base')!;
    expect(base.getAttribute('role')).to.equal('status');
    expect(base.getAttribute('aria-live')).to.equal('polite');
    expect(text(base)).to.equal('');
    expect(getComputedStyle(base).display).to.equal('none');
  });

  it('reconnecting: says so, then counts the attempts out of the maximum', async () => {
    const session = await joined();
    const el = await banner(session);
    session.reconnecting(0);
    await el.updateComplete;
    expect(el.phase).to.equal('reconnecting');
    expect(el.getAttribute('phase')).to.equal('reconnecting');
    expect(text(part(el, 'message'))).to.equal('Connection lost. Reconnecting…');
    expect(getComputedStyle(part(el, 'base')!).display).not.to.equal('none');
    session.reconnecting(3);
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.equal('Connection lost. Reconnecting… (attempt 3 of 30)');
    expect(part(el, 'rejoin') === null).to.equal(true);
  });

  it("the maximum it shows is the session's MAX_RECONNECT_ATTEMPTS, and can be set", async () => {
    expect(DEFAULT_MAX_ATTEMPTS).to.equal(MAX_RECONNECT_ATTEMPTS);
    const session = await joined();
    const el = await fixture<ConfConnectionBanner>(html`<conf-connection-banner .session=${session} max-attempts="5"></conf-connection-banner>`);
    session.reconnecting(2);
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.equal('Connection lost. Reconnecting… (attempt 2 of 5)');
  });

  it('a session already reconnecting when the banner gets it is shown at once', async () => {
    const session = await joined();
    session.reconnecting(4);
    const el = await banner(session);
    expect(el.phase).to.equal('reconnecting');
    expect(text(part(el, 'message'))).to.contain('attempt 4 of 30');
  });

  it('back: "Connection restored" for restored-duration, then nothing', async () => {
    expect((document.createElement('conf-connection-banner') as ConfConnectionBanner).restoredDuration).to.equal(3000);
    const session = await joined();
    const el = await banner(session, { restored: 300 });
    const phases: string[] = [];
    el.addEventListener('conf-connection-phase', (e) => phases.push(e.detail.phase));
    session.reconnecting(2);
    session.reconnected();
    await el.updateComplete;
    expect(el.phase).to.equal('restored');
    expect(text(part(el, 'message'))).to.equal('Connection restored');
    await waitUntil(() => el.phase === 'hidden', 'the restored notice goes away');
    await el.updateComplete;
    expect(text(part(el, 'base'))).to.equal('');
    expect(phases).to.deep.equal(['reconnecting', 'restored', 'hidden']);
  });

  it('a join that was never lost shows no "restored"', async () => {
    const session = new FakeSession({ userId: 'me' });
    const el = await banner(session);
    await session.join('r1');
    await el.updateComplete;
    expect(el.phase).to.equal('hidden');
  });

  it('gave up: a clear message, the error code and a Rejoin button that rejoins the same room on the same session', async () => {
    const session = await joined();
    const el = await banner(session);
    session.reconnecting(30);
    session.gaveUp();
    await el.updateComplete;
    expect(el.phase).to.equal('failed');
    expect(text(part(el, 'message'))).to.equal('Could not reconnect');
    expect(text(part(el, 'advice'))).to.contain('every attempt to restore it failed');
    expect(text(part(el, 'code'))).to.equal('server-unreachable');
    const button = part<HTMLButtonElement>(el, 'rejoin')!;
    expect(text(button)).to.equal('Rejoin');
    expect(button.closest('[role="status"]') === part(el, 'base'), 'the button is inside the live region').to.equal(true);

    const rejoin = oneEvent(el, 'conf-rejoin');
    button.click();
    expect((await rejoin).detail).to.deep.equal({ roomId: 'r1' });
    await waitUntil(() => session.snapshot.connection === 'joined', 'rejoined');
    expect(session.callsTo('join')).to.deep.equal([['r1'], ['r1']]);
    await el.updateComplete;
    expect(el.phase).to.equal('hidden');
  });

  it('Rejoin is keyboard operable (Tab to it, Enter)', async () => {
    const session = await joined();
    const el = await banner(session);
    session.reconnecting(1);
    session.gaveUp();
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'rejoin')!;
    button.focus();
    expect(el.shadowRoot!.activeElement === button, 'focused').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => session.callsTo('join').length === 2, 'Enter rejoins');
    expect(session.callsTo('join')[1]).to.deep.equal(['r1']);
  });

  it('a final error is named; cancelling conf-rejoin leaves the rejoin to the app', async () => {
    const session = await joined();
    const el = await banner(session);
    session.reconnecting(1);
    session.gaveUp('unauthorized', 'token expired');
    await el.updateComplete;
    expect(text(part(el, 'code'))).to.equal('unauthorized');
    el.addEventListener('conf-rejoin', (e) => e.preventDefault(), { once: true });
    part<HTMLButtonElement>(el, 'rejoin')!.click();
    await el.updateComplete;
    expect(session.callsTo('join')).to.have.length(1);
    expect(el.phase).to.equal('failed');
  });

  it('leaving on purpose while reconnecting shows no failure', async () => {
    const session = await joined();
    const el = await banner(session);
    session.reconnecting(2);
    await session.leave();
    await el.updateComplete;
    expect(el.phase).to.equal('hidden');
    expect(part(el, 'rejoin') === null).to.equal(true);
  });

  it('German', async () => {
    const session = await joined();
    const el = await fixture<ConfRoom>(html`<conf-room .session=${session} .strings=${de}></conf-room>`);
    const b = part<ConfConnectionBanner>(el, 'connection-banner')!;
    session.reconnecting(2);
    await b.updateComplete;
    expect(text(part(b, 'message'))).to.equal('Verbindung unterbrochen. Verbindung wird wiederhergestellt… (Versuch 2 von 30)');
    session.reconnected();
    await b.updateComplete;
    expect(text(part(b, 'message'))).to.equal('Verbindung wiederhergestellt');
    session.reconnecting(1);
    session.gaveUp();
    await b.updateComplete;
    expect(text(part(b, 'message'))).to.equal('Verbindung konnte nicht wiederhergestellt werden');
    expect(text(part(b, 'rejoin'))).to.equal('Erneut beitreten');
  });
});

describe('<conf-room> and the reconnect UI', () => {
  it('reconnect-attempts sets the "of N" of its banner', async () => {
    const session = await joined();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session} reconnect-attempts="4"></conf-room>`);
    expect(room.reconnectAttempts).to.equal(4);
    const b = part<ConfConnectionBanner>(room, 'connection-banner')!;
    session.reconnecting(2);
    await b.updateComplete;
    expect(text(part(b, 'message'))).to.equal('Connection lost. Reconnecting… (attempt 2 of 4)');
  });

  it('reconnect-attempts reaches the session the room creates: a bad value is its invalid-params error', async () => {
    const room = await fixture<ConfRoom>(
      html`<conf-room server="http://127.0.0.1:9" room="r1" user-id="me" reconnect-attempts="0"></conf-room>`,
    );
    const errors: string[] = [];
    room.addEventListener('conf-error', (e) => errors.push(`${e.detail.code}: ${e.detail.message}`));
    await room.join();
    expect(errors.length).to.equal(1);
    expect(errors[0]).to.match(/^invalid-params: reconnect\.maxAttempts: must be an integer from 1 to 10000, got 0$/);
    expect(room.session === undefined, 'no session was created').to.equal(true);
  });

  it('shows the banner above the stage; after giving up only the banner (no closed overlay), whose Rejoin rejoins', async () => {
    const session = await joined();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    const b = part<ConfConnectionBanner>(room, 'connection-banner')!;
    expect(b.session === session, 'the room provides its session').to.equal(true);
    session.reconnecting(5);
    await b.updateComplete;
    expect(text(part(b, 'message'))).to.contain('attempt 5 of 30');
    session.gaveUp();
    await b.updateComplete;
    await room.updateComplete;
    expect(room.getAttribute('connection')).to.equal('closed');
    expect(part(room, 'overlay') === null, 'no second closed/error card').to.equal(true);
    part<HTMLButtonElement>(b, 'rejoin')!.click();
    await waitUntil(() => room.connection === 'joined', 'the room rejoined');
    expect(room.session === session, 'the same session').to.equal(true);
    expect(session.callsTo('join')).to.deep.equal([['r1'], ['r1']]);
  });

  it('a plain leave still shows the closed overlay', async () => {
    const session = await joined();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    await session.leave();
    await room.updateComplete;
    expect(part(room, 'overlay') !== null, 'the closed overlay').to.equal(true);
  });
});

describe('<conf-tile> of a participant who reconnects', () => {
  async function tile(session: FakeSession, style = ''): Promise<ConfTile> {
    return fixture<ConfTile>(html`<conf-tile .session=${session} user-id="ada" style=${style}></conf-tile>`);
  }

  it('is dimmed and labelled while reconnecting, and back to normal after', async () => {
    const session = await joined();
    session.addPublisher({ userId: 'ada', name: 'Ada', videoEnabled: false });
    const el = await tile(session);
    expect(el.hasAttribute('reconnecting')).to.equal(false);
    expect(part(el, 'reconnecting') === null).to.equal(true);
    const normal = getComputedStyle(el.shadowRoot!.querySelector('.center')!).opacity;
    expect(normal).to.equal('1');

    session.updatePublisher('ada', { reconnecting: true });
    await el.updateComplete;
    expect(el.hasAttribute('reconnecting')).to.equal(true);
    const label = part(el, 'reconnecting')!;
    expect(label.getAttribute('role')).to.equal('status');
    expect(text(label.querySelector('[aria-hidden]'))).to.equal('Reconnecting…');
    expect(text(label.querySelector('.visually-hidden'))).to.equal('Ada is reconnecting');
    await waitUntil(() => getComputedStyle(el.shadowRoot!.querySelector('.center')!).opacity === '0.4', 'dimmed');
    expect(getComputedStyle(part(el, 'video')!).opacity).to.equal('0.4');

    session.updatePublisher('ada', { reconnecting: false });
    await el.updateComplete;
    expect(el.hasAttribute('reconnecting')).to.equal(false);
    expect(part(el, 'reconnecting') === null).to.equal(true);
  });

  it('--conf-tile-reconnecting-opacity sets the dimming', async () => {
    const session = await joined();
    session.addPublisher({ userId: 'ada', name: 'Ada', videoEnabled: false, reconnecting: true });
    const el = await tile(session, '--conf-tile-reconnecting-opacity: 0.7');
    await waitUntil(() => getComputedStyle(el.shadowRoot!.querySelector('.center')!).opacity === '0.7', 'dimmed to 0.7');
  });

  it('the local tile is never marked', async () => {
    const session = await joined();
    session.reconnecting(1);
    const el = await fixture<ConfTile>(html`<conf-tile .session=${session} local></conf-tile>`);
    expect(el.hasAttribute('reconnecting')).to.equal(false);
  });

  it('German label', async () => {
    const session = await joined();
    session.addPublisher({ userId: 'ada', name: 'Ada', reconnecting: true });
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session} .strings=${de}></conf-room>`);
    await waitUntil(() => room.shadowRoot!.querySelector('conf-tile[user-id="ada"]'), 'the tile');
    const el = room.shadowRoot!.querySelector<ConfTile>('conf-tile[user-id="ada"]')!;
    await el.updateComplete;
    expect(el.hasAttribute('reconnecting')).to.equal(true);
    expect(text(part(el, 'reconnecting')!.querySelector('[aria-hidden]'))).to.equal('Verbindung wird wiederhergestellt…');
    expect(text(part(el, 'reconnecting')!.querySelector('.visually-hidden'))).to.equal('Die Verbindung von Ada wird wiederhergestellt');
  });
});
