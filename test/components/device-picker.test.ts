import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/device-picker/device-picker.js';
import type { DevicePicker } from '../../components/device-picker/device-picker.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import type { DeviceSummary } from '../../src/state/types.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const items = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const sample: DeviceSummary[] = [
  { deviceId: 'mic-1', groupId: 'g1', kind: 'audioinput', label: 'Built-in Mic' },
  { deviceId: 'mic-2', groupId: 'g2', kind: 'audioinput', label: 'Desk Mic' },
  { deviceId: 'cam-1', groupId: 'g1', kind: 'videoinput', label: 'FaceTime HD' },
  { deviceId: 'cam-2', groupId: 'g4', kind: 'videoinput', label: 'BRIO' },
  { deviceId: 'out-1', groupId: 'g1', kind: 'audiooutput', label: 'Speakers' },
];

async function devices(kind: MediaDeviceKind): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === kind && d.deviceId);
}

describe('<device-picker>', () => {
  before(async () => {
    // Chromium's fake devices need a permission grant (auto-accepted by the fake UI) to be listed.
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    stream.getTracks().forEach((t) => t.stop());
  });

  for (const kind of ['audioinput', 'videoinput', 'audiooutput'] as const) {
    it(`lists the ${kind} devices when opened`, async () => {
      const expected = await devices(kind);
      expect(expected.length).to.be.greaterThan(0);
      const el = await fixture<DevicePicker>(html`<device-picker kind=${kind}></device-picker>`);
      expect(part(el, 'menu')!.hidden).to.equal(true);

      part(el, 'trigger')!.click();
      await waitUntil(() => el.open);
      await el.updateComplete;

      expect(part(el, 'menu')!.hidden).to.equal(false);
      expect(items(el).map((i) => i.dataset.deviceId)).to.deep.equal(expected.map((d) => d.deviceId));
      expect(items(el)[0]!.textContent!.trim()).to.equal(expected[0]!.label);
      expect(part(el, 'trigger')!.getAttribute('aria-expanded')).to.equal('true');
    });
  }

  it('lists Chromium’s fake devices: 3 microphones, 1 camera', async () => {
    expect((await devices('audioinput')).length).to.equal(3);
    expect((await devices('videoinput')).length).to.equal(1);
  });

  it('is keyboard operable and picks a device', async () => {
    const session = new FakeSession();
    const switched: string[] = [];
    Object.assign(session, { switchMicrophone: async (id: string) => void switched.push(id) });
    const expected = await devices('audioinput');
    const el = await fixture<DevicePicker>(html`<device-picker kind="audioinput" .session=${session}></device-picker>`);

    part(el, 'trigger')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => el.open && focused(el)?.getAttribute('part') === 'item', 'menu did not open with focus');
    const first = focused(el)!;
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(items(el)[(items(el).indexOf(first) + 1) % items(el).length]);
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal(items(el).at(-1));
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal(items(el)[0]);
    await sendKeys({ press: 'ArrowDown' });

    const event = oneEvent(el, 'conf-device-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;

    expect(detail).to.deep.equal({ deviceId: expected[1]!.deviceId, kind: 'audioinput' });
    await waitUntil(() => switched.length === 1);
    expect(switched).to.deep.equal([expected[1]!.deviceId]);
    expect(el.open).to.equal(false);
    expect(el.selectedId).to.equal(expected[1]!.deviceId);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'trigger'));

    part(el, 'trigger')!.click();
    await waitUntil(() => el.open);
    await el.updateComplete;
    expect(items(el)[1]!.getAttribute('aria-checked')).to.equal('true');
  });

  it('closes on Escape and returns focus to the trigger', async () => {
    const el = await fixture<DevicePicker>(html`<device-picker kind="videoinput"></device-picker>`);
    await el.show();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;

    expect(el.open).to.equal(false);
    expect(part(el, 'menu')!.hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'trigger'));
  });

  it('only emits the event when the session lacks the switch method', async () => {
    const session = new FakeSession();
    // A minimal SessionLike: no device methods at all.
    const minimal = { userId: 'me', state: session.state, levels: session.levels, on: session.on.bind(session) };
    const el = await fixture<DevicePicker>(html`<device-picker kind="videoinput" .session=${minimal}></device-picker>`);
    const [camera] = await devices('videoinput');
    const event = oneEvent(el, 'conf-device-select');

    await el.select(camera!.deviceId);

    expect((await event).detail.kind).to.equal('videoinput');
    expect(session.calls).to.deep.equal([]);
  });

  it('calls switchCamera({deviceId}) on a device-capable session', async () => {
    const session = new FakeSession({ devices: sample });
    const el = await fixture<DevicePicker>(html`<device-picker kind="videoinput" .session=${session}></device-picker>`);

    await el.select('cam-2');

    expect(session.callsTo('switchCamera')).to.deep.equal([[{ deviceId: 'cam-2' }]]);
    expect(session.snapshot.devices.current.videoinput).to.equal('cam-2');
  });

  it('updates live on hot-plug and marks the device in use (session state)', async () => {
    const session = new FakeSession({ devices: sample });
    session.setCurrentDevice('audioinput', 'mic-2');
    const el = await fixture<DevicePicker>(html`<device-picker kind="audioinput" .session=${session}></device-picker>`);
    await el.show();
    await el.updateComplete;
    expect(items(el).map((i) => i.dataset.deviceId)).to.deep.equal(['mic-1', 'mic-2']);
    expect(items(el)[1]!.getAttribute('aria-checked')).to.equal('true');

    // A headset is plugged in while the menu is open.
    session.setDevices([...sample, { deviceId: 'mic-3', groupId: 'g3', kind: 'audioinput', label: 'USB Headset' }]);
    await el.updateComplete;
    expect(items(el).map((i) => i.textContent!.trim())).to.deep.equal(['Built-in Mic', 'Desk Mic', 'USB Headset']);

    // The microphone in use is unplugged: the session falls back, the mark follows.
    session.setDevices(sample.filter((d) => d.deviceId !== 'mic-2').concat({ deviceId: 'mic-3', groupId: 'g3', kind: 'audioinput', label: 'USB Headset' }));
    session.fallBack('audioinput', 'mic-1');
    await el.updateComplete;
    expect(items(el).map((i) => i.dataset.deviceId)).to.deep.equal(['mic-1', 'mic-3']);
    expect(items(el)[0]!.getAttribute('aria-checked')).to.equal('true');
    expect(el.selectedId).to.equal('mic-1');
  });

  it('updates live on a browser devicechange (no session)', async () => {
    const md = navigator.mediaDevices;
    let list: Partial<MediaDeviceInfo>[] = [{ deviceId: 'x1', kind: 'audiooutput', label: 'Speakers', groupId: 'a' }];
    Object.defineProperty(md, 'enumerateDevices', { value: async () => list, configurable: true, writable: true });
    try {
      const el = await fixture<DevicePicker>(html`<device-picker kind="audiooutput"></device-picker>`);
      await el.show();
      await el.updateComplete;
      expect(items(el).map((i) => i.dataset.deviceId)).to.deep.equal(['x1']);

      list = [...list, { deviceId: 'x2', kind: 'audiooutput', label: 'Headphones', groupId: 'b' }];
      md.dispatchEvent(new Event('devicechange'));
      await waitUntil(() => items(el).length === 2, 'the new output is listed');
      expect(items(el)[1]!.textContent!.trim()).to.equal('Headphones');
    } finally {
      delete (md as { enumerateDevices?: unknown }).enumerateDevices;
    }
  });

  it('says so when the list was read before permission was granted', async () => {
    const session = new FakeSession();
    session.setDevices([{ deviceId: '', groupId: '', kind: 'videoinput', label: '' }], false);
    const el = await fixture<DevicePicker>(html`<device-picker kind="videoinput" .session=${session}></device-picker>`);
    Object.assign(session, { getCameras: async () => [] }); // Keep the unlabelled list.
    await el.show();
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('Allow camera and microphone access');
    expect(items(el)).to.have.length(0);
    expect(part(el, 'empty')).to.equal(null);
  });

  it('is disabled for audio outputs where the browser cannot choose one', async () => {
    const session = new FakeSession({ devices: sample, audioOutputSupported: false });
    const el = await fixture<DevicePicker>(html`<device-picker kind="audiooutput" .session=${session}></device-picker>`);
    expect((part(el, 'trigger') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('positions the menu next to the trigger with floating-ui', async () => {
    const el = await fixture<DevicePicker>(
      html`<div style="padding: 300px 100px"><device-picker kind="audioinput"></device-picker></div>`,
    );
    const picker = el.querySelector('device-picker')!;
    await picker.show();
    await waitUntil(() => part(picker, 'menu')!.style.top !== '');

    const menu = part(picker, 'menu')!.getBoundingClientRect();
    const trigger = part(picker, 'trigger')!.getBoundingClientRect();
    expect(menu.bottom).to.be.closeTo(trigger.top - 8, 2);
    expect(menu.left).to.be.closeTo(trigger.left, 2);
  });
});
