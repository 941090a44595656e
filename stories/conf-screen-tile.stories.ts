import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-screen-tile/conf-screen-tile.js';
import { FakeSession } from '../src/testing/index.js';
import type { ScreenState } from '../src/state/types.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { fakeScreen } from './support/fake.js';

type ScreenCase = 'received' | 'connecting';

interface ScreenArgs {
  'user-id': string;
  local: boolean;
  screen: ScreenCase;
  width: number;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A screen share: a wide fake capture, or announced but not received yet. */
function screenState(screen: ScreenCase): ScreenState {
  return screen === 'connecting' ? { video: null, audio: null, stream: null } : fakeScreen();
}

function screenSession(args: ScreenArgs): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera' });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', videoEnabled: false, screen: screenState(args.screen) });
  if (args.local) session.setSelf({ screenSharing: true, screen: screenState(args.screen) });
  return session;
}

// <conf-screen-tile> shows the screen share of publisher `user-id` (or yours, with `local`) from a
// FakeSession: a received capture, or one announced but not received yet.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<ScreenArgs> = {
  title: 'Elements/conf-screen-tile',
  component: 'conf-screen-tile',
  args: { 'user-id': 'ada', local: false, screen: 'received', width: 640 },
  argTypes: {
    screen: {
      description: 'The screen share in the FakeSession.',
      control: 'inline-radio',
      options: ['received', 'connecting'],
      table: { category: 'fake session' },
    },
    width: { control: { type: 'range', min: 200, max: 1200 }, table: { category: 'story' } },
    ...elementArgTypes('conf-screen-tile'),
  },
  render: (args) => html`<conf-screen-tile
    .session=${screenSession(args)}
    user-id=${args['user-id']}
    ?local=${args.local}
    style="width: ${args.width}px; ${cssVars(args)}"
  ></conf-screen-tile>`,
};
export default meta;

type Story = StoryObj<ScreenArgs>;

/** Someone else's screen, received. */
export const Remote: Story = {};
/** Announced, but the video has not arrived yet. */
export const Connecting: Story = { args: { screen: 'connecting' } };
/** Your own screen while you share it (muted). */
export const Local: Story = { args: { local: true, 'user-id': '' } };
