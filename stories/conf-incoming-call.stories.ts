import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-incoming-call/conf-incoming-call.js';
import '../components/conf-call-center/conf-call-center.js';
import type { IncomingCall } from '../src/protocol/calls.js';
import { FakeCalls } from '../src/testing/fake-calls.js';
import { ada } from './calls.js';
import { elementArgTypes } from './support/controls.js';

interface IncomingArgs {
  callType: 'video' | 'audio';
  name: string;
  muted: boolean;
}

const callOf = (args: IncomingArgs): IncomingCall => ({
  callId: 'c1',
  roomId: 'call-1',
  from: { ...ada, name: args.name },
  participantIds: ['ada', 'me'],
  callType: args.callType,
});

// <conf-incoming-call>: one ringing call. Accept/Decline fire conf-call-accept / conf-call-decline
// (see the Actions panel); the Web Audio ringtone plays unless muted (browsers may hold it until a click).
const meta: Meta<IncomingArgs> = {
  title: 'Elements/conf-incoming-call',
  component: 'conf-incoming-call',
  args: { callType: 'video', name: ada.name, muted: true },
  argTypes: {
    callType: { control: 'inline-radio', options: ['video', 'audio'] },
    ...elementArgTypes('conf-incoming-call'),
  },
  render: (args) => html`<conf-incoming-call .call=${callOf(args)} ?muted=${args.muted}></conf-incoming-call>`,
};
export default meta;

type Story = StoryObj<IncomingArgs>;

/** A video call: Accept with video, Accept audio only, Decline. */
export const VideoCall: Story = {};
/** An audio call offers no video answer. */
export const AudioCall: Story = { args: { callType: 'audio' } };
/** Ringing with sound (the mute toggle is not pressed). */
export const Ringing: Story = { args: { muted: false } };
/** A one-word name: one initial. */
export const ShortName: Story = { args: { name: 'Grace' } };
/** Several calls at once stack (as <conf-call-center> shows them). */
export const Stacked: Story = {
  render: () => {
    const calls = new FakeCalls();
    calls.ring({ from: ada });
    calls.ring({ from: { userId: 'grace', name: 'Grace Hopper' }, callType: 'audio' });
    return html`<conf-call-center .calls=${calls}></conf-call-center>`;
  },
};
