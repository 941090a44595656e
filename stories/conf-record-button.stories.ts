import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-record-button/conf-record-button.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { recordingArgs, recordingArgTypes, recordingSession, type RecordingArgs } from './support/recording.js';

// Start and stop recording (docs/recording.md), for someone with the `record` grant; click it.
const meta: Meta<RecordingArgs & { 'icons-only': boolean }> = {
  title: 'Elements/conf-record-button',
  component: 'conf-record-button',
  args: { ...recordingArgs, recording: false, 'icons-only': false },
  argTypes: { ...recordingArgTypes, ...elementArgTypes('conf-record-button') },
  render: (args) => html`<conf-record-button .session=${recordingSession(args)} ?icons-only=${args['icons-only']}
    style=${cssVars(args)}></conf-record-button>`,
};
export default meta;

type Story = StoryObj<RecordingArgs & { 'icons-only': boolean }>;

/** Not recording: click to start. */
export const Idle: Story = {};
/** While recording (a pressed toggle): click to stop. */
export const Recording: Story = { args: { recording: true } };
/** Icon only, the name in aria-label. */
export const IconsOnly: Story = { args: { 'icons-only': true } };
