/** <conf-network-indicator>, <conf-stats-panel>, and how tiles, controls and the room use them. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/conf-network-indicator/conf-network-indicator.js';
import '../../components/conf-stats-panel/conf-stats-panel.js';
import '../../components/conf-tile/conf-tile.js';
import '../../components/conf-controls/conf-controls.js';
import '../../components/conf-room/conf-room.js';
import type { ConfNetworkIndicator } from '../../components/conf-network-indicator/conf-network-indicator.js';
import type { ConfStatsPanel } from '../../components/conf-stats-panel/conf-stats-panel.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import type { ConfControls } from '../../components/conf-controls/conf-controls.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { resetStrings, setStrings } from '../../components/i18n/index.js';
import { de } from '../../components/i18n/locales/de.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import type { NetworkStatus } from '../../src/network/assess.js';
import type { RtcStatsEntry, StatsSample, UserStatsSample } from '../../src/stats/derive.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll(`[part~="${name}"]`)];
const tooltip = (el: ConfNetworkIndicator) => part(el, 'tooltip')!.textContent!.trim();
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20)); // up to 10 s on a loaded machine
  expect(check(), what).to.equal(true);
};

function session(): FakeSession {
  const s = new FakeSession({ userId: 'me', name: 'Me' });
  s.setConnection('joined', 'room-1');
  s.addPublisher({ userId: 'ada', name: 'Ada', subscribed: true });
  return s;
}

const user = (userId: string, local: boolean, entries: RtcStatsEntry[], extra: Partial<UserStatsSample> = {}): UserStatsSample => ({
  userId,
  local,
  stats: new Map(entries.map((e) => [e.id, e])),
  micLevel: null,
  videoBitrate: 400,
  audioBitrate: 30,
  frameWidth: 640,
  frameHeight: 360,
  frameRate: 30,
  ...extra,
});

function sample(at: number, received: number, lost: number): StatsSample {
  return {
    at,
    users: [
      user('me', true, [
        { id: 'o0', type: 'outbound-rtp', kind: 'video', rid: 'r0', frameWidth: 160, frameHeight: 90, qualityLimitationReason: 'bandwidth' },
        { id: 'o2', type: 'outbound-rtp', kind: 'video', rid: 'r2', active: false },
        { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
        { id: 'CP', type: 'candidate-pair', state: 'succeeded', currentRoundTripTime: 0.08, localCandidateId: 'L' },
        { id: 'L', type: 'local-candidate', candidateType: 'srflx' },
      ]),
      user('ada', false, [{ id: 'i', type: 'inbound-rtp', kind: 'video', packetsReceived: received, packetsLost: lost, jitter: 0.012 }]),
    ],
  };
}

describe('<conf-network-indicator>', () => {
  let s: FakeSession;
  beforeEach(() => (s = session()));
  afterEach(() => resetStrings());

  const indicator = (local = false) =>
    fixture<ConfNetworkIndicator>(html`<conf-network-indicator user-id="ada" ?local=${local} .session=${s}></conf-network-indicator>`);

  it('renders nothing until measured', async () => {
    const el = await indicator();
    expect(part(el, 'base')).to.equal(null);
    expect(el.hasAttribute('quality')).to.equal(false);
  });

  const cases: [string, boolean, NetworkStatus, number, string][] = [
    ['excellent', false, { quality: 'excellent', cause: null }, 3, "Ada's connection is excellent"],
    ['good', false, { quality: 'good', cause: null }, 2, "Ada's connection is good"],
    ['their uplink', false, { quality: 'poor', cause: 'their-uplink' }, 1, "Ada's connection is unstable"],
    ['their uplink lost', false, { quality: 'lost', cause: 'their-uplink' }, 0, "Ada's connection was lost"],
    ['your downlink, on their tile', false, { quality: 'poor', cause: 'your-downlink' }, 1, "Your connection is unstable: Ada's video is reduced"],
    ['your uplink', true, { quality: 'poor', cause: 'your-uplink' }, 1, 'Your connection is unstable: video for others is reduced'],
    ['your downlink', true, { quality: 'poor', cause: 'your-downlink' }, 1, 'Your connection is unstable: incoming video is reduced'],
  ];
  for (const [label, local, status, bars, sentence] of cases) {
    it(`${label}: ${bars} bars and "${sentence}"`, async () => {
      s.setNetwork(local ? null : 'ada', status);
      const el = await indicator(local);
      expect(el.getAttribute('quality')).to.equal(status.quality);
      expect(el.getAttribute('cause') ?? null).to.equal(status.cause);
      expect(parts(el, 'bar-on').length).to.equal(bars);
      expect(parts(el, 'bar').length).to.equal(3);
      expect(tooltip(el)).to.equal(sentence);
      const button = part(el, 'base')!;
      expect(button.getAttribute('aria-label')).to.equal(`Connection: ${status.quality}`);
      expect(button.getAttribute('aria-describedby')).to.equal(part(el, 'tooltip')!.id);
    });
  }

  it('follows the state and speaks German', async () => {
    s.setNetwork('ada', { quality: 'excellent', cause: null });
    const el = await indicator();
    s.setNetwork('ada', { quality: 'poor', cause: 'their-uplink' });
    await el.updateComplete;
    expect(el.getAttribute('quality')).to.equal('poor');
    setStrings(de);
    await el.updateComplete;
    expect(tooltip(el)).to.equal('Die Verbindung von Ada ist instabil');
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Verbindung: schlecht');
  });

  it('shows the tooltip on focus and hides it with Escape', async () => {
    s.setNetwork('ada', { quality: 'poor', cause: 'their-uplink' });
    const el = await indicator();
    const button = part<HTMLButtonElement>(el, 'base')!;
    button.focus();
    await el.updateComplete;
    expect(part(el, 'tooltip')!.classList.contains('open')).to.equal(true);
    expect(getComputedStyle(part(el, 'tooltip')!).visibility).to.equal('visible');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'tooltip')!.classList.contains('open')).to.equal(false);
  });

  it('sits in every tile name plate and, for yourself, in the controls', async () => {
    s.setNetwork('ada', { quality: 'poor', cause: 'their-uplink' });
    s.setNetwork(null, { quality: 'poor', cause: 'your-uplink' });
    const tile = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${s}></conf-tile>`);
    const onTile = part<ConfNetworkIndicator>(tile, 'network')!;
    await onTile.updateComplete;
    expect(onTile.getAttribute('cause')).to.equal('their-uplink');
    const controls = await fixture<ConfControls>(html`<conf-controls .session=${s}></conf-controls>`);
    const mine = part<ConfNetworkIndicator>(controls, 'network')!;
    await mine.updateComplete;
    expect(mine.local).to.equal(true);
    expect(tooltip(mine)).to.equal('Your connection is unstable: video for others is reduced');
  });
});

describe('<conf-stats-panel>', () => {
  let s: FakeSession;
  beforeEach(() => (s = session()));

  it('polls the stats loop only while open', async () => {
    const el = await fixture<ConfStatsPanel>(html`<conf-stats-panel .session=${s}></conf-stats-panel>`);
    expect(s.statsWatchers.size).to.equal(0);
    el.open = true;
    await el.updateComplete;
    expect(s.statsWatchers.size).to.equal(1);
    expect([...s.statsWatchers][0]!.intervalMs).to.equal(1000);
    el.close();
    await el.updateComplete;
    expect(s.statsWatchers.size).to.equal(0);
    el.open = true;
    await el.updateComplete;
    el.remove();
    expect(s.statsWatchers.size).to.equal(0);
  });

  it('draws sparklines and details per participant from the samples', async () => {
    s.setPublisherQuality('ada', { currentStreamType: 'medium', currentLayer: 2 });
    const el = await fixture<ConfStatsPanel>(html`<conf-stats-panel open .session=${s}></conf-stats-panel>`);
    s.emitStats(sample(1000, 100, 0));
    s.emitStats(sample(2000, 190, 10));
    await el.updateComplete;
    const sections = parts(el, 'participant');
    expect(sections.map((x) => x.getAttribute('data-user-id'))).to.deep.equal(['me', 'ada']);
    const ada = sections[1]!;
    expect(ada.querySelectorAll('[part~="sparkline"]').length).to.equal(5);
    expect(ada.querySelector('[part~="sparkline"] polyline')!.getAttribute('points')).to.match(/\d+(\.\d)?,\d/);
    expect(ada.querySelector('[data-metric="loss"]')!.textContent).to.equal('10 %');
    expect(ada.querySelector('[data-metric="jitter"]')!.textContent).to.equal('12 ms');
    expect(ada.querySelector('[part~="details"]')!.textContent).to.contain('medium T2').and.contain('640×360');
    const me = sections[0]!.querySelector('[part~="details"]')!.textContent!;
    expect(me).to.contain('r0 160×90').and.contain('r2 –').and.contain('bandwidth');
    el.userId = 'ada';
    await el.updateComplete;
    expect(parts(el, 'participant').length).to.equal(1);
  });

  it('"Copy diagnostics" puts a JSON snapshot on the clipboard', async () => {
    let copied = '';
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (copied = t) } });
    try {
      const el = await fixture<ConfStatsPanel>(html`<conf-stats-panel open .session=${s}></conf-stats-panel>`);
      s.emitStats(sample(1000, 100, 0));
      part<HTMLButtonElement>(el, 'copy-button')!.click();
      await until(() => copied !== '', 'copied');
      const json = JSON.parse(copied);
      expect(json.versions.kit).to.equal('0.1.0');
      expect(json.versions.protocol).to.be.a('number');
      expect(json.iceCandidateType).to.equal('srflx');
      expect(json.samples.map((u: { userId: string }) => u.userId)).to.have.members(['me', 'ada']);
      await el.updateComplete;
      expect(part(el, 'status')!.textContent).to.equal('Diagnostics copied');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
  });

  it('opens from a tile in the room; Escape closes it and focus returns to the button', async () => {
    const room = await fixture<ConfRoom>(html`<conf-room .session=${s} style="width: 900px; height: 600px"></conf-room>`);
    await until(() => !!room.shadowRoot!.querySelector('conf-tile[user-id="ada"]'), 'the tile');
    const tile = room.shadowRoot!.querySelector<ConfTile>('conf-tile[user-id="ada"]')!;
    await until(() => !tile.hasAttribute('offpage') && tile.getBoundingClientRect().width > 0, 'the tile is laid out');
    await tile.updateComplete;
    const button = part<HTMLButtonElement>(tile, 'stats-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Statistics for Ada');
    button.focus();
    button.click();
    const panel = room.stats.panel!;
    await panel.updateComplete;
    expect(panel.open).to.equal(true);
    expect(panel.userId).to.equal('ada');
    expect(s.statsWatchers.size).to.be.greaterThan(0);
    const closed = oneEvent(panel, 'conf-stats-close');
    part(panel, 'close-button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await closed;
    expect(panel.open).to.equal(false);
    expect(tile.shadowRoot!.activeElement === button, 'focus is back on the Stats button').to.equal(true);
  });
});
