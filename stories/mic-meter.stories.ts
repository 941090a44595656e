import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/mic-meter/mic-meter.js';
import { FakeSession } from '../src/testing/index.js';
import { elementArgTypes, cssVars } from './support/controls.js';
import { every, fakeStream } from './support/fake.js';

interface MeterArgs {
  'user-id': string;
  local: boolean;
  level: number;
  animate: boolean;
  scale: number;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A FakeSession whose `levels` store holds `level` for 'ada' (animated with `animate`). */
function levelSession(level: number, animate: boolean): FakeSession {
  const session = new FakeSession({ userId: 'me' });
  session.setConnection('joined', 'design-review');
  session.setLevels({ ada: level });
  if (animate) {
    let t = 0;
    // About the server's AudioLevelObserver rate (every 250 ms); a speech-like envelope.
    every(250, () => {
      t += 1;
      session.setLevels({ ada: Math.max(0, Math.abs(Math.sin(t / 2.3)) * 0.9 - (t % 7 === 0 ? 0.8 : 0)) });
    });
  }
  return session;
}

// `<mic-meter>` for a remote participant reads the session's `levels` store (here a FakeSession
// with `level` for `ada`); with `local` it measures your own microphone track with an analyser.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<MeterArgs> = {
  title: 'Elements/mic-meter',
  component: 'mic-meter',
  args: { 'user-id': 'ada', local: false, level: 0.5, animate: false, scale: 3 },
  argTypes: {
    level: {
      description: "The participant's level in the session's levels store (0..1).",
      control: { type: 'range', min: 0, max: 1, step: 0.05 },
      table: { category: 'fake session' },
    },
    animate: { description: 'Vary the level 4 times a second.', table: { category: 'fake session' } },
    scale: { description: 'Zoom, to see the bars.', control: { type: 'range', min: 1, max: 6 }, table: { category: 'story' } },
    ...elementArgTypes('mic-meter'),
  },
  render: (args) => html`<mic-meter
    .session=${levelSession(args.level, args.animate)}
    user-id=${args['user-id']}
    ?local=${args.local}
    style="zoom: ${args.scale}; ${cssVars(args)}"
  ></mic-meter>`,
};
export default meta;

type Story = StoryObj<MeterArgs>;

/** Silence: the bars rest at their minimum, in the idle colour. */
export const Silent: Story = { args: { level: 0 } };
export const Quiet: Story = { args: { level: 0.2 } };
export const Medium: Story = { args: { level: 0.5 } };
export const Loud: Story = { args: { level: 1 } };

/** Levels arriving from the server about every 250 ms. */
export const Animated: Story = { args: { animate: true } };

/** All levels side by side. */
export const Levels: Story = {
  render: (args) => html`<div style="display: flex; gap: 24px; align-items: end; color: #eef0f4; font: 12px system-ui">
    ${[0, 0.1, 0.25, 0.5, 0.75, 1].map(
      (level) => html`<figure style="margin: 0; display: grid; justify-items: center; gap: 6px">
        <mic-meter .session=${levelSession(level, false)} user-id="ada" aria-label=${`Level ${level}`} style="zoom: ${args.scale}; ${cssVars(args)}"></mic-meter>
        <figcaption>${level}</figcaption>
      </figure>`,
    )}
  </div>`,
};

/** Your own microphone: an AnalyserNode on the local track (here a fake tone). */
export const Local: Story = {
  args: { local: true, 'user-id': 'me' },
  render: (args) => {
    const session = new FakeSession({ userId: 'me' });
    session.setConnection('joined', 'design-review');
    session.setSelf({ stream: fakeStream({ video: false, audio: true, gain: 0.3 }) });
    return html`<mic-meter .session=${session} local style="zoom: ${args.scale}; ${cssVars(args)}"></mic-meter>`;
  },
};

/** Restyled through CSS custom properties. */
export const CustomColors: Story = {
  args: {
    level: 0.7,
    '--conf-mic-meter-color': '#f5a524',
    '--conf-mic-meter-width': '28px',
    '--conf-mic-meter-height': '20px',
  },
};
