import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-network-indicator/conf-network-indicator.js';
import '../components/conf-tile/conf-tile.js';
import { STATES, sessionFor, type NetworkState } from './support/network.js';

type State = NetworkState;

interface Args {
  state: State;
  local: boolean;
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

