import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-call-center/conf-call-center.js';
import '../../components/conf-incoming-call/conf-incoming-call.js'; // the center loads it on demand (lazy-elements.ts)
import '../../components/conf-add-participant/conf-add-participant.js';
import '../../components/conf-room/conf-room.js';
import type { ConfCallCenter } from '../../components/conf-call-center/conf-call-center.js';
import type { ConfCallButton } from '../../components/conf-call-button/conf-call-button.js';
import '../../components/conf-call-button/conf-call-button.js';
import type { ConfAddParticipant } from '../../components/conf-add-participant/conf-add-participant.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { resetStrings, setStrings } from '../../components/i18n/index.js';
import { de } from '../../components/i18n/locales/de.js';
import { ConferenceError } from '../../src/errors.js';
import { FakeCalls } from '../../src/testing/fake-calls.js';
import { FakeSession } from '../../src/testing/fake-session.js';

// The rooms the center mounts would join a real server; this one refuses at once.
const UNREACHABLE = 'http://127.0.0.1:9';

const roomOf = (center: ConfCallCenter) => center.shadowRoot!.querySelector<ConfRoom>('conf-room');
const ringsOf = (center: ConfCallCenter) => [...center.shadowRoot!.querySelectorAll('conf-incoming-call')];

async function center(calls: FakeCalls): Promise<ConfCallCenter> {
  return fixture<ConfCallCenter>(html`<conf-call-center server=${UNREACHABLE} .calls=${calls}><p id="home">Home</p></conf-call-center>`);
}

describe('<conf-call-center>', () => {
  it('stacks one <conf-incoming-call> per ringing call and drops the ones that stop ringing', async () => {
    const calls = new FakeCalls();
    const el = await center(calls);
    expect(ringsOf(el)).to.have.length(0);
    const first = calls.ring({ from: { userId: 'ada', name: 'Ada' } });
    calls.ring({ from: { userId: 'bob', name: 'Bob' }, callType: 'audio' });
    await el.updateComplete;
    const rings = ringsOf(el);
    expect(rings.map((r) => r.call?.from.userId)).to.deep.equal(['ada', 'bob']);
    rings.forEach((r) => (r.muted = true));
    calls.end(first.callId, 'cancelled');
    await el.updateComplete;
    expect(ringsOf(el).map((r) => r.call?.from.userId)).to.deep.equal(['bob']);
    ringsOf(el)[0]!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="decline"]')!.click();
    await waitUntil(() => ringsOf(el).length === 0, 'the declined call stops ringing');
    expect(calls.log.at(-1)).to.deep.equal({ method: 'decline', args: ['in-2', {}] });
  });

  it('accepting mounts a <conf-room> for the call (with the chosen call type); its end takes it down', async () => {
    const calls = new FakeCalls();
    const el = await center(calls);
    const ring = calls.ring({ from: { userId: 'ada', name: 'Ada' }, roomId: 'call-r1' });
    await el.updateComplete;
    const card = ringsOf(el)[0]!;
    card.muted = true;
    await card.updateComplete;
    card.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="audio"]')!.click();
    await waitUntil(() => roomOf(el), 'a room is mounted');
    expect(calls.log.at(-1)).to.deep.equal({ method: 'accept', args: [ring.callId, { callType: 'audio' }] });
    const room = roomOf(el)!;
    expect(room.room).to.equal('call-r1');
    expect(room.callType).to.equal('audio');
    expect(room.server).to.equal(UNREACHABLE);
    expect(el.shadowRoot!.querySelector('slot:not([name])'), 'the page content is replaced by the call').to.equal(null);
    expect(el.active?.callId).to.equal(ring.callId);

    calls.end(ring.callId, 'everyone-left');
    await waitUntil(() => !roomOf(el), 'the room is taken down when the call ends');
    expect(el.shadowRoot!.querySelector('slot:not([name])')).to.exist;
  });

  it('leaving the mounted room hangs up; enterCall mounts a call this page started', async () => {
    const calls = new FakeCalls();
    const el = await center(calls);
    const call = await calls.start(['bob'], { callType: 'video' });
    el.enterCall(call);
    await waitUntil(() => roomOf(el), 'the started call is mounted');
    expect(roomOf(el)!.room).to.equal('room-out');
    roomOf(el)!.dispatchEvent(new CustomEvent('conf-left', { bubbles: true, composed: true, detail: { roomId: 'room-out', userId: 'me' } }));
    await waitUntil(() => !roomOf(el), 'the room goes away');
    expect(calls.log.at(-1)).to.deep.equal({ method: 'hangUp', args: [call.callId] });
  });

  it("provides the call to the mounted room, whose controls then hold <conf-add-participant>", async () => {
    const calls = new FakeCalls();
    const el = await center(calls);
    const call = await calls.start(['bob'], { callType: 'video' });
    el.enterCall(call);
    await waitUntil(() => roomOf(el), 'mounted');
    const room = roomOf(el)!;
    // Show the room with a ready session, so nothing connects.
    const session = new FakeSession({ userId: 'me', name: 'Me' });
    session.setConnection('joined', 'room-out');
    room.session = session;
    await waitUntil(() => room.shadowRoot!.querySelector('conf-add-participant'), 'add-participant in the controls');
    const add = room.shadowRoot!.querySelector<ConfAddParticipant>('conf-add-participant')!;
    await add.updateComplete;
    add.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await add.updateComplete;
    add.shadowRoot!.querySelector('input')!.value = 'frank';
    add.shadowRoot!.querySelector<HTMLButtonElement>('[part="invite"]')!.click();
    await waitUntil(() => calls.log.at(-1)?.method === 'invite', 'invited through the context');
    expect(calls.log.at(-1)).to.deep.equal({ method: 'invite', args: [call.callId, ['frank']] });
  });

  it('a room that is not a call has no <conf-add-participant>', async () => {
    const session = new FakeSession({ userId: 'me', name: 'Me' });
    session.setConnection('joined', 'r1');
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('conf-controls')).to.exist;
    expect(room.shadowRoot!.querySelector('conf-add-participant')).to.equal(null);
  });
});

