import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/quality-badge/quality-badge.js';
import { FakeSession } from '../src/testing/index.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { fakeStream } from './support/fake.js';
import { qualityCases, qualityPresets, type QualityCase } from './support/quality.js';

interface BadgeArgs {
  'user-id': string;
  receive: QualityCase;
  [cssProperty: `--${string}`]: string | undefined;
}

function badgeSession(receive: QualityCase): FakeSession {
  const session = new FakeSession({ userId: 'me' });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', stream: fakeStream() });
  session.setPublisherQuality('ada', qualityPresets[receive]);
  return session;
}

// <quality-badge> for publisher `ada` of a FakeSession whose `quality` is set from `receive`.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<BadgeArgs> = {
  title: 'Elements/quality-badge',
  component: 'quality-badge',
  args: { 'user-id': 'ada', receive: 'high' },
  argTypes: {
    receive: {
      description: 'What the server forwards (`PublisherState.quality`).',
      control: 'select',
      options: qualityCases,
      table: { category: 'fake session' },
    },
    ...elementArgTypes('quality-badge'),
  },
  render: (args) => html`<quality-badge
    .session=${badgeSession(args.receive)}
    user-id=${args['user-id']}
    style=${cssVars(args)}
  ></quality-badge>`,
};
export default meta;

type Story = StoryObj<BadgeArgs>;

export const High: Story = { name: 'High layer' };
export const Medium: Story = { name: 'Medium layer', args: { receive: 'medium' } };
export const Low: Story = { name: 'Low layer', args: { receive: 'low' } };
export const HalfFrameRate: Story = { name: 'Half frame rate (T1)', args: { receive: 'half-frame-rate' } };
export const QuarterFrameRate: Story = { name: 'Quarter frame rate (T0)', args: { receive: 'quarter-frame-rate' } };
export const Poor: Story = { args: { receive: 'poor' } };
export const AudioOnly: Story = { args: { receive: 'audio-only' } };
/** Nothing measured yet: the badge renders nothing. */
export const NotMeasured: Story = { args: { receive: 'none' } };
