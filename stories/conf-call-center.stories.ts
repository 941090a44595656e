import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-call-center/conf-call-center.js';
import { FakeCalls } from '../src/testing/fake-calls.js';
import { ada } from './calls.js';
import { elementArgTypes } from './support/controls.js';

interface CenterArgs {
  rings: number;
}

// <conf-call-center>: online for calls (here a FakeCalls). Its content shows while no call is
// mounted; incoming calls stack bottom right. Accepting mounts a <conf-room> for the call, which
// needs a real server (`npm start`): see the Live story.
const meta: Meta<CenterArgs> = {
  title: 'Elements/conf-call-center',
  component: 'conf-call-center',
  args: { rings: 0 },
  argTypes: { rings: { control: { type: 'range', min: 0, max: 3 } }, ...elementArgTypes('conf-call-center') },
  render: (args) => {
    const calls = new FakeCalls();
    const people = [ada, { userId: 'grace', name: 'Grace Hopper' }, { userId: 'alan', name: 'Alan Turing' }];
    for (const from of people.slice(0, args.rings)) calls.ring({ from });
    return html`<conf-call-center .calls=${calls}><p style="color: var(--conf-text, #eef0f4)">Online for calls. Your page content goes here.</p></conf-call-center>`;
  },
};
export default meta;

type Story = StoryObj<CenterArgs>;

/** Online, nothing ringing: the content shows. */
export const Online: Story = {};
export const OneCall: Story = { args: { rings: 1 } };
/** Three calls at once stack. */
export const ThreeCalls: Story = { args: { rings: 3 } };