describe('<conf-add-participant>', () => {
  afterEach(() => resetStrings());

  async function standalone() {
    const calls = new FakeCalls();
    const call = await calls.start(['bob'], { callType: 'video' });
    const el = await fixture<ConfAddParticipant>(html`<conf-add-participant call-id=${call.callId} .calls=${calls}></conf-add-participant>`);
    return { calls, call, el, q: <T extends Element>(s: string) => el.shadowRoot!.querySelector<T>(s) };
  }

  it('opens with the keyboard, invites the ids typed, lists their status, and closes on Escape', async () => {
    const { calls, call, el, q } = await standalone();
    const toggle = q<HTMLButtonElement>('[part="toggle"]')!;
    expect(toggle.textContent!.trim()).to.equal('Add people');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement === q('input'), 'focus moves into the input');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(q('label')!.textContent).to.contain('Add people');
    const invited = oneEvent(el, 'conf-call-invited');
    await sendKeys({ type: 'frank, gina ,frank' });
    await sendKeys({ press: 'Enter' });
    expect((await invited).detail).to.deep.equal({ callId: call.callId, userIds: ['frank', 'gina'] });
    expect(calls.log.at(-1)).to.deep.equal({ method: 'invite', args: [call.callId, ['frank', 'gina']] });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 2, 'the invited are listed');
    expect(q('li[data-user="frank"]')!.textContent).to.contain('ringing');
    calls.setStatus(call.callId, 'frank', 'accepted');
    await el.updateComplete;
    expect(q('li[data-user="frank"]')!.getAttribute('data-status')).to.equal('accepted');
    expect(q<HTMLInputElement>('input')!.value, 'the input is cleared').to.equal('');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !q('form'), 'Escape closes the form');
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });

  it('shows a refused invitation (room-full) and fires conf-error', async () => {
    const { calls, el, q } = await standalone();
    calls.invite = async () => {
      throw new ConferenceError('room-full', 'a call holds at most 12 people');
    };
    el.open = true;
    await el.updateComplete;
    q<HTMLInputElement>('input')!.value = 'a,b';
    const failed = oneEvent(el, 'conf-error');
    q<HTMLButtonElement>('[part="invite"]')!.click();
    expect((await failed).detail.code).to.equal('room-full');
    await el.updateComplete;
    expect(q('[role="alert"]')!.textContent).to.contain('room-full');
  });

  it('is disabled without a call, and once the call ended', async () => {
    const none = await fixture<ConfAddParticipant>(html`<conf-add-participant></conf-add-participant>`);
    expect(none.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.disabled).to.equal(true);
    const { calls, call, el, q } = await standalone();
    expect(q<HTMLButtonElement>('[part="toggle"]')!.disabled).to.equal(false);
    calls.end(call.callId);
    await el.updateComplete;
    expect(q<HTMLButtonElement>('[part="toggle"]')!.disabled).to.equal(true);
  });

  it('speaks German with the de strings', async () => {
    setStrings(de);
    const { el, q } = await standalone();
    await el.updateComplete;
    expect(q('[part="toggle"]')!.textContent!.trim()).to.equal('Personen hinzufügen');
    el.open = true;
    await el.updateComplete;
    expect(q('[part="invite"]')!.textContent!.trim()).to.equal('Einladen');
  });
});

describe('call elements with the keyboard', () => {
  /** The element that really has focus, through shadow roots. */
  function deepActive(): Element | null {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  it('<conf-incoming-call>: Tab walks Accept with video, Accept audio only, Decline; Enter declines', async () => {
    const calls = new FakeCalls();
    const el = await center(calls);
    calls.ring({ from: { userId: 'ada', name: 'Ada' } });
    await el.updateComplete;
    const card = ringsOf(el)[0]!;
    card.muted = true;
    await waitUntil(() => (deepActive() as HTMLElement | null)?.dataset.action === 'video', 'focus on Accept with video');
    await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).dataset.action).to.equal('audio');
    await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).dataset.action).to.equal('decline');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ringsOf(el).length === 0, 'declined with Enter');
    expect(calls.log.at(-1)?.method).to.equal('decline');
  });

  it('<conf-call-button>: Enter calls and focus moves to Cancel; Space cancels and focus comes back', async () => {
    const calls = new FakeCalls();
    const button = await fixture<ConfCallButton>(html`<conf-call-button users="bob" .calls=${calls}></conf-call-button>`);
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part="start"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'cancel', 'focus on Cancel');
    expect(calls.log[0]!.method).to.equal('start');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'start', 'focus back on the call button');
    expect(calls.log.at(-1)?.method).to.equal('hangUp');
  });
});
