import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/conf-controls/conf-controls.js';
import '../components/device-picker/device-picker.js';
import '../components/screen-share-button/screen-share-button.js';
import { FakeSession } from '../src/testing/index.js';
import type { ConnectionState } from '../src/state/types.js';
import { elementArgTypes, cssVars } from './support/controls.js';

interface ControlsArgs {
  connection: ConnectionState;
  muted: boolean;
  video: boolean;
  'call-type': 'video' | 'audio';
  'icons-only': boolean;
  slotted: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

function controlsSession(args: ControlsArgs): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera', callType: args['call-type'] });
  session.setConnection(args.connection, 'design-review');
  session.setSelf({ audioMuted: args.muted, videoEnabled: args['call-type'] === 'video' && args.video });
  return session;
}

// `<conf-controls>` reflects the session's mute/camera state and calls its methods; the buttons
// work here (the FakeSession applies them). A <screen-share-button> and <device-picker>s go in slots.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<ControlsArgs> = {
  title: 'Elements/conf-controls',
  component: 'conf-controls',
  args: { connection: 'joined', muted: false, video: true, 'call-type': 'video', 'icons-only': false, slotted: true },
  argTypes: {
    connection: {
      control: 'select',
      options: ['idle', 'connecting', 'joined', 'reconnecting', 'closed'],
      table: { category: 'fake session' },
    },
    muted: { description: 'Your microphone is muted.', table: { category: 'fake session' } },
    video: { description: 'Your camera is on.', table: { category: 'fake session' } },
    'call-type': { control: 'inline-radio', options: ['video', 'audio'], table: { category: 'fake session' } },
    slotted: { description: 'Fill the screen-share and devices slots.', table: { category: 'story' } },
    ...elementArgTypes('conf-controls'),
  },
  render: (args) => html`<conf-controls
    .session=${controlsSession(args)}
    ?icons-only=${args['icons-only']}
    style=${cssVars(args)}
  >
    ${args.slotted
      ? html`<screen-share-button slot="screen-share"></screen-share-button>
          <device-picker slot="devices" kind="audioinput"></device-picker>
          ${args['call-type'] === 'video' ? html`<device-picker slot="devices" kind="videoinput"></device-picker>` : nothing}`
      : nothing}
  </conf-controls>`,
};
export default meta;

type Story = StoryObj<ControlsArgs>;

/** In a call, microphone and camera on. */
export const Joined: Story = {};
export const Muted: Story = { name: 'Microphone muted', args: { muted: true } };
export const CameraOff: Story = { args: { video: false } };
export const MutedAndCameraOff: Story = { name: 'Muted with camera off', args: { muted: true, video: false } };
/** Audio-only calls have no camera button. */
export const AudioCall: Story = { args: { 'call-type': 'audio' } };
/** Not in a call: every button disabled. */
export const NotJoined: Story = { args: { connection: 'idle' } };
export const Connecting: Story = { args: { connection: 'connecting' } };
/** Still usable while reconnecting. */
export const Reconnecting: Story = { args: { connection: 'reconnecting' } };
export const IconsOnly: Story = { args: { 'icons-only': true } };
/** Just the built-in buttons. */
export const WithoutSlots: Story = { args: { slotted: false } };
/**
 * A narrow bar never wraps: the secondary controls (devices, extra slotted controls, statistics)
 * move behind "More", a disclosure button whose panel Escape closes (docs/layouts.md).
 */
export const Narrow: Story = {
  name: 'Narrow: More menu',
  render: (args) => html`<div style="width:380px">${meta.render!(args, {} as never)}</div>`,
};
/** The More panel open. */
export const NarrowMoreOpen: Story = {
  name: 'Narrow: More menu open',
  render: (args) => html`<div style="width:380px;padding-top:220px">
    <conf-controls .session=${controlsSession(args)} overflow="always" more-open>
      <screen-share-button slot="screen-share"></screen-share-button>
      <device-picker slot="devices" kind="audioinput"></device-picker>
      <device-picker slot="devices" kind="videoinput"></device-picker>
    </conf-controls>
  </div>`,
};
