import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/mic-meter/mic-meter.js';
import type { MicMeter } from '../../components/mic-meter/mic-meter.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { createFakeMediaStream, stopFakeMediaStream } from '../../src/testing/fake-media.js';

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
});
