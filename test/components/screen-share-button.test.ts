import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/screen-share-button/screen-share-button.js';
import type { ScreenShareButton } from '../../components/screen-share-button/screen-share-button.js';
import { ConferenceError } from '../../src/errors.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const button = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('<screen-share-button>', () => {
  it('starts idle', async () => {
    const el = await fixture<ScreenShareButton>(html`<screen-share-button></screen-share-button>`);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows the unsupported error when the session cannot share', async () => {
    const session = new FakeSession();
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${session}></screen-share-button>`);
    const event = oneEvent(el, 'conf-screen-share-change');

    button(el).click();

    expect((await event).detail).to.deep.equal({ state: 'error', code: 'unsupported' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
    expect(el.getAttribute('error-code')).to.equal('unsupported');
    expect(button(el).getAttribute('aria-label')).to.contain('not available');
  });

  it('goes idle -> starting -> sharing -> idle', async () => {
    const session = new FakeSession();
    const start = deferred();
    let stopped = 0;
    Object.assign(session, {
      enableScreenSharing: () => start.promise,
      disableScreenSharing: async () => void stopped++,
    });
    const el = await fixture<ScreenShareButton>(html`<screen-share-button .session=${session}></screen-share-button>`);

    button(el).click();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('starting');
    expect(button(el).getAttribute('aria-busy')).to.equal('true');

    start.resolve();
    await oneEvent(el, 'conf-screen-share-change');
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('sharing');
    expect(button(el).getAttribute('aria-pressed')).to.equal('true');

    await el.toggle();
    await el.updateComplete;
    expect(stopped).to.equal(1);
    expect(el.getAttribute('state')).to.equal('idle');
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
