import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/mic-meter/mic-meter.js';
import type { MicMeter } from '../../components/mic-meter/mic-meter.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { createFakeMediaStream, stopFakeMediaStream } from '../../src/testing/fake-media.js';
import { AudioLevelController } from '../../components/controllers/audio-level-controller.js';
import { Store } from '../../src/state/store.js';

describe('<mic-meter>', () => {
  it('is an accessible meter', async () => {
    const el = await fixture<MicMeter>(html`<mic-meter user-id="ada"></mic-meter>`);

    expect(el.getAttribute('role')).to.equal('meter');
    expect(el.getAttribute('aria-valuemin')).to.equal('0');
    expect(el.getAttribute('aria-valuemax')).to.equal('1');
    expect(el.getAttribute('aria-valuenow')).to.equal('0');
    await expect(el).to.be.accessible();
  });

  it('shows a remote level from the session levels store', async () => {
    const session = new FakeSession();
    const el = await fixture<MicMeter>(html`<mic-meter user-id="ada" .session=${session}></mic-meter>`);

    session.setLevels({ ada: 0.42, bob: 0.9 });
    await el.updateComplete;

    expect(el.getAttribute('aria-valuenow')).to.equal('0.42');
    expect(el.style.getPropertyValue('--conf-mic-level')).to.equal('0.42');
    expect(getComputedStyle(el).getPropertyValue('--conf-mic-level').trim()).to.equal('0.42');

    session.setLevels({ bob: 0.9 });
    await el.updateComplete;
    expect(el.getAttribute('aria-valuenow')).to.equal('0');
  });

  it('moves its bars without a transition by default (each would tick frames on the main thread), and takes one from --conf-mic-meter-transition', async () => {
    const el = await fixture<MicMeter>(html`<mic-meter user-id="ada"></mic-meter>`);
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[part="bar"]')!;
    expect(getComputedStyle(bar).transitionDuration).to.equal('0s');
    el.style.setProperty('--conf-mic-meter-transition', 'transform 90ms linear');
    expect(getComputedStyle(bar).transitionDuration).to.equal('0.09s');
  });

  it('does not re-render when only other users’ levels change', async () => {
    const session = new FakeSession();
    session.setLevels({ ada: 0.3 });
    const el = await fixture<MicMeter>(html`<mic-meter user-id="ada" .session=${session}></mic-meter>`);
    let updates = 0;
    const original = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<MicMeter['requestUpdate']>) => {
      updates++;
      return original(...args);
    };

    session.setLevels({ ada: 0.3, bob: 0.7 });
    session.setLevels({ ada: 0.3, bob: 0.1 });

    expect(updates).to.equal(0);
  });

  it('measures the local microphone with a WebAudio analyser', async () => {
    const stream = createFakeMediaStream({ video: false, audio: true, gain: 0.8 });
    const session = new FakeSession({ userId: 'me', stream });
    try {
      const el = await fixture<MicMeter>(html`<mic-meter local user-id="me" .session=${session}></mic-meter>`);

      await waitUntil(() => Number(el.getAttribute('aria-valuenow')) > 0, 'local level stays 0');
      expect(Number(getComputedStyle(el).getPropertyValue('--conf-mic-level'))).to.be.greaterThan(0);

      session.setSelf({ audioMuted: true });
      await waitUntil(() => el.getAttribute('aria-valuenow') === '0', 'a muted mic still reads a level');
    } finally {
      stopFakeMediaStream(stream);
    }
  });

  it('treats its user-id as local when it matches the session user', async () => {
    const stream = createFakeMediaStream({ video: false, audio: true });
    const session = new FakeSession({ userId: 'me', stream });
    try {
      session.setLevels({ me: 0 });
      const el = await fixture<MicMeter>(html`<mic-meter user-id="me" .session=${session}></mic-meter>`);
      await waitUntil(() => Number(el.getAttribute('aria-valuenow')) > 0, 'self level not measured');
    } finally {
      stopFakeMediaStream(stream);
    }
  });

  it('AudioLevelController measures on each tick of its clock, not only on its interval', async () => {
    const stream = createFakeMediaStream({ video: false, audio: true, gain: 0.8 });
    const clock = new Store(0);
    let updates = 0;
    const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
    // An interval that never fires within the test: any level must come from the clock.
    const controller = new AudioLevelController(host, () => stream.getAudioTracks()[0], { intervalMs: 600_000, clock: () => clock });
    try {
      controller.hostConnected();
      let ticks = 0;
      await waitUntil(() => (clock.set(++ticks), controller.level > 0), 'a clock tick did not measure', { timeout: 4000, interval: 50 });
      expect(updates).to.be.greaterThan(0);
      controller.hostDisconnected();
      expect(controller.level).to.equal(0);
      const after = updates;
      clock.set(-1);
      expect(updates).to.equal(after); // unsubscribed from the clock
      expect(clock.listenerCount).to.equal(0);
    } finally {
      controller.hostDisconnected();
      stopFakeMediaStream(stream);
    }
  });
});
