import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-room/conf-room.js';
import '../../components/lazy-room-elements.js'; // defined up front: lazy loading is tested in lazy-elements.test.ts
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { DevicePicker } from '../../components/device-picker/device-picker.js';
import type { QualityMenu } from '../../components/quality-menu/quality-menu.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import type { DeviceSummary } from '../../src/state/types.js';

const devices: DeviceSummary[] = [
  { deviceId: 'mic-1', groupId: 'g1', kind: 'audioinput', label: 'Built-in Mic' },
  { deviceId: 'mic-2', groupId: 'g2', kind: 'audioinput', label: 'Desk Mic' },
  { deviceId: 'mic-3', groupId: 'g3', kind: 'audioinput', label: 'Headset Mic' },
  { deviceId: 'cam-1', groupId: 'g1', kind: 'videoinput', label: 'FaceTime HD' },
  { deviceId: 'out-1', groupId: 'g1', kind: 'audiooutput', label: 'Speakers' },
];

/** The element that really has focus, through shadow roots. */
function deepActive(): HTMLElement | null {
  let el = document.activeElement as HTMLElement | null;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
  return el;
}

const partOf = (el: Element | null) => el?.getAttribute('part') ?? '';
const hostOf = (el: Element | null) => (el?.getRootNode() as ShadowRoot | undefined)?.host ?? null;

/** Whether `el` is `root` or inside it, across shadow roots. */
function within(root: Element, el: Element): boolean {
  for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === root) return true;
  }
  return false;
}

/**
 * On a narrow bar the secondary controls are behind "More" (docs/layouts.md): a keyboard user
 * opens it with Enter when Tab reaches it, and Tab goes on into its panel.
 */
async function openMore(el: HTMLElement | null): Promise<void> {
  if (partOf(el) === 'more-button' && el!.getAttribute('aria-expanded') === 'false') {
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el!.getAttribute('aria-expanded') === 'true', 'Enter did not open More');
  }
}

/** Presses Tab (real keyboard input) until `done` holds for the focused element. */
async function tabUntil(done: (el: HTMLElement | null) => boolean, what: string, key = 'Tab'): Promise<HTMLElement> {
  for (let i = 0; i < 30; i++) {
    await sendKeys({ press: key });
    const el = deepActive();
    if (done(el)) return el!;
    await openMore(el);
  }
  throw new Error(`${key} never reached ${what}`);
}

