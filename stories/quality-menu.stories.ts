import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/quality-menu/quality-menu.js';
import type { QualityMenu } from '../components/quality-menu/quality-menu.js';
import { FakeSession } from '../src/testing/index.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { fakeStream } from './support/fake.js';
import { qualityCases, qualityPresets, type QualityCase } from './support/quality.js';

interface MenuArgs {
  'user-id': string;
  receive: QualityCase;
  [cssProperty: `--${string}`]: string | undefined;
}

function menuSession(receive: QualityCase): FakeSession {
  const session = new FakeSession({ userId: 'me' });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', stream: fakeStream() });
  session.setPublisherQuality('ada', qualityPresets[receive]);
  return session;
}

// <quality-menu> for publisher `ada` of a FakeSession: picking applies to the session (the check
// marks follow its state) and is logged in Actions as conf-quality-change / conf-layer-change.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<MenuArgs> = {
  title: 'Elements/quality-menu',
  component: 'quality-menu',
  // Room below the trigger for the menu.
  decorators: [(story) => html`<div style="padding-bottom: 340px">${story()}</div>`],
  args: { 'user-id': 'ada', receive: 'none' },
  argTypes: {
    receive: {
      description: "The viewer's choice and what the server forwards (`PublisherState.quality`).",
      control: 'select',
      options: qualityCases,
      table: { category: 'fake session' },
    },
    ...elementArgTypes('quality-menu', { open: { control: false } }),
  },
  render: (args) => html`<quality-menu
    .session=${menuSession(args.receive)}
    user-id=${args['user-id']}
    style=${cssVars(args)}
  ></quality-menu>`,
};
export default meta;

type Story = StoryObj<MenuArgs>;

const openMenu: Story['play'] = async ({ canvasElement }) => {
  await canvasElement.querySelector<QualityMenu>('quality-menu')!.show();
};

/** Closed, on auto. */
export const Auto: Story = {};
export const Medium: Story = { args: { receive: 'medium' } };
export const AudioOnly: Story = { args: { receive: 'audio-only' } };
/** Open: quality and frame rate groups, the current choices checked. */
export const Open: Story = { play: openMenu };
export const OpenLowQuarterFrameRate: Story = {
  name: 'Open, low at quarter frame rate',
  args: { receive: 'low' },
  render: (args) => {
    const session = menuSession(args.receive);
    session.setPublisherQuality('ada', { requestedLayer: 0, currentLayer: 0 });
    return html`<quality-menu .session=${session} user-id=${args['user-id']} style=${cssVars(args)}></quality-menu>`;
  },
  play: openMenu,
};
