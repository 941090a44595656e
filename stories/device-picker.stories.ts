import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/device-picker/device-picker.js';
import type { DevicePicker } from '../components/device-picker/device-picker.js';
import type { DeviceKind } from '../components/events.js';
import { FakeSession } from '../src/testing/index.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { sampleDevices, unlabelledDevices } from './support/fake.js';

interface PickerArgs {
  kind: DeviceKind;
  devices: 'sample' | 'none' | 'unlabelled';
  current: string;
  audioOutputSupported: boolean;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A FakeSession that manages devices: fixed lists, the device in use, and working switch methods. */
function deviceSession(args: PickerArgs): FakeSession {
  const devices = { sample: sampleDevices, none: [], unlabelled: unlabelledDevices }[args.devices];
  const session = new FakeSession({ userId: 'me', devices, audioOutputSupported: args.audioOutputSupported });
  session.setConnection('joined', 'design-review');
  if (args.current) session.setCurrentDevice(args.kind, args.current);
  return session;
}

// <device-picker> lists the session's devices of one kind (`state.devices`) in a popover menu; the
// FakeSession here has a fixed list and switches for real, so picking moves the check mark. Keyboard:
// Enter/Space/ArrowDown open, arrows move, Enter picks, Escape closes. Picks are logged in Actions.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<PickerArgs> = {
  title: 'Elements/device-picker',
  component: 'device-picker',
  // Room above the trigger: the menu opens upwards (placement top-start) and flips when it can't.
  decorators: [(story) => html`<div style="padding-top: 220px">${story()}</div>`],
  args: { kind: 'audioinput', devices: 'sample', current: 'mic-2', audioOutputSupported: true },
  argTypes: {
    kind: { control: 'inline-radio', options: ['audioinput', 'videoinput', 'audiooutput'] },
    devices: {
      description: 'What the session lists.',
      control: 'inline-radio',
      options: ['sample', 'none', 'unlabelled'],
      table: { category: 'fake session' },
    },
    current: {
      description: 'The device in use (`state.devices.current[kind]`).',
      control: 'select',
      options: ['', ...sampleDevices.map((d) => d.deviceId)],
      table: { category: 'fake session' },
    },
    audioOutputSupported: {
      description: 'Whether the browser can choose an audio output (setSinkId).',
      table: { category: 'fake session' },
    },
    // Open it with a click (or see the Open stories): opening also re-reads the devices.
    ...elementArgTypes('device-picker', { open: { control: false }, 'selected-id': { control: false } }),
  },
  render: (args) => html`<device-picker .session=${deviceSession(args)} kind=${args.kind} style=${cssVars(args)}></device-picker>`,
};
export default meta;

type Story = StoryObj<PickerArgs>;

const openMenu: Story['play'] = async ({ canvasElement }) => {
  await canvasElement.querySelector<DevicePicker>('device-picker')!.show();
};

export const Microphone: Story = {};
export const Camera: Story = { args: { kind: 'videoinput', current: 'cam-1' } };
export const Speaker: Story = { args: { kind: 'audiooutput', current: 'out-1' } };

/** Browsers without `setSinkId` cannot choose the speaker: the trigger is disabled and says why. */
export const SpeakerUnsupported: Story = {
  name: 'Speaker, not supported',
  args: { kind: 'audiooutput', current: '', audioOutputSupported: false },
};

/** The menu open, the device in use checked and focused. */
export const Open: Story = { play: openMenu };
export const OpenCamera: Story = { args: { kind: 'videoinput', current: 'cam-2' }, play: openMenu };

/** Listed before camera/microphone permission: no names, so the menu asks for access. */
export const OpenUnlabelled: Story = {
  name: 'Open, before permission',
  args: { devices: 'unlabelled', current: '' },
  play: openMenu,
};

/** No device of this kind. */
export const OpenEmpty: Story = { name: 'Open, no devices', args: { devices: 'none', current: '' }, play: openMenu };
