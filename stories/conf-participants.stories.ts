import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-participants/conf-participants.js';
import { FakeSession, ADMIN_PERMISSIONS, DEFAULT_PERMISSIONS } from '../src/testing/index.js';

interface ParticipantsArgs {
  admin: boolean;
  speaking: boolean;
}

function participantsSession(args: ParticipantsArgs): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera', permissions: args.admin ? ADMIN_PERMISSIONS : DEFAULT_PERMISSIONS });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace' });
  session.addPublisher({ userId: 'grace', name: 'Grace Hopper', audioMuted: true });
  session.addPublisher({ userId: 'alan', name: 'Alan Turing', videoEnabled: false });
  if (args.speaking) session.setLevels({ ada: 0.6 }, 'ada');
  return session;
}

// `<conf-participants>` lists everyone with mic, camera and speaking state. With the `admin` grant each
// other person has a moderation menu (mute microphone, stop video, remove); the FakeSession applies it.
const meta: Meta<ParticipantsArgs> = {
  title: 'Elements/conf-participants',
  component: 'conf-participants',
  args: { admin: true, speaking: true },
  argTypes: {
    admin: { description: 'Your token has the admin grant (`self.permissions.admin`).', table: { category: 'fake session' } },
    speaking: { description: 'Ada is speaking.', table: { category: 'fake session' } },
  },
  render: (args) => html`<conf-participants .session=${participantsSession(args)}></conf-participants>`,
};
export default meta;

type Story = StoryObj<ParticipantsArgs>;

/** A moderator's view: a menu per person. */
export const Admin: Story = {};

/** Without `admin`: the same list, no menus. */
export const Participant: Story = { args: { admin: false, speaking: false } };
