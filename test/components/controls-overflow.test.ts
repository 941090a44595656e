import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-controls/conf-controls.js';
import '../../components/device-picker/device-picker.js';
import '../../components/screen-share-button/screen-share-button.js';
import '../../components/conf-layout-picker/conf-layout-picker.js';
import type { ConfControls } from '../../components/conf-controls/conf-controls.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Whether every visible control of the bar sits on one row. */
function oneRow(el: ConfControls): boolean {
  const base = part(el, 'base')!;
  const boxes = [...base.children]
    .map((c) => c.getBoundingClientRect())
    .filter((b) => b.width > 0 && b.height > 0);
  const top = Math.min(...boxes.map((b) => b.top));
  return boxes.every((b) => b.top < top + 30);
}

async function bar(width: number): Promise<{ el: ConfControls; wrapper: HTMLElement }> {
  const session = new FakeSession({ userId: 'me', name: 'Me' });
  session.setConnection('joined', 'r1');
  const wrapper = await fixture<HTMLElement>(html`<div style="width:${width}px">
    <conf-controls .session=${session}>
      <screen-share-button slot="screen-share"></screen-share-button>
      <device-picker slot="devices" kind="audioinput"></device-picker>
      <device-picker slot="devices" kind="videoinput"></device-picker>
      <conf-layout-picker></conf-layout-picker>
      <button id="extra">Extra</button>
    </conf-controls>
  </div>`);
  const el = wrapper.querySelector('conf-controls')!;
  await el.updateComplete;
  return { el, wrapper };
}

describe('<conf-controls> overflow', function () {
  // Layout settles over a few frames and axe runs twice: generous on a loaded machine.
  this.timeout(60_000);
  it('keeps every control in one row when there is room, with no More button', async () => {
    const { el } = await bar(1600);
    await aTimeout(100);
    expect(el.hasAttribute('compact')).to.equal(false);
    expect(part(el, 'more-button')).to.equal(null);
    expect(oneRow(el)).to.equal(true);
    expect(el.querySelector('#extra')!.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('a little short of room drops the labels first, keeping every control in the bar', async () => {
    const { el, wrapper } = await bar(1600);
    await aTimeout(100);
    const natural = part(el, 'base')!.getBoundingClientRect().width;
    expect(el.shadowRoot!.querySelectorAll('.label').length).to.be.greaterThan(0);
    wrapper.style.width = `${Math.round(natural - 40)}px`;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.label').length === 0, 'the labels go', { timeout: 10_000 });
    await aTimeout(100);
    expect(el.hasAttribute('compact')).to.equal(false);
    expect(part(el, 'more-button')).to.equal(null);
    expect(el.querySelector('#extra')!.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(part(el, 'mic-button')!.getAttribute('aria-label')).to.equal('Mute microphone');
    expect(part(el, 'base')!.getBoundingClientRect().width).to.be.at.most(natural - 40 + 0.5);
    expect(oneRow(el)).to.equal(true);
  });

  it('at a narrow width moves the secondary controls behind More, and does not wrap', async () => {
    const { el, wrapper } = await bar(420);
    const base = part(el, 'base')!;
    await waitUntil(
      () => el.hasAttribute('compact') && base.getBoundingClientRect().width <= wrapper.getBoundingClientRect().width + 0.5,
      'the bar becomes compact and fits',
      { timeout: 10_000 },
    );
    await el.updateComplete;
    expect(oneRow(el)).to.equal(true);
    const more = part(el, 'more-button')!;
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    // The secondary controls are in the closed panel, so not shown; the mic stays in the bar.
    const extra = el.querySelector<HTMLButtonElement>('#extra')!;
    expect(extra.assignedSlot!.closest('[part~="more-panel"]')).to.not.equal(null);
    expect(extra.getBoundingClientRect().width).to.equal(0);
    expect(part(el, 'mic-button')!.getBoundingClientRect().width).to.be.greaterThan(0);
    await expect(el).shadowDom.to.be.accessible();

    // Keyboard: Enter opens the panel, Tab goes on into it, Escape closes and refocuses More.
    more.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(extra.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(part(el, 'stats-button')!.closest('[part~="more-panel"]')).to.not.equal(null);
    await expect(el).shadowDom.to.be.accessible();
    extra.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(more);
    expect(extra.getBoundingClientRect().width).to.equal(0);
  });

  it('closes the panel on a press outside it', async () => {
    const { el } = await bar(420);
    await waitUntil(() => el.hasAttribute('compact'), 'the bar becomes compact', { timeout: 10_000 });
    await el.updateComplete;
    part(el, 'more-button')!.click();
    await el.updateComplete;
    expect(part(el, 'more-button')!.getAttribute('aria-expanded')).to.equal('true');
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'more-button')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('widens again when there is room, and puts the screen share behind More only when very narrow', async () => {
    const { el, wrapper } = await bar(300);
    await waitUntil(() => el.hasAttribute('compact'), 'the bar becomes compact', { timeout: 10_000 });
    const share = el.querySelector('screen-share-button')!;
    await waitUntil(() => share.assignedSlot?.closest('[part~="more-panel"]'), 'the screen share goes behind More', { timeout: 10_000 });
    expect(oneRow(el)).to.equal(true);
    await waitUntil(() => part(el, 'base')!.getBoundingClientRect().width <= 300.5, 'the bar fits 300 px', { timeout: 10_000 });

    wrapper.style.width = '1600px';
    await waitUntil(() => !el.hasAttribute('compact'), 'the bar widens again', { timeout: 10_000 });
    await el.updateComplete;
    expect(part(el, 'more-button')).to.equal(null);
    expect(share.assignedSlot!.closest('[part~="more-panel"]')).to.equal(null);
    expect(oneRow(el)).to.equal(true);
  });

  it('overflow="never" keeps everything in the bar; "always" uses More at any width', async () => {
    const { el } = await bar(1600);
    el.overflow = 'always';
    await el.updateComplete;
    expect(part(el, 'more-button')).to.not.equal(null);
    el.overflow = 'never';
    await el.updateComplete;
    expect(part(el, 'more-button')).to.equal(null);
  });
});
