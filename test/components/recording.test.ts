import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-recording-indicator/conf-recording-indicator.js';
import '../../components/conf-record-button/conf-record-button.js';
import '../../components/conf-prejoin/conf-prejoin.js';
import '../../components/conf-room/conf-room.js';
import type { ConfRecordingIndicator } from '../../components/conf-recording-indicator/conf-recording-indicator.js';
import type { ConfRecordButton } from '../../components/conf-record-button/conf-record-button.js';
import type { ConfPrejoin } from '../../components/conf-prejoin/conf-prejoin.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { de } from '../../components/i18n/locales/de.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const liveRegion = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;

async function joined(options: ConstructorParameters<typeof FakeSession>[0] = {}) {
  const session = new FakeSession(options);
  await session.join('r1');
  return session;
}

describe('<conf-recording-indicator>', () => {
  it('shows nothing while the room is not recorded', async () => {
    const session = await joined();
    const el = await fixture<ConfRecordingIndicator>(html`<conf-recording-indicator .session=${session}></conf-recording-indicator>`);
    expect(part(el, 'base')).to.equal(null);
    expect(el.active).to.equal(false);
    expect(liveRegion(el).textContent!.trim()).to.equal('');
  });

  it('someone else starts: REC with the elapsed time, announced once, not every second', async () => {
    const session = await joined();
    const el = await fixture<ConfRecordingIndicator>(html`<conf-recording-indicator .session=${session}></conf-recording-indicator>`);
    session.setRecording({ active: true, startedAt: Date.now() - 65_000, by: 'alice' });
    await el.updateComplete;
    expect(el.hasAttribute('active')).to.equal(true);
    expect(part(el, 'mark')!.textContent).to.equal('REC');
    expect(part(el, 'elapsed')!.textContent).to.match(/^1:0[5-6]$/);
    expect(liveRegion(el).getAttribute('aria-live')).to.equal('polite');
    expect(liveRegion(el).textContent!.trim()).to.equal('This room is now being recorded.');
    // Not the notice: they were here when it started.
    expect(part(el, 'notice')).to.equal(null);

    // The time ticks, the live region does not change.
    const before = part(el, 'elapsed')!.textContent;
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((m) => mutations.push(...m));
    observer.observe(liveRegion(el), { childList: true, characterData: true, subtree: true });
    await waitUntil(() => part(el, 'elapsed')!.textContent !== before, 'the elapsed time ticks');
    observer.disconnect();
    expect(mutations).to.have.length(0);
    // The ticking time is not in a live region.
    expect(part(el, 'elapsed')!.closest('[aria-live]')).to.equal(null);

    session.setRecording({ active: false, startedAt: null, by: null });
    await el.updateComplete;
    expect(part(el, 'base')).to.equal(null);
    expect(liveRegion(el).textContent!.trim()).to.equal('Recording stopped.');
  });

  it('joining a room already recorded shows the notice until dismissed', async () => {
    const session = new FakeSession({ recording: { active: true, startedAt: Date.now(), by: 'alice' } });
    const el = await fixture<ConfRecordingIndicator>(html`<conf-recording-indicator .session=${session}></conf-recording-indicator>`);
    expect(part(el, 'base')).to.equal(null, 'nothing before joining');
    await session.join('r1');
    await el.updateComplete;
    expect(part(el, 'base')).to.not.equal(null);
    const notice = part(el, 'notice')!;
    expect(notice.tagName.toLowerCase()).to.equal('conf-recording-notice');
    expect(liveRegion(el).textContent!.trim()).to.equal('This room is being recorded');
    await (notice as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const dismiss = notice.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dismiss"]')!;
    dismiss.click();
    await el.updateComplete;
    expect(part(el, 'notice')).to.equal(null);
    expect(part(el, 'base')).to.not.equal(null, 'the REC mark stays');
  });

  it('is axe-clean while recording, with the notice', async () => {
    const session = new FakeSession({ recording: { active: true, startedAt: Date.now(), by: 'alice' } });
    await session.join('r1');
    const el = await fixture<ConfRecordingIndicator>(html`<conf-recording-indicator .session=${session}></conf-recording-indicator>`);
    expect(part(el, 'notice')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('after leaving it shows nothing', async () => {
    const session = await joined();
    session.setRecording({ active: true, startedAt: Date.now(), by: 'alice' });
    const el = await fixture<ConfRecordingIndicator>(html`<conf-recording-indicator .session=${session}></conf-recording-indicator>`);
    await session.leave();
    await el.updateComplete;
    expect(part(el, 'base')).to.equal(null);
  });
});

describe('<conf-record-button>', () => {
  it('is hidden without the record or admin grant', async () => {
    const session = await joined();
    const el = await fixture<ConfRecordButton>(html`<conf-record-button .session=${session}></conf-record-button>`);
    expect(el.hidden).to.equal(true);
    expect(part(el, 'button')).to.equal(null);
  });

  it('with the grant: starts and stops through the session, as an aria-pressed toggle', async () => {
    const session = await joined({ permissions: { record: true } });
    const el = await fixture<ConfRecordButton>(html`<conf-record-button .session=${session}></conf-record-button>`);
    expect(el.hidden).to.equal(false);
    const button = part<HTMLButtonElement>(el, 'button')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(button.getAttribute('title')).to.equal('Start recording');
    expect(button.textContent!.trim()).to.equal('Record');

    const toggled = oneEvent(el, 'conf-recording-toggle');
    button.click();
    expect((await toggled).detail.recording.active).to.equal(true);
    await el.updateComplete;
    expect(session.callsTo('startRecording')).to.have.length(1);
    expect(el.hasAttribute('recording')).to.equal(true);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(button.getAttribute('title')).to.equal('Stop recording');
    expect(button.textContent!.trim()).to.equal('Stop recording');

    await el.toggle();
    await el.updateComplete;
    expect(session.callsTo('stopRecording')).to.have.length(1);
    expect(session.snapshot.recording.active).to.equal(false);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
  });

  it('admins see it too; it follows a recording someone else started', async () => {
    const session = await joined({ permissions: { admin: true } });
    const el = await fixture<ConfRecordButton>(html`<conf-record-button .session=${session}></conf-record-button>`);
    session.setRecording({ active: true, startedAt: Date.now(), by: 'bob' });
    await el.updateComplete;
    expect(part(el, 'button')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('is axe-clean, idle and recording', async () => {
    const session = await joined({ permissions: { record: true } });
    const el = await fixture<ConfRecordButton>(html`<conf-record-button .session=${session}></conf-record-button>`);
    await expect(el).to.be.accessible();
    await el.toggle();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('icons-only: no visible label, the name in aria-label', async () => {
    const session = await joined({ permissions: { record: true } });
    const el = await fixture<ConfRecordButton>(html`<conf-record-button icons-only .session=${session}></conf-record-button>`);
    expect(part(el, 'label')).to.equal(null);
    expect(part(el, 'button')!.getAttribute('aria-label')).to.equal('Start recording');
    await expect(el).to.be.accessible();
  });

  it('is disabled outside a room and keyboard operable inside', async () => {
    const session = new FakeSession({ permissions: { record: true } });
    const el = await fixture<ConfRecordButton>(html`<conf-record-button .session=${session}></conf-record-button>`);
    expect(part<HTMLButtonElement>(el, 'button')!.disabled).to.equal(true);
    await session.join('r1');
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'button')!;
    expect(button.disabled).to.equal(false);
    expect(button.tagName).to.equal('BUTTON', 'a native button: Enter and Space work');
  });
});

describe('recording in <conf-prejoin> and <conf-room>', () => {
  it('<conf-prejoin recording> shows the notice', async () => {
    const el = await fixture<ConfPrejoin>(html`<conf-prejoin room="r1" recording></conf-prejoin>`);
    const notice = part(el, 'recording-notice')!;
    expect(notice.tagName.toLowerCase()).to.equal('conf-recording-notice');
    await (notice as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(notice.shadowRoot!.textContent).to.contain('This room is being recorded');
    el.recording = false;
    await el.updateComplete;
    expect(part(el, 'recording-notice')).to.equal(null);
  });

  it('<conf-room> has the indicator for everyone and the button only for those allowed', async () => {
    const session = await joined();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    const indicator = part<ConfRecordingIndicator>(room, 'recording')!;
    expect(indicator.tagName.toLowerCase()).to.equal('conf-recording-indicator');
    const button = room.shadowRoot!.querySelector<ConfRecordButton>('conf-record-button')!;
    await button.updateComplete;
    expect(button.hidden).to.equal(true);

    session.setRecording({ active: true, startedAt: Date.now(), by: 'host' });
    await indicator.updateComplete;
    expect(part(indicator, 'base')).to.not.equal(null);
  });

  it('German strings', async () => {
    const session = await joined({ permissions: { record: true } });
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session} .strings=${de}></conf-room>`);
    const button = room.shadowRoot!.querySelector<ConfRecordButton>('conf-record-button')!;
    await button.updateComplete;
    expect(part(button, 'button')!.getAttribute('title')).to.equal('Aufnahme starten');
    session.setRecording({ active: true, startedAt: Date.now(), by: 'x' });
    const indicator = part<ConfRecordingIndicator>(room, 'recording')!;
    await indicator.updateComplete;
    expect(liveRegion(indicator).textContent!.trim()).to.equal('Dieser Raum wird jetzt aufgezeichnet.');
  });
});
