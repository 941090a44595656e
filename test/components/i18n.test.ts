import { expect, fixture, html } from '@open-wc/testing';
import '../../components/conf-room/conf-room.js';
import '../../components/lazy-room-elements.js'; // defined up front: lazy loading is tested in lazy-elements.test.ts
import '../../components/conf-controls/conf-controls.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import type { ConfControls } from '../../components/conf-controls/conf-controls.js';
import { describeError } from '../../components/conf-room/messages.js';
import { defaultStrings, getStrings, mergeStrings, resetStrings, setStrings, subscribeStrings } from '../../components/i18n/index.js';
import { de } from '../../components/i18n/locales/de.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Waits for an element and every element inside its shadow root (recursively) to finish updating. */
async function settled(root: Element): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const all: (Element & { updateComplete?: Promise<unknown> })[] = [root];
    const roots: ParentNode[] = [root.shadowRoot ?? root];
    while (roots.length) {
      for (const el of roots.pop()!.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    await Promise.all(all.map((el) => el.updateComplete));
  }
}

function joinedSession(userId = 'me'): FakeSession {
  const session = new FakeSession({ userId, name: 'Sam Rivera' });
  session.setConnection('joined', 'r1');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', audioMuted: true, videoEnabled: false });
  return session;
}

const controlsOf = (room: ConfRoom) => room.shadowRoot!.querySelector('conf-controls')!;
const tileOf = (room: ConfRoom, userId: string) => room.shadowRoot!.querySelector(`conf-tile[user-id="${userId}"]`)!;

