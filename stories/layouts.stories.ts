import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-room/conf-room.js';
import { FakeSession } from '../src/testing/index.js';
import { fakeStream, people } from './support/fake.js';

interface LayoutArgs {
  layout: 'auto' | 'grid' | 'speaker';
  participants: number;
  speaker: string;
  sharing: boolean;
  'hide-self': boolean;
  'min-tile-width': number;
  width: number;
  height: number;
}

/** A joined FakeSession with `count` people in all (you included), one of them speaking. */
function session(count: number, speaker: string, sharing: boolean): FakeSession {
  const s = new FakeSession({ userId: 'me', name: 'You' });
  s.setConnection('joined', 'layouts');
  s.setSelf({ stream: fakeStream({ label: 'You', color: '#34495e' }) });
  for (const p of people.slice(0, Math.max(0, count - 1))) {
    s.addPublisher({ userId: p.userId, name: p.name, subscribed: true, stream: fakeStream({ label: p.name, color: p.color }) });
  }
  if (sharing && s.snapshot.publishers.ada) s.updatePublisher('ada', { screen: { video: null, audio: null, stream: null } });
  if (speaker) s.setLevels({ [speaker]: 0.7 }, speaker);
  return s;
}

// The <conf-room> layouts (docs/layouts.md) on a FakeSession: grid, speaker view, pages, hide-self.
const meta: Meta<LayoutArgs> = {
  title: 'Layouts/conf-room',
  component: 'conf-room',
  parameters: { layout: 'fullscreen' },
  args: { layout: 'auto', participants: 7, speaker: 'grace', sharing: false, 'hide-self': false, 'min-tile-width': 160, width: 1100, height: 640 },
  argTypes: {
    layout: { control: 'inline-radio', options: ['auto', 'grid', 'speaker'] },
    participants: { control: { type: 'range', min: 1, max: 12, step: 1 } },
  },
  render: (a) => html`<div style="width:${a.width}px;max-width:100%;height:${a.height}px">
    <conf-room .session=${session(a.participants, a.speaker, a.sharing)} layout=${a.layout} ?hide-self=${a['hide-self']}
      min-tile-width=${a['min-tile-width']} adaptive-stream="off"></conf-room>
  </div>`,
};
export default meta;
type Story = StoryObj<LayoutArgs>;

export const Grid: Story = { args: { layout: 'grid', participants: 7 } };
export const GridTwelve: Story = { args: { layout: 'grid', participants: 12 } };
export const Speaker: Story = { args: { layout: 'speaker', participants: 7, speaker: 'grace' } };
export const AutoWhileSharing: Story = { args: { layout: 'auto', participants: 8, sharing: true } };
export const Pages: Story = { args: { layout: 'grid', participants: 12, 'min-tile-width': 240, width: 640, height: 420 } };
export const HideSelf: Story = { args: { layout: 'grid', participants: 4, 'hide-self': true } };
export const MobilePortrait: Story = { args: { layout: 'auto', participants: 12, width: 390, height: 844 } };
