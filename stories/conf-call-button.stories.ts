import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-call-button/conf-call-button.js';
import type { ConfCallButton } from '../components/conf-call-button/conf-call-button.js';
import type { CallStatus } from '../src/protocol/calls.js';
import { FakeCalls } from '../src/testing/fake-calls.js';
import { elementArgTypes } from './support/controls.js';

interface ButtonArgs {
  users: string;
  'call-type': 'video' | 'audio';
  /** Statuses to play after the call started (one per user), or none: not started. */
  statuses: CallStatus[] | null;
  ended: boolean;
}

/** A button on a FakeCalls, started (and its callees set to `statuses`) when `statuses` is given. */
function button(args: ButtonArgs): ConfCallButton {
  const calls = new FakeCalls();
  const el = document.createElement('conf-call-button');
  el.users = args.users;
  el.callType = args['call-type'];
  el.calls = calls;
  if (args.statuses) {
    const statuses = args.statuses;
    void el.start().then(() => {
      const callId = el.callId!;
      args.users.split(',').forEach((u, i) => calls.setStatus(callId, u.trim(), statuses[i] ?? 'ringing'));
      if (args.ended) calls.end(callId, 'everyone-left');
    });
  }
  return el;
}

// <conf-call-button>: click it to start a call on a FakeCalls (every callee then rings); the
// stories below show it after the call started, with the callees in each status.
const meta: Meta<ButtonArgs> = {
  title: 'Elements/conf-call-button',
  component: 'conf-call-button',
  args: { users: 'bob, carol', 'call-type': 'video', statuses: null, ended: false },
  argTypes: {
    'call-type': { control: 'inline-radio', options: ['video', 'audio'] },
    statuses: { control: false },
    ...elementArgTypes('conf-call-button'),
  },
  render: (args) => html`${button(args)}`,
};
export default meta;

type Story = StoryObj<ButtonArgs>;

/** Not started: "Call bob, carol". */
export const Idle: Story = {};
/** Started: both ring; Cancel hangs up. */
export const Ringing: Story = { args: { statuses: ['ringing', 'ringing'] } };
export const Accepted: Story = { args: { statuses: ['accepted', 'ringing'] } };
/** Every status a callee can have. */
export const EveryStatus: Story = {
  args: { users: 'bob, carol, dave, erin, frank', statuses: ['accepted', 'declined', 'busy', 'offline', 'no-answer'] },
};
/** Nobody answered: the call ended; the button calls again. */
export const NoAnswer: Story = { args: { users: 'bob', statuses: ['no-answer'], ended: true } };
/** Cancelled before anyone answered. */
export const Cancelled: Story = { args: { users: 'bob', statuses: ['cancelled'], ended: true } };
/** Nothing to call: disabled. */
export const NoUsers: Story = { args: { users: '' } };
