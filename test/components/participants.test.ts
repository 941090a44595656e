/**
 * Access control in the elements (docs/auth.md): <conf-participants> lists everyone with mic,
 * camera and speaking state; admins get a keyboard-operable moderation menu per person; elements
 * hide what the permissions do not allow; <conf-room> explains unauthorized, forbidden, removal
 * and a moderator's mute. All on FakeSession.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-participants/conf-participants.js';
import '../../components/conf-controls/conf-controls.js';
import '../../components/screen-share-button/screen-share-button.js';
import '../../components/conf-room/conf-room.js';
import type { ConfParticipants } from '../../components/conf-participants/conf-participants.js';
import type { ConfParticipantMenu } from '../../components/conf-participants/participant-menu.js';
import type { ConfControls } from '../../components/conf-controls/conf-controls.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { ADMIN_PERMISSIONS, DEFAULT_PERMISSIONS, LISTENER_PERMISSIONS } from '../../src/testing/fake-moderation.js';
import { resetStrings, setStrings } from '../../components/i18n/registry.js';
import { de } from '../../components/i18n/locales/de.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const rows = (el: ConfParticipants) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="participant"]')];
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

function room(permissions = ADMIN_PERMISSIONS) {
  const session = new FakeSession({ userId: 'ada', name: 'Ada', permissions });
  session.setConnection('joined', 'standup');
  session.addPublisher({ userId: 'bob', name: 'Bob' });
  session.addPublisher({ userId: 'cy', name: 'Cy', audioMuted: true, videoEnabled: false });
  return session;
}

describe('<conf-participants>', () => {
  it('lists everyone with name, mic, camera and a speaking indicator', async () => {
    const session = room(DEFAULT_PERMISSIONS);
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${session}></conf-participants>`);
    expect(rows(el).map((r) => r.dataset.userId)).to.deep.equal(['ada', 'bob', 'cy']);
    expect(part(el, 'heading')!.textContent).to.contain('3');
    const cy = rows(el)[2]!;
    expect(cy.querySelector('[part="mic"]')!.getAttribute('aria-label')).to.equal('microphone off');
    expect(cy.querySelector('[part="camera"]')!.getAttribute('aria-label')).to.equal('camera off');
    expect(rows(el)[1]!.querySelector('[part="mic"]')!.getAttribute('aria-label')).to.equal('microphone on');

    session.setLevels({ bob: 0.4 });
    await el.updateComplete;
    expect(rows(el)[1]!.hasAttribute('data-speaking')).to.equal(true);
    expect(rows(el)[0]!.hasAttribute('data-speaking')).to.equal(false);
    expect(rows(el)[1]!.textContent).to.contain('speaking');

    session.removePublisher('cy');
    await el.updateComplete;
    expect(rows(el)).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('re-renders only when a row or who speaks changes, not on stats rounds or level wobble', async () => {
    const session = room(DEFAULT_PERMISSIONS);
    session.setLevels({ bob: 0.4 });
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${session}></conf-participants>`);
    let updates = 0;
    const original = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<ConfParticipants['requestUpdate']>) => {
      updates++;
      return original(...args);
    };
    // A stats round replaces the publisher object; levels move but the same people speak.
    session.updatePublisher('bob', { quality: { bitrate: 900, frameWidth: 640, frameHeight: 360, frameRate: 30 } as never });
    session.setLevels({ bob: 0.6, cy: 0.01 });
    session.setLevels({ bob: 0.5 });
    expect(updates).to.equal(0);

    session.setLevels({ bob: 0.5, cy: 0.2 });
    expect(updates).to.equal(1);
    await el.updateComplete;
    expect(rows(el)[2]!.hasAttribute('data-speaking')).to.equal(true);

    session.updatePublisher('bob', { audioMuted: true });
    expect(updates).to.equal(2);
    await el.updateComplete;
    expect(rows(el)[1]!.querySelector('[part="mic"]')!.getAttribute('aria-label')).to.equal('microphone off');
  });

  it('has no moderation menu without admin', async () => {
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${room(DEFAULT_PERMISSIONS)}></conf-participants>`);
    expect(el.shadowRoot!.querySelectorAll('conf-participant-menu')).to.have.length(0);
  });

  it('gives an admin a per-person menu (not for themself) that mutes, stops video and removes', async () => {
    const session = room();
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${session}></conf-participants>`);
    const menus = [...el.shadowRoot!.querySelectorAll<ConfParticipantMenu>('conf-participant-menu')];
    expect(menus.map((m) => m.userId)).to.deep.equal(['bob', 'cy']);
    const bob = menus[0]!;
    await bob.updateComplete;
    const items = () => [...bob.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].map((i) => i.getAttribute('part'));
    await bob.show();
    expect(items()).to.deep.equal(['item item-mute-mic', 'item item-stop-video', 'item item-remove']);
    const cyMenu = menus[1]!;
    await cyMenu.show();
    expect([...cyMenu.shadowRoot!.querySelectorAll('[part~="item"]')].map((i) => i.getAttribute('part')), 'already muted and off').to.deep.equal([
      'item item-remove',
    ]);
    cyMenu.hide();

    const events: string[] = [];
    el.addEventListener('conf-moderate', (e) => events.push(`${e.detail.action}:${e.detail.userId}`));
    bob.shadowRoot!.querySelector<HTMLElement>('[part~="item-mute-mic"]')!.click();
    await frame();
    expect(session.callsTo('muteParticipant')).to.deep.equal([['bob', 'mic']]);
    expect(session.snapshot.publishers.bob!.audioMuted).to.equal(true);
    expect(events).to.deep.equal(['mute-mic:bob']);
    await expect(el).to.be.accessible();
  });

  it('is keyboard operable: ArrowDown opens, arrows move, Enter acts, Escape closes', async () => {
    const session = room();
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${session}></conf-participants>`);
    const bob = el.shadowRoot!.querySelector<ConfParticipantMenu>('conf-participant-menu')!;
    await bob.updateComplete;
    part(bob, 'trigger')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await bob.updateComplete;
    expect(bob.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect(bob.open).to.equal(false);
    expect(bob.shadowRoot!.activeElement).to.equal(part(bob, 'trigger'));

    await sendKeys({ press: 'ArrowDown' });
    await bob.updateComplete;
    await sendKeys({ press: 'End' });
    expect(bob.shadowRoot!.activeElement!.getAttribute('part')).to.equal('item item-remove');
    await sendKeys({ press: 'Enter' });
    await frame();
    expect(session.callsTo('removeParticipant')).to.deep.equal([['bob']]);
    expect(session.snapshot.publishers.bob).to.equal(undefined);
  });

  it('a forbidden moderation call lands in the session state', async () => {
    const session = room();
    session.moderationError = { code: 'forbidden', message: 'no admin' };
    const el = await fixture<ConfParticipants>(html`<conf-participants .session=${session}></conf-participants>`);
    const bob = el.shadowRoot!.querySelector<ConfParticipantMenu>('conf-participant-menu')!;
    await bob.act('remove');
    expect(session.snapshot.error?.code).to.equal('forbidden');
    expect(session.snapshot.publishers.bob, 'nobody removed').to.not.equal(undefined);
  });
});

describe('controls follow the permissions', () => {
  it('<conf-controls> opens the panel from a button with a count badge; Escape closes it', async () => {
    const session = room();
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);
    const button = part<HTMLButtonElement>(el, 'participants-button')!;
    expect(part(el, 'participants-count')!.textContent!.trim()).to.equal('3');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'participants-panel')!.hidden).to.equal(true);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const panel = part<ConfParticipants>(el, 'participants-panel')!;
    expect(panel.hidden).to.equal(false);
    await panel.updateComplete;
    expect(rows(panel)).to.have.length(3);
    panel.shadowRoot!.querySelector<ConfParticipantMenu>('conf-participant-menu')!.focus();
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    session.addPublisher({ userId: 'dee' });
    await el.updateComplete;
    expect(part(el, 'participants-count')!.textContent!.trim()).to.equal('4');
  });

  it('a listener has no mic or camera toggle; without the screen grant there is no share button', async () => {
    const listener = room(LISTENER_PERMISSIONS);
    const el = await fixture<ConfControls>(html`<conf-controls .session=${listener}></conf-controls>`);
    expect(part(el, 'mic-button')).to.equal(null);
    expect(part(el, 'camera-button')).to.equal(null);
    const micOnly = room({ ...DEFAULT_PERMISSIONS, publish: ['mic'] });
    const el2 = await fixture<ConfControls>(html`<conf-controls .session=${micOnly}></conf-controls>`);
    expect(part(el2, 'mic-button')).to.not.equal(null);
    expect(part(el2, 'camera-button')).to.equal(null);
    const share = await fixture(html`<screen-share-button .session=${micOnly}></screen-share-button>`);
    expect(part(share, 'button')).to.equal(null);
    const full = await fixture(html`<screen-share-button .session=${room(DEFAULT_PERMISSIONS)}></screen-share-button>`);
    expect(part(full, 'button')).to.not.equal(null);
  });
});

describe('<conf-room> access messages', () => {
  afterEach(() => resetStrings());

  for (const [code, title] of [
    ['unauthorized', 'You are not signed in to this call'],
    ['forbidden', 'You may not do that here'],
  ] as const) {
    it(`explains ${code}`, async () => {
      const session = new FakeSession({ joinError: { code, message: 'raw server text' } });
      const el = await fixture<ConfRoom>(html`<conf-room .session=${session} room="r"></conf-room>`);
      await el.join().catch(() => undefined);
      await el.updateComplete;
      const card = part(el, 'error')!;
      expect(card.dataset.code).to.equal(code);
      expect(card.querySelector('h2')!.textContent).to.equal(title);
    });
  }

  it('says "You were removed from the meeting" (German too) and offers no rejoin', async () => {
    const session = room();
    const el = await fixture<ConfRoom>(html`<conf-room .session=${session} room="standup"></conf-room>`);
    session.removedByModerator('ada');
    await el.updateComplete;
    const card = part(el, 'error')!;
    expect(card.querySelector('h2')!.textContent).to.equal('You were removed from the meeting');
    expect(card.querySelector('button'), 'no retry').to.equal(null);
    setStrings(de);
    await el.updateComplete;
    expect(part(el, 'error')!.querySelector('h2')!.textContent).to.equal('Du wurdest aus dem Meeting entfernt');
  });

  it('shows the moderator mute notice until you unmute', async () => {
    const session = room();
    const el = await fixture<ConfRoom>(html`<conf-room .session=${session} room="standup"></conf-room>`);
    session.mutedByModerator('mic', 'bob');
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('A moderator muted your microphone');
    expect(session.snapshot.self.audioMuted).to.equal(true);
    await session.setMicrophoneMute(false);
    await el.updateComplete;
    expect(part(el, 'notice')).to.equal(null);
  });

  it('passes the token (attribute, or a function property) into the join message', async () => {
    const sent: { method: string; data: { token?: string } }[] = [];
    /** A socket that records the join and refuses it like a secure server would. */
    class RecordingSocket {
      readyState = 0;
      onopen: ((e: unknown) => void) | null = null;
      onclose: ((e: unknown) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      onmessage: ((e: { data: string }) => void) | null = null;
      constructor() {
        setTimeout(() => {
          this.readyState = 1;
          this.onopen?.({});
        });
      }
      send(raw: string) {
        const msg = JSON.parse(raw);
        sent.push(msg);
        setTimeout(() => this.onmessage?.({ data: JSON.stringify({ id: msg.id, ok: false, error: { code: 'unauthorized', message: 'x' } }) }));
      }
      close() {
        this.readyState = 3;
      }
    }
    const original = window.WebSocket;
    (window as { WebSocket: unknown }).WebSocket = RecordingSocket;
    try {
      const el = await fixture<ConfRoom>(html`<conf-room token="abc" server="http://127.0.0.1:1" room="r" user-id="ada" call-type="audio"></conf-room>`);
      await el.join().catch(() => undefined);
      el.token = async () => 'from-function';
      await el.join().catch(() => undefined);
      await el.updateComplete;
      expect(sent.filter((m) => m.method === 'join').map((m) => m.data.token)).to.deep.equal(['abc', 'from-function']);
      expect(part(el, 'error')!.dataset.code).to.equal('unauthorized');
    } finally {
      window.WebSocket = original;
    }
  });
});
