import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-incoming-call/conf-incoming-call.js';
import '../../components/conf-call-button/conf-call-button.js';
import type { ConfIncomingCall } from '../../components/conf-incoming-call/conf-incoming-call.js';
import type { ConfCallButton } from '../../components/conf-call-button/conf-call-button.js';
import { FakeCalls } from '../../src/testing/fake-calls.js';

const call = { callId: 'c1', roomId: 'r1', from: { userId: 'ada', name: 'Ada Lovelace' }, participantIds: ['ada', 'me'], callType: 'video' as const };

describe('<conf-incoming-call>', () => {
  it('is an alertdialog with the caller, initials, call type and Accept/Decline names', async () => {
    const el = await fixture<ConfIncomingCall>(html`<conf-incoming-call muted .call=${call}></conf-incoming-call>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('[role="alertdialog"]')).to.exist;
    expect(root.querySelector('h2')!.textContent).to.contain('Ada Lovelace');
    expect(root.querySelector('.avatar')!.textContent).to.equal('AL');
    const names = [...root.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(names.slice(0, 3)).to.deep.equal(['Accept with video', 'Accept audio only', 'Decline']);
    await waitUntil(() => root.activeElement === root.querySelector('[data-action="video"]'), 'focus moves to Accept');
  });

  it('does not take the focus from a text field', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const el = await fixture<ConfIncomingCall>(html`<conf-incoming-call muted .call=${call}></conf-incoming-call>`);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).to.equal(input);
    input.remove();
  });

  it('dispatches accept (audio) and decline', async () => {
    const el = await fixture<ConfIncomingCall>(html`<conf-incoming-call muted .call=${call}></conf-incoming-call>`);
    const accepted = oneEvent(el, 'conf-call-accept');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="audio"]')!.click();
    expect((await accepted).detail).to.deep.equal({ callId: 'c1', callType: 'audio' });
    const declined = oneEvent(el, 'conf-call-decline');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="decline"]')!.click();
    expect((await declined).detail).to.deep.equal({ callId: 'c1' });
  });

  it('offers no video accept for an audio call; the ringtone stops when muted', async () => {
    const el = await fixture<ConfIncomingCall>(html`<conf-incoming-call .call=${{ ...call, callType: 'audio' }}></conf-incoming-call>`);
    expect(el.shadowRoot!.querySelector('[data-action="video"]')).to.equal(null);
    expect(el.ringtone.playing).to.equal(true);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.mute')!.click();
    await el.updateComplete;
    expect(el.ringtone.playing).to.equal(false);
  });
});

describe('<conf-call-button>', () => {
  it('starts a call, shows each status, and cancels', async () => {
    const calls = new FakeCalls();
    const el = await fixture<ConfCallButton>(html`<conf-call-button users="bob, carol" .calls=${calls}></conf-call-button>`);
    const started = oneEvent(el, 'conf-call-started');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.start')!.click();
    const { detail } = await started;
    expect(calls.log[0]).to.deep.equal({ method: 'start', args: [['bob', 'carol'], { callType: 'video' }] });
    calls.setStatus(detail.callId, 'carol', 'declined');
    await el.updateComplete;
    const item = (u: string) => el.shadowRoot!.querySelector(`li[data-user="${u}"]`)!;
    expect(item('bob').textContent).to.contain('ringing');
    expect(item('carol').getAttribute('data-status')).to.equal('declined');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.start'), 'back to the start button');
    expect(calls.log.at(-1)).to.deep.equal({ method: 'hangUp', args: [detail.callId] });
  });
});
