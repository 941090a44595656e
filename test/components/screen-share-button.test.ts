import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/screen-share-button/screen-share-button.js';
import type { ScreenShareButton } from '../../components/screen-share-button/screen-share-button.js';
import { ConferenceError } from '../../src/errors.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const button = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;

describe('<screen-share-button>', () => {
  it('starts idle', async () => {
    const el = await fixture<ScreenShareButton>(html`<screen-share-button></screen-share-button>`);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows the unsupported error when the session cannot share', async () => {
    const session = new FakeSession();
    // A minimal SessionLike without enableScreenSharing.
    const minimal = { userId: 'me', state: session.state, levels: session.levels, on: session.on.bind(session) };
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${minimal}></screen-share-button>`);
    const event = oneEvent(el, 'conf-screen-share-change');

    button(el).click();

    expect((await event).detail).to.deep.equal({ state: 'error', code: 'unsupported' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
    expect(el.getAttribute('error-code')).to.equal('unsupported');
    expect(button(el).getAttribute('aria-label')).to.contain('not available');
  });

  it('goes idle -> starting -> sharing -> idle, asking for audio with with-audio', async () => {
    const session = new FakeSession({ screenShareDelay: 50 });
    const el = await fixture<ScreenShareButton>(html`<screen-share-button with-audio .session=${session}></screen-share-button>`);
    const states: string[] = [];
    el.addEventListener('conf-screen-share-change', (e) => states.push(e.detail.state));

    button(el).click();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('starting');
    expect(button(el).getAttribute('aria-busy')).to.equal('true');

    await waitUntil(() => el.state === 'sharing');
    await el.updateComplete;
    expect(button(el).getAttribute('aria-pressed')).to.equal('true');
    expect(session.callsTo('enableScreenSharing')).to.deep.equal([[true, { withAudio: true }]]);
    expect(session.snapshot.self.screenSharing).to.equal(true);

    await el.toggle();
    await el.updateComplete;
    expect(session.callsTo('enableScreenSharing').at(-1)![0]).to.equal(false);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(states).to.deep.equal(['starting', 'sharing', 'idle']);
  });

  it('goes idle when the browser stops sharing (the session says so)', async () => {
    const session = new FakeSession();
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${session}></screen-share-button>`);
    await el.toggle();
    expect(el.state).to.equal('sharing');

    session.endScreenShare();
    await el.updateComplete;

    expect(el.getAttribute('state')).to.equal('idle');
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows a denied picker as an error, and retries on the next click', async () => {
    const session = new FakeSession({ screenShareError: { code: 'screen-share-denied', message: 'denied' } });
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${session}></screen-share-button>`);

    await el.toggle();
    await el.updateComplete;

    expect(el.getAttribute('state')).to.equal('error');
    expect(el.getAttribute('error-code')).to.equal('screen-share-denied');
    expect(el.shadowRoot!.querySelector('[part~="label"]')!.textContent).to.contain('blocked or cancelled');

    session.screenShareError = undefined;
    await el.toggle();
    expect(el.state).to.equal('sharing');
  });

  it('shows an error when starting fails', async () => {
    const session = new FakeSession();
    Object.assign(session, {
      enableScreenSharing: async () => {
        throw new ConferenceError('permission-denied', 'denied');
      },
    });
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${session}></screen-share-button>`);

    await el.toggle();
    await el.updateComplete;

    expect(el.getAttribute('state')).to.equal('error');
    expect(el.getAttribute('error-code')).to.equal('permission-denied');
  });
});
