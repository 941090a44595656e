import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-prejoin/conf-prejoin.js';
import type { ConfPrejoin } from '../../components/conf-prejoin/conf-prejoin.js';
import '../../components/conf-room/conf-room.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { DevicePicker } from '../../components/device-picker/device-picker.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const pickers = (el: Element) => [...el.shadowRoot!.querySelectorAll<DevicePicker>('device-picker')];

async function devices(kind: MediaDeviceKind): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === kind && d.deviceId);
}

describe('<conf-prejoin>', () => {
  before(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    stream.getTracks().forEach((t) => t.stop());
  });

  it('shows a camera preview, a mic meter, device pickers with output and a test sound, a name and Join', async () => {
    const el = await fixture<ConfPrejoin>(html`<conf-prejoin name="Ada"></conf-prejoin>`);
    await waitUntil(() => el.stream?.getVideoTracks().length === 1, 'the preview opens');
    await el.updateComplete;

    const video = part<HTMLVideoElement>(el, 'preview')!;
    expect(video.srcObject).to.equal(el.stream);
    await waitUntil(() => video.videoWidth > 0, 'the preview plays');
    expect(part(el, 'meter')!.getAttribute('role')).to.equal('meter');
    await waitUntil(() => Number(part(el, 'meter')!.getAttribute('aria-valuenow')) > 0, 'the fake microphone moves the meter');
    expect(pickers(el).map((p) => p.kind)).to.deep.equal(['audioinput', 'videoinput', 'audiooutput']);
    expect(part(el, 'test-sound')!.textContent!.trim()).to.equal('Test speaker');
    expect(part<HTMLInputElement>(el, 'name-input')!.value).to.equal('Ada');
    expect(part<HTMLButtonElement>(el, 'join-button')!.disabled).to.equal(false);
    el.remove();
  });

  it('switches the previewed microphone when one is picked, without calling a session', async () => {
    const session = new FakeSession();
    const el = await fixture<ConfPrejoin>(html`<conf-prejoin name="Ada"></conf-prejoin>`);
    await waitUntil(() => !!el.stream);
    const [, second] = await devices('audioinput');
    const picker = pickers(el)[0]!;
    picker.session = session;

    await picker.select(second!.deviceId);
    await waitUntil(() => el.stream?.getAudioTracks()[0]?.getSettings().deviceId === second!.deviceId, 'the preview uses it');

    expect(el.audioInput).to.equal(second!.deviceId);
    expect(session.calls).to.deep.equal([]);
    el.remove();
  });

  it('plays a test sound on the chosen output', async () => {
    const el = await fixture<ConfPrejoin>(html`<conf-prejoin name="Ada"></conf-prejoin>`);
    const [output] = (await devices('audiooutput')).filter((d) => d.deviceId !== 'default');
    await pickers(el)[2]!.select(output!.deviceId);
    expect(el.audioOutput).to.equal(output!.deviceId);

    const playing = el.testSound();
    await el.updateComplete;
    expect(part(el, 'test-sound')!.textContent!.trim()).to.equal('Playing…');
    await playing;
    await el.updateComplete;
    expect(part(el, 'test-sound')!.textContent!.trim()).to.equal('Test speaker');
    el.remove();
  });

  it('needs a name, then emits conf-prejoin-join with the choices and releases the devices', async () => {
    const el = await fixture<ConfPrejoin>(html`<conf-prejoin></conf-prejoin>`);
    await waitUntil(() => !!el.stream);
    expect(part<HTMLButtonElement>(el, 'join-button')!.disabled).to.equal(true);

    const input = part<HTMLInputElement>(el, 'name-input')!;
    input.value = 'Grace';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'camera-toggle')!.click();
    await el.updateComplete;
    const tracks = el.stream!.getTracks();

    const event = oneEvent(el, 'conf-prejoin-join');
    part<HTMLButtonElement>(el, 'join-button')!.click();
    const { detail } = await event;

    expect(detail.name).to.equal('Grace');
    expect(detail.audioEnabled).to.equal(true);
    expect(detail.videoEnabled).to.equal(false);
    expect(detail.audioInput).to.be.a('string').and.not.equal('');
    expect(detail.videoInput).to.be.a('string').and.not.equal('');
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(el.stream).to.equal(null);
  });

  it('says so when the camera is blocked, and still lets the user join', async () => {
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = (c?: MediaStreamConstraints) =>
      c?.video ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : original(c);
    try {
      const el = await fixture<ConfPrejoin>(html`<conf-prejoin name="Ada"></conf-prejoin>`);
      await waitUntil(() => !!part(el, 'notice'), 'a notice shows');
      expect(part(el, 'notice')!.dataset.code).to.equal('permission-denied');
      expect(part(el, 'notice')!.textContent).to.contain('microphone only');
      expect(part(el, 'preview-off')!.textContent).to.contain('No camera');
      expect(part<HTMLButtonElement>(el, 'join-button')!.disabled).to.equal(false);
      el.remove();
    } finally {
      md.getUserMedia = original;
    }
  });
});

describe('<conf-room prejoin>', () => {
  it('shows the pre-join screen first, then joins with the chosen name and devices', async () => {
    const session = new FakeSession({ userId: 'me' });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 1000px; height: 700px"><conf-room prejoin auto-join room="r1" name="Ada" .session=${session}></conf-room></div>`,
    );
    const room = wrapper.querySelector<ConfRoom>('conf-room')!;
    await room.updateComplete;
    const prejoin = part<ConfPrejoin>(room, 'prejoin')!;
    expect(prejoin, 'the pre-join screen shows').to.exist;
    expect(prejoin.name).to.equal('Ada');
    expect(session.callsTo('join')).to.deep.equal([], 'auto-join waits for the pre-join screen');
    await waitUntil(() => !!prejoin.stream);
    const [, mic] = await devices('audioinput');
    await pickers(prejoin)[0]!.select(mic!.deviceId);
    expect(session.callsTo('switchMicrophone')).to.deep.equal([], 'the preview owns the devices until Join');

    prejoin.join();

    await waitUntil(() => session.snapshot.connection === 'joined', 'joined');
    expect(session.callsTo('join')).to.deep.equal([['r1']]);
    expect(session.callsTo('switchMicrophone')).to.deep.equal([[mic!.deviceId]]);
    expect(session.callsTo('switchCamera')).to.have.length(1);
    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([[false]]);
    expect(session.callsTo('setVideoEnabled')).to.deep.equal([[true]]);
    await room.updateComplete;
    expect(part(room, 'prejoin')).to.equal(null);
  });
});