describe('strings (i18n)', () => {
  afterEach(() => resetStrings());

  it('setStrings re-renders live elements, and resetStrings goes back to English', async () => {
    const session = joinedSession();
    const el = await fixture<ConfControls>(html`<conf-controls .session=${session}></conf-controls>`);
    expect(part(el, 'leave-button')!.getAttribute('aria-label')).to.equal('Leave call');

    setStrings({ leave: 'Hang up', leaveShort: 'Bye', controlsLabel: 'Call' });
    await el.updateComplete;

    expect(part(el, 'leave-button')!.getAttribute('aria-label')).to.equal('Hang up');
    expect(part(el, 'leave-button')!.textContent!.trim()).to.equal('Bye');
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Call');
    // Untouched keys keep their text.
    expect(part(el, 'mic-button')!.getAttribute('aria-label')).to.equal('Mute microphone');

    resetStrings();
    await el.updateComplete;
    expect(part(el, 'leave-button')!.getAttribute('aria-label')).to.equal('Leave call');
  });

  it('merges overrides: later calls add to earlier ones, records merge one level deep', () => {
    const seen: string[] = [];
    const off = subscribeStrings(() => seen.push(getStrings().leaveShort));
    setStrings({ leaveShort: 'Bye' });
    setStrings({ errors: { 'room-full': { title: 'No seats left', advice: 'Come back later.' } } });
    off();
    setStrings({ leaveShort: 'Ciao' });

    expect(seen).to.deep.equal(['Bye', 'Bye']);
    expect(getStrings().leaveShort).to.equal('Ciao');
    expect(getStrings().errors['room-full'].title).to.equal('No seats left');
    expect(getStrings().errors['room-closed']).to.deep.equal(defaultStrings.errors['room-closed']);
    expect(describeError('room-full', 'raw').title).to.equal('No seats left');
    expect(describeError('internal', 'raw message')).to.deep.equal({ title: 'Something went wrong', advice: 'raw message' });
    expect(mergeStrings(defaultStrings)).to.equal(defaultStrings);
  });

  it("a conf-room's strings apply to its own subtree only, on top of the global strings", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <conf-room id="a" .session=${joinedSession()} .strings=${{ leave: 'Hang up', tileMicOff: 'Muted' }}></conf-room>
      <conf-room id="b" .session=${joinedSession()}></conf-room>
    </div>`);
    const a = wrapper.querySelector<ConfRoom>('#a')!;
    const b = wrapper.querySelector<ConfRoom>('#b')!;
    await settled(wrapper);

    expect(part(controlsOf(a), 'leave-button')!.getAttribute('aria-label')).to.equal('Hang up');
    expect(part(controlsOf(b), 'leave-button')!.getAttribute('aria-label')).to.equal('Leave call');
    // Two shadow roots deep: conf-room > conf-tile > badge.
    expect(part(tileOf(a, 'ada'), 'badge-muted')!.getAttribute('aria-label')).to.equal('Muted');
    expect(part(tileOf(b, 'ada'), 'badge-muted')!.getAttribute('aria-label')).to.equal('Microphone off');

    // Global strings still reach room a for the keys it does not override; its own win.
    setStrings({ leave: 'Leave now', micMute: 'Silence' });
    await settled(wrapper);
    expect(part(controlsOf(a), 'leave-button')!.getAttribute('aria-label')).to.equal('Hang up');
    expect(part(controlsOf(a), 'mic-button')!.getAttribute('aria-label')).to.equal('Silence');
    expect(part(controlsOf(b), 'leave-button')!.getAttribute('aria-label')).to.equal('Leave now');

    // Assigning new strings re-renders the subtree.
    a.strings = { leave: 'Auflegen' };
    await settled(wrapper);
    expect(part(controlsOf(a), 'leave-button')!.getAttribute('aria-label')).to.equal('Auflegen');
    expect(part(tileOf(a, 'ada'), 'badge-muted')!.getAttribute('aria-label')).to.equal('Microphone off');
  });

  it('the German locale renders German control labels, status and tile texts', async () => {
    const session = joinedSession();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session} .strings=${de}></conf-room>`);
    await settled(room);

    const controls = controlsOf(room);
    expect(part(controls, 'base')!.getAttribute('aria-label')).to.equal('Anrufsteuerung');
    expect(part(controls, 'mic-button')!.getAttribute('aria-label')).to.equal('Mikrofon stummschalten');
    expect(part(controls, 'camera-button')!.getAttribute('aria-label')).to.equal('Video beenden');
    expect(part(controls, 'leave-button')!.getAttribute('aria-label')).to.equal('Anruf verlassen');
    expect(part(room, 'status')!.textContent!.trim()).to.equal('Verbunden');
    expect(part(room, 'grid')!.getAttribute('aria-label')).to.equal('2 Teilnehmende');
    expect(part(tileOf(room, 'me'), 'name')!.textContent).to.equal('Sam Rivera (du)');
    expect(part(tileOf(room, 'ada'), 'badge-muted')!.getAttribute('aria-label')).to.equal('Mikrofon aus');
    const picker = controls.querySelector('device-picker[kind="audioinput"]') ?? room.shadowRoot!.querySelector('device-picker[kind="audioinput"]')!;
    expect(part(picker, 'trigger')!.getAttribute('aria-label')).to.equal('Mikrofon wählen');
    const share = room.shadowRoot!.querySelector('screen-share-button')!;
    expect(part(share, 'label')!.textContent).to.equal('Bildschirm teilen');
    const meter = tileOf(room, 'me').shadowRoot!.querySelector('mic-meter')!;
    expect(meter.getAttribute('aria-label')).to.equal('Mikrofonpegel');
    const menu = tileOf(room, 'ada').shadowRoot!.querySelector('quality-menu')!;
    expect(part(menu, 'menu')!.getAttribute('aria-label')).to.equal('Videoqualität');

    await expect(room).to.be.accessible();
  });

  it('the German locale renders German error titles and actions', async () => {
    const session = joinedSession();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    setStrings(de);

    session.setError('room-full', 'raw room-full message');
    session.setConnection('closed');
    await settled(room);

    const card = part(room, 'error')!;
    expect(card.querySelector('h2')!.textContent).to.equal('Dieser Raum ist voll');
    expect(card.querySelector('p')!.textContent).to.contain('Teilnehmergrenze');
    expect(card.querySelector('button')!.textContent!.trim()).to.equal('Erneut versuchen');

    session.setError('protocol-mismatch');
    await settled(room);
    expect(part(room, 'error')!.querySelector('h2')!.textContent).to.equal('Diese Seite ist veraltet');
    expect(part(room, 'error')!.querySelector('button')!.textContent!.trim()).to.equal('Seite neu laden');
  });

  it('the German locale has every key of the English strings, with the same shapes', () => {
    const english = defaultStrings as unknown as Record<string, unknown>;
    const german = de as unknown as Record<string, unknown>;
    expect(Object.keys(german).sort()).to.deep.equal(Object.keys(english).sort());
    for (const [key, value] of Object.entries(english)) {
      expect(typeof german[key], key).to.equal(typeof value);
      if (typeof value === 'object' && value) {
        expect(Object.keys(german[key] as object).sort(), key).to.deep.equal(Object.keys(value).sort());
      }
      if (typeof value === 'function') {
        // Same number of parameters, and a non-empty text for sample arguments.
        expect((german[key] as (...a: unknown[]) => unknown).length, key).to.equal((value as (...a: unknown[]) => unknown).length);
      }
    }
    expect(de.participants(1)).to.equal('1 Teilnehmer');
    expect(de.deviceUnnamed('videoinput', 2)).to.equal('Kamera 2');
    expect(de.bitrate(1200)).to.equal('1.200 kbit/s');
    // Every string differs from English except for the short technical labels.
    const same = Object.keys(english).filter((k) => typeof english[k] === 'string' && english[k] === german[k]);
    expect(same).to.deep.equal([]);
  });
});
