import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-recording-indicator/conf-recording-notice.js';
import { cssVars, elementArgTypes } from './support/controls.js';

interface NoticeArgs {
  dismissible: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

// "This room is being recorded": on the pre-join screen (<conf-prejoin recording>) and, dismissible,
// in the room for people who joined while it was recording (docs/recording.md).
const meta: Meta<NoticeArgs> = {
  title: 'Elements/conf-recording-notice',
  component: 'conf-recording-notice',
  args: { dismissible: false },
  argTypes: elementArgTypes('conf-recording-notice'),
  render: (args) => html`<conf-recording-notice ?dismissible=${args.dismissible} style="max-width: 420px; ${cssVars(args)}"></conf-recording-notice>`,
};
export default meta;

type Story = StoryObj<NoticeArgs>;

/** As the pre-join screen shows it. */
export const PreJoin: Story = {};
/** In the room, with OK. */
export const Dismissible: Story = { args: { dismissible: true } };
