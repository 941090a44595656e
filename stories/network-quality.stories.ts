import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-network-indicator/conf-network-indicator.js';
import '../components/conf-stats-panel/conf-stats-panel.js';
import '../components/conf-tile/conf-tile.js';
import { FakeSession } from '../src/testing/index.js';
import type { NetworkStatus } from '../src/network/assess.js';
import type { StatsSample } from '../src/stats/derive.js';
import { fakeStream } from './support/fake.js';

const STATES = {
  excellent: { quality: 'excellent', cause: null },
  good: { quality: 'good', cause: null },
  'their-uplink': { quality: 'poor', cause: 'their-uplink' },
  'their-uplink-lost': { quality: 'lost', cause: 'their-uplink' },
  'your-downlink': { quality: 'poor', cause: 'your-downlink' },
  'your-uplink': { quality: 'poor', cause: 'your-uplink' },
} satisfies Record<string, NetworkStatus>;
type State = keyof typeof STATES;

interface Args {
  state: State;
  local: boolean;
}

function sessionFor(state: State, local: boolean): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Grace' });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada', stream: fakeStream(), subscribed: true });
  session.setNetwork(local ? null : 'ada', STATES[state]);
  return session;
}

// <conf-network-indicator> in every network-quality state (the tooltip shows on hover or focus),
// and on a tile; then <conf-stats-panel> over scripted samples.
const meta: Meta<Args> = {
  title: 'Elements/conf-network-indicator',
  component: 'conf-network-indicator',
  args: { state: 'excellent', local: false },
  argTypes: { state: { control: 'select', options: Object.keys(STATES) }, local: { control: 'boolean' } },
  render: (args) => html`<div style="padding: 48px 16px 8px; background: #1b1f2a; display: inline-block">
    <conf-network-indicator user-id="ada" ?local=${args.local} .session=${sessionFor(args.state, args.local)}></conf-network-indicator>
  </div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Excellent: Story = {};
export const Good: Story = { args: { state: 'good' } };
export const TheirUplinkPoor: Story = { name: 'Their uplink poor', args: { state: 'their-uplink' } };
export const TheirUplinkLost: Story = { name: 'Their uplink lost', args: { state: 'their-uplink-lost' } };
export const YourDownlinkPoor: Story = { name: 'Your downlink poor (their tile)', args: { state: 'your-downlink' } };
export const YourUplinkPoor: Story = { name: 'Your uplink poor (yours)', args: { state: 'your-uplink', local: true } };
export const YourDownlinkPoorSelf: Story = { name: 'Your downlink poor (yours)', args: { state: 'your-downlink', local: true } };

/** On a tile: the indicator sits in the name plate. */
export const OnTile: Story = {
  args: { state: 'their-uplink' },
  render: (args) => html`<conf-tile user-id="ada" style="width: 360px" .session=${sessionFor(args.state, false)}></conf-tile>`,
};

function sample(at: number, i: number): StatsSample {
  const wave = (base: number, amp: number) => base + Math.round(amp * Math.sin(i / 4));
  const stats = (entries: Record<string, unknown>[]) => new Map(entries.map((e) => [e.id as string, e as never]));
  return {
    at,
    users: [
      {
        userId: 'me', local: true, micLevel: null, videoBitrate: wave(900, 200), audioBitrate: 32, frameWidth: 1280, frameHeight: 720, frameRate: 30,
        stats: stats([
          { id: 'o0', type: 'outbound-rtp', kind: 'video', rid: 'r0', frameWidth: 320, frameHeight: 180, qualityLimitationReason: 'none' },
          { id: 'o1', type: 'outbound-rtp', kind: 'video', rid: 'r1', frameWidth: 640, frameHeight: 360, qualityLimitationReason: 'none' },
          { id: 'o2', type: 'outbound-rtp', kind: 'video', rid: 'r2', frameWidth: 1280, frameHeight: 720, qualityLimitationReason: 'bandwidth' },
          { id: 'r', type: 'remote-inbound-rtp', kind: 'video', fractionLost: (i % 7) / 200, roundTripTime: 0.04 + (i % 5) / 100, jitter: 0.004 },
        ]),
      },
      {
        userId: 'ada', local: false, micLevel: null, videoBitrate: wave(600, 150), audioBitrate: 30, frameWidth: 640, frameHeight: 360, frameRate: 24 + (i % 6),
        stats: stats([{ id: 'i', type: 'inbound-rtp', kind: 'video', packetsReceived: 100 * i, packetsLost: Math.floor(i / 3), jitter: 0.01 + (i % 4) / 500 }]),
      },
    ],
  };
}

/** <conf-stats-panel> with 60 s of scripted samples. */
export const StatsPanel: StoryObj = {
  name: 'Stats panel',
  render: () => {
    const session = sessionFor('their-uplink', false);
    session.setNetwork(null, STATES.good);
    session.setPublisherQuality('ada', { currentStreamType: 'medium', currentLayer: 2 });
    const panel = document.createElement('conf-stats-panel');
    panel.session = session;
    const now = Date.now();
    for (let i = 0; i < 60; i++) panel.history.push(sample(now - (60 - i) * 1000, i));
    panel.open = true;
    return html`<div style="position: relative; height: 620px">${panel}</div>`;
  },
};
