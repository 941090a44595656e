import { expect, fixture, html } from '@open-wc/testing';
import '../../components/conf-controls/conf-controls.js';
import type { ConfControls } from '../../components/conf-controls/conf-controls.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const button = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`);

describe('<conf-controls>', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    session.setConnection('joined', 'r1');
  });

  it('toggles the microphone through the session and reflects the state', async () => {
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);
    expect(button(el, 'mic-button')!.getAttribute('aria-pressed')).to.equal('false');

    button(el, 'mic-button')!.click();
    await session.state.getSnapshot();
    await el.updateComplete;
    await el.updateComplete;

    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([[true]]);
    expect(button(el, 'mic-button')!.getAttribute('aria-pressed')).to.equal('true');
    expect(button(el, 'mic-button')!.getAttribute('aria-label')).to.equal('Unmute microphone');

    button(el, 'mic-button')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([[true], [false]]);
  });

  it('reflects a mute made elsewhere', async () => {
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);

    session.setSelf({ audioMuted: true, videoEnabled: false });
    await el.updateComplete;

    expect(button(el, 'mic-button')!.getAttribute('aria-pressed')).to.equal('true');
    expect(button(el, 'camera-button')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('toggles the camera through the session', async () => {
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);

    await el.toggleCamera();
    await el.updateComplete;

    expect(session.callsTo('setVideoEnabled')).to.deep.equal([[false]]);
    expect(button(el, 'camera-button')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('leaves through the session', async () => {
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);

    button(el, 'leave-button')!.click();
    await el.updateComplete;

    expect(session.callsTo('leave').length).to.equal(1);
    await el.updateComplete;
    expect(button(el, 'leave-button')!.disabled).to.equal(true);
  });

  it('is disabled until joined', async () => {
    session.setConnection('connecting');
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);

    expect(button(el, 'mic-button')!.disabled).to.equal(true);
    button(el, 'mic-button')!.click();
    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([]);

    session.setConnection('joined');
    await el.updateComplete;
    expect(button(el, 'mic-button')!.disabled).to.equal(false);
  });

  it('hides the camera button in audio calls', async () => {
    const audio = new FakeSession({ callType: 'audio' });
    audio.setConnection('joined');
    const el = await fixture<ConfControls>(html`<conf-controls .session=${audio}></conf-controls>`);

    expect(button(el, 'camera-button')).to.equal(null);
    expect(button(el, 'mic-button')).to.not.equal(null);
  });

  it('has slots for the screen-share button and device pickers', async () => {
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}>
      <span slot="screen-share" id="ss">share</span><span slot="devices" id="dp">devices</span>
    </conf-controls>`);

    const ss = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="screen-share"]')!;
    const dp = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="devices"]')!;
    expect(ss.assignedElements()[0]!.id).to.equal('ss');
    expect(dp.assignedElements()[0]!.id).to.equal('dp');
    await expect(el).to.be.accessible();
  });
});
