import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-add-participant/conf-add-participant.js';
import type { ConfAddParticipant } from '../components/conf-add-participant/conf-add-participant.js';
import { ConferenceError } from '../src/errors.js';
import { outgoing } from './calls.js';
import { elementArgTypes } from './support/controls.js';

interface AddArgs {
  open: boolean;
  /** Invite these (comma separated) when the story renders. */
  invite: string;
  /** The fake server refuses invitations with this code. */
  refuse: '' | 'room-full' | 'forbidden';
  ended: boolean;
}

function element(args: AddArgs): HTMLElement {
  const el = document.createElement('conf-add-participant') as ConfAddParticipant;
  el.open = args.open;
  void outgoing({ bob: 'accepted' }).then(({ calls, callId }) => {
    if (args.refuse) {
      calls.invite = async () => {
        throw new ConferenceError(args.refuse || 'room-full', 'refused by the story');
      };
    }
    el.calls = calls;
    el.callId = callId;
    if (args.ended) calls.end(callId);
    if (args.invite) void el.invite(args.invite.split(',').map((u) => u.trim()));
  });
  // Room for the form, which opens above the button (as in the control bar).
  const wrap = document.createElement('div');
  wrap.style.paddingTop = '12rem';
  wrap.append(el);
  return wrap;
}

// <conf-add-participant>: in a call's <conf-room> it finds the call by context; here it gets a
// FakeCalls with a call in progress. "Add people" opens the form; Escape closes it.
const meta: Meta<AddArgs> = {
  title: 'Elements/conf-add-participant',
  component: 'conf-add-participant',
  args: { open: false, invite: '', refuse: '', ended: false },
  argTypes: {
    refuse: { control: 'inline-radio', options: ['', 'room-full', 'forbidden'] },
    ...elementArgTypes('conf-add-participant'),
  },
  render: (args) => html`${element(args)}`,
};
export default meta;

type Story = StoryObj<AddArgs>;

export const Closed: Story = {};
export const Open: Story = { args: { open: true } };
/** Frank and Gina were invited and ring. */
export const Invited: Story = { args: { invite: 'frank, gina' } };
/** The call is full: the invitation is refused. */
export const RoomFull: Story = { args: { open: true, invite: 'frank', refuse: 'room-full' } };
/** The call ended: nothing to invite into. */
export const CallEnded: Story = { args: { ended: true } };
