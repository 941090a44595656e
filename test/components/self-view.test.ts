import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/conf-room/conf-room.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { de } from '../../components/i18n/locales/de.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function room(strings?: typeof de): Promise<ConfRoom> {
  const session = new FakeSession({ userId: 'me', name: 'Me' });
  session.setConnection('joined', 'r1');
  session.addPublisher({ userId: 'p1', name: 'P 1' });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width:900px;height:600px"><conf-room .session=${session} .strings=${strings} hide-self></conf-room></div>`,
  );
  const el = wrapper.querySelector('conf-room')!;
  await waitUntil(() => part(el, 'self-view') && part(el, 'self-view')!.getBoundingClientRect().width > 50, 'the self view is shown');
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
  }
  return el;
}

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;

describe('<conf-room> floating self view, by keyboard', () => {
  it('is focusable, labelled, and its keyboard hint is its description', async () => {
    const el = await room();
    const view = part(el, 'self-view')!;
    expect(view.tabIndex).to.equal(0);
    expect(view.getAttribute('aria-label')).to.equal('Your video (drag or use the arrow keys to move)');
    const hint = el.shadowRoot!.getElementById(view.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('Arrow keys move it');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('moves by arrow keys in steps (Shift: larger), and snaps to corners with Home, End, Page Up, Page Down', async () => {
    const el = await room();
    const view = part(el, 'self-view')!;
    const stage = part(el, 'layout')!.getBoundingClientRect();
    view.focus();
    const start = view.getBoundingClientRect();

    await sendKeys({ press: 'ArrowLeft' });
    let now = view.getBoundingClientRect();
    expect(start.left - now.left).to.be.closeTo(16, 1);
    expect(now.top).to.be.closeTo(start.top, 1);
    await sendKeys({ press: 'ArrowUp' });
    now = view.getBoundingClientRect();
    expect(start.top - now.top).to.be.closeTo(16, 1);
    await sendKeys({ press: 'Shift+ArrowLeft' });
    expect(start.left - view.getBoundingClientRect().left).to.be.closeTo(80, 1);

    await sendKeys({ press: 'Home' });
    now = view.getBoundingClientRect();
    expect(now.left - stage.left).to.be.closeTo(12, 1);
    expect(now.top - stage.top).to.be.closeTo(12, 1);
    await sendKeys({ press: 'End' });
    now = view.getBoundingClientRect();
    expect(stage.right - now.right).to.be.closeTo(12, 1);
    expect(stage.bottom - now.bottom).to.be.closeTo(12, 1);
    await sendKeys({ press: 'PageUp' });
    now = view.getBoundingClientRect();
    expect(stage.right - now.right).to.be.closeTo(12, 1);
    expect(now.top - stage.top).to.be.closeTo(12, 1);
    await sendKeys({ press: 'PageDown' });
    now = view.getBoundingClientRect();
    expect(now.left - stage.left).to.be.closeTo(12, 1);
    expect(stage.bottom - now.bottom).to.be.closeTo(12, 1);
    // The position survives a re-render of the room.
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'self-view')!.getBoundingClientRect().left - stage.left).to.be.closeTo(12, 1);
  });

  it('stays inside the stage however far it is pushed', async () => {
    const el = await room();
    const view = part(el, 'self-view')!;
    const stage = part(el, 'layout')!.getBoundingClientRect();
    view.focus();
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+ArrowLeft' });
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+ArrowUp' });
    let now = view.getBoundingClientRect();
    expect(inside(now, stage)).to.equal(true);
    expect(now.left).to.be.closeTo(stage.left, 1);
    expect(now.top).to.be.closeTo(stage.top, 1);
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+ArrowRight' });
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+ArrowDown' });
    now = view.getBoundingClientRect();
    expect(inside(now, stage)).to.equal(true);
    expect(now.right).to.be.closeTo(stage.right, 1);
    expect(now.bottom).to.be.closeTo(stage.bottom, 1);
  });

  it('ignores keys meant for the tile inside it, and keys with Ctrl', async () => {
    const el = await room();
    const view = part(el, 'self-view')!;
    view.focus();
    const start = view.getBoundingClientRect();
    await sendKeys({ press: 'Control+ArrowLeft' });
    expect(view.getBoundingClientRect().left).to.be.closeTo(start.left, 0.5);
    view.querySelector('conf-tile')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    expect(view.getBoundingClientRect().left).to.be.closeTo(start.left, 0.5);
  });

  it('has a German label and hint', async () => {
    const el = await room(de);
    const view = part(el, 'self-view')!;
    expect(view.getAttribute('aria-label')).to.equal('Ihr Video (ziehen oder mit den Pfeiltasten verschieben)');
    expect(el.shadowRoot!.getElementById('self-view-keys')!.textContent).to.contain('Pfeiltasten');
  });
});
