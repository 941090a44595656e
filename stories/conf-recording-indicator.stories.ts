import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-recording-indicator/conf-recording-indicator.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { recordingArgs, recordingArgTypes, recordingSession, type RecordingArgs } from './support/recording.js';

// The REC mark for everyone in a recorded room (docs/recording.md), on a FakeSession.
const meta: Meta<RecordingArgs> = {
  title: 'Elements/conf-recording-indicator',
  component: 'conf-recording-indicator',
  args: recordingArgs,
  argTypes: { ...recordingArgTypes, ...elementArgTypes('conf-recording-indicator') },
  render: (args) => html`<conf-recording-indicator .session=${recordingSession(args)} style=${cssVars(args)}></conf-recording-indicator>`,
};
export default meta;

type Story = StoryObj<RecordingArgs>;

/** Someone else started recording 1:23 ago: the REC mark with the elapsed time. */
export const Recording: Story = {};

/** You joined a room that was already being recorded: the mark and the notice (OK dismisses it). */
export const JoinedWhileRecording: Story = {
  render: (args) => html`<conf-recording-indicator .session=${recordingSession(args, true)} style=${cssVars(args)}></conf-recording-indicator>`,
};

/** Not recorded: nothing shows (only an empty status for screen readers). */
export const NotRecording: Story = { args: { recording: false } };
