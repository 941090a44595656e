import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-recording-indicator/conf-recording-indicator.js';
import '../components/conf-recording-indicator/conf-recording-notice.js';
import '../components/conf-record-button/conf-record-button.js';
import { FakeSession } from '../src/testing/index.js';
import { cssVars, elementArgTypes } from './support/controls.js';

interface RecordingArgs {
  /** Whether the room is being recorded. */
  recording: boolean;
  /** How long ago it started, in seconds. */
  elapsed: number;
  /** Whether this user holds the `record` grant (the button shows only then). */
  allowed: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A FakeSession in room `standup`: joined first, then the recording set (as if someone else started it). */
function session(args: RecordingArgs, joinWhileRecording = false): FakeSession {
  const recording = args.recording ? { active: true, startedAt: Date.now() - args.elapsed * 1000, by: 'alice' } : undefined;
  const s = new FakeSession({ userId: 'me', permissions: { record: args.allowed }, recording: joinWhileRecording ? recording : undefined });
  s.setConnection('joined', 'standup');
  if (recording && !joinWhileRecording) s.setRecording(recording);
  return s;
}

// The recording elements (docs/recording.md) on a FakeSession: the REC mark for everyone, the
// notice for people who join a recorded room, and the start/stop button for those allowed.
const meta: Meta<RecordingArgs> = {
  title: 'Elements/recording',
  component: 'conf-recording-indicator',
  args: { recording: true, elapsed: 83, allowed: true },
  argTypes: {
    recording: { control: 'boolean', table: { category: 'fake session' } },
    elapsed: { control: { type: 'number', min: 0 }, table: { category: 'fake session' } },
    allowed: { control: 'boolean', table: { category: 'fake session' } },
    ...elementArgTypes('conf-recording-indicator'),
  },
  render: (args) => html`<conf-recording-indicator .session=${session(args)} style=${cssVars(args)}></conf-recording-indicator>`,
};
export default meta;

type Story = StoryObj<RecordingArgs>;

/** Someone else started recording 1:23 ago: the REC mark with the elapsed time. */
export const Indicator: Story = {};

/** You joined a room that was already being recorded: the mark and the notice (OK dismisses it). */
export const JoinedWhileRecording: Story = {
  render: (args) => html`<conf-recording-indicator .session=${session(args, true)} style=${cssVars(args)}></conf-recording-indicator>`,
};

/** The notice on its own, as <conf-prejoin recording> shows it. */
export const Notice: Story = {
  render: () => html`<conf-recording-notice style="max-width: 420px"></conf-recording-notice>`,
};

/** The record button for someone with the `record` grant: click to start or stop. */
export const RecordButton: Story = {
  args: { recording: false },
  render: (args) => html`<conf-record-button .session=${session(args)} style=${cssVars(args)}></conf-record-button>`,
};

/** The button while recording (a pressed toggle). */
export const RecordButtonRecording: Story = {
  render: (args) => html`<conf-record-button .session=${session(args)}></conf-record-button>`,
};
