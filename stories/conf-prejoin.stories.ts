import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-prejoin/conf-prejoin.js';
import { cssVars, elementArgTypes } from './support/controls.js';

interface PrejoinArgs {
  name: string;
  room: string;
  'call-type': 'video' | 'audio';
  'join-label': string;
  busy: boolean;
  recording: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

// <conf-prejoin> opens its own camera/microphone preview with getUserMedia: unlike the other
// stories it uses your real devices (the browser asks for permission). Join is logged in Actions
// as `conf-prejoin-join`. Inside <conf-room prejoin> the room joins with those choices.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<PrejoinArgs> = {
  title: 'Elements/conf-prejoin',
  component: 'conf-prejoin',
  args: { name: 'Sam Rivera', room: 'design-review', 'call-type': 'video', 'join-label': 'Join', busy: false, recording: false },
  argTypes: {
    'call-type': { control: 'inline-radio', options: ['video', 'audio'] },
    ...elementArgTypes('conf-prejoin'),
  },
  render: (args) => html`<conf-prejoin
    name=${args.name}
    room=${args.room}
    call-type=${args['call-type']}
    join-label=${args['join-label']}
    ?busy=${args.busy}
    ?recording=${args.recording}
    style=${cssVars(args)}
  ></conf-prejoin>`,
};
export default meta;

type Story = StoryObj<PrejoinArgs>;

/** Camera preview, microphone meter, device pickers, name and Join. */
export const Video: Story = {};
/** An audio call: no camera preview or camera picker. */
export const AudioOnly: Story = { args: { 'call-type': 'audio' } };
/** While joining: the form is disabled. */
export const Busy: Story = { args: { busy: true, 'join-label': 'Joining…' } };
/** The room is being recorded: the notice above the Join button (docs/recording.md). */
export const Recorded: Story = { args: { recording: true } };