describe('keyboard operation', () => {
  let session: FakeSession;
  let room: ConfRoom;
  let start: HTMLButtonElement;

  beforeEach(async () => {
    session = new FakeSession({ userId: 'me', name: 'Sam', devices });
    session.setCurrentDevice('audioinput', 'mic-2');
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', subscribed: true });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="start">before the room</button>
      <conf-room .session=${session} theme="dark" style="height: 600px"></conf-room>
    </div>`);
    start = wrapper.querySelector('#start')!;
    room = wrapper.querySelector('conf-room')!;
    await room.updateComplete;
    start.focus();
  });

  it('reaches the mic toggle with Tab, shows a focus outline, and toggles it with Enter and Space', async () => {
    const mic = (await tabUntil((el) => partOf(el) === 'mic-button', 'the mic button')) as HTMLButtonElement;

    // Keyboard focus is visible: an outline, from --conf-focus-ring.
    expect(mic.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(mic);
    expect(style.outlineStyle).to.not.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    expect(mic.getAttribute('aria-label')).to.equal('Mute microphone');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'true', 'Enter did not mute');
    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([[true]]);
    // Focus stays on the toggle (it is not disabled away under the keyboard user).
    await waitUntil(() => !mic.disabled);
    expect(deepActive()).to.equal(mic);

    await sendKeys({ press: 'Space' });
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'false', 'Space did not unmute');
    expect(session.callsTo('setMicrophoneMute')).to.deep.equal([[true], [false]]);
  });

  it('every control in the room has an accessible name and is reachable with Tab', async () => {
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await sendKeys({ press: 'Tab' });
      const el = deepActive();
      if (!el || !within(room, el)) {
        if (reached.length) break;
        continue;
      }
      const name = el.getAttribute('aria-label') || el.textContent!.trim();
      expect(name, `${el.tagName} ${partOf(el)} has no name`).to.not.equal('');
      reached.push(`${hostOf(el)!.localName}:${partOf(el)}`);
      await openMore(el);
    }
    for (const control of [
      'quality-menu:trigger',
      'conf-controls:mic-button',
      'conf-controls:camera-button',
      'screen-share-button:button',
      'device-picker:trigger',
      'conf-controls:leave-button',
    ]) {
      expect(reached, control).to.include(control);
    }
  });

  it('opens the device picker with ArrowDown, moves with the arrows, and Escape returns focus to the trigger', async () => {
    const trigger = await tabUntil(
      (el) => partOf(el) === 'trigger' && (hostOf(el) as DevicePicker | null)?.kind === 'audioinput',
      'the microphone picker',
    );
    const picker = hostOf(trigger) as DevicePicker;
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-label')).to.equal('Choose microphone');

    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => picker.open && partOf(deepActive()) === 'item', 'ArrowDown did not open the menu');
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive()!.dataset.deviceId).to.equal('mic-2'); // the device in use
    expect(getComputedStyle(deepActive()!).outlineStyle).to.not.equal('none');

    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()!.dataset.deviceId).to.equal('mic-3');
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()!.dataset.deviceId).to.equal('mic-1'); // wraps
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive()!.dataset.deviceId).to.equal('mic-3');

    await sendKeys({ press: 'Escape' });
    await picker.updateComplete;
    expect(picker.open).to.equal(false);
    expect(deepActive()).to.equal(trigger);
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');

    // Enter and Space open it too; Enter on an item picks it and returns focus.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => picker.open && partOf(deepActive()) === 'item', 'Enter did not open the menu');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !picker.open && deepActive() === trigger);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => picker.open && partOf(deepActive()) === 'item', 'Space did not open the menu');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => session.callsTo('switchMicrophone').length === 1);
    expect(session.callsTo('switchMicrophone')).to.deep.equal([['mic-1']]);
    expect(picker.open).to.equal(false);
    expect(deepActive()).to.equal(trigger);
  });

  it('opens the quality menu with ArrowDown, moves with the arrows, and Escape returns focus to the trigger', async () => {
    const trigger = await tabUntil((el) => partOf(el) === 'trigger' && hostOf(el)?.localName === 'quality-menu', 'the quality menu');
    const menu = hostOf(trigger) as QualityMenu;
    expect(trigger.getAttribute('aria-label')).to.equal('Auto video quality');
    expect(getComputedStyle(trigger).outlineStyle).to.not.equal('none');

    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => menu.open && partOf(deepActive()).includes('item'), 'ArrowDown did not open the menu');
    expect(deepActive()!.dataset.quality).to.equal('auto');
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()!.dataset.quality).to.equal('high');
    await sendKeys({ press: 'End' });
    expect(deepActive()!.dataset.layer).to.equal('0');
    await sendKeys({ press: 'Home' });
    expect(deepActive()!.dataset.quality).to.equal('auto');

    await sendKeys({ press: 'Escape' });
    await menu.updateComplete;
    expect(menu.open).to.equal(false);
    expect(deepActive()).to.equal(trigger);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => menu.open && partOf(deepActive()).includes('item'), 'Enter did not open the menu');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => session.callsTo('setOpponentQuality').length === 1);
    expect(session.callsTo('setOpponentQuality')).to.deep.equal([['ada', 'medium']]);
    expect(deepActive()).to.equal(trigger);
  });

  it('Tab out of an open menu closes it', async () => {
    const trigger = await tabUntil((el) => partOf(el) === 'trigger' && hostOf(el)?.localName === 'quality-menu', 'the quality menu');
    const menu = hostOf(trigger) as QualityMenu;
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => menu.open);
    await sendKeys({ press: 'Tab' });
    await menu.updateComplete;
    expect(menu.open).to.equal(false);
  });
});
