import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-room/conf-room.js';
import { elementArgTypes, cssVars } from './support/controls.js';

interface LiveArgs {
  server: string;
  room: string;
  name: string;
  'user-id': string;
  'call-type': 'video' | 'audio';
  'auto-join': boolean;
  theme: 'light' | 'dark';
  [cssProperty: `--${string}`]: string | undefined;
}

/** The conference server next to this Storybook: same host, port 3000 (`npm start`). */
function defaultServer(): string {
  const host = typeof location === 'undefined' ? '' : location.hostname;
  if (!host || host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return 'http://127.0.0.1:3000';
  return `${location.protocol}//${host}:3000`;
}

// `<conf-room>` on the real server: the room creates its own ConferenceSession (mediasoup-client)
// and joins over WebSocket. Run `npm start` first, then press Join; open this story in a second
// tab (or with another room) to see a second participant.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<LiveArgs> = {
  title: 'Live/conf-room',
  component: 'conf-room',
  parameters: { layout: 'fullscreen' },
  args: {
    server: defaultServer(),
    room: 'storybook',
    name: 'Storybook',
    'user-id': '',
    'call-type': 'video',
    'auto-join': false,
    theme: 'dark',
  },
  argTypes: {
    'call-type': { control: 'inline-radio', options: ['video', 'audio'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    ...elementArgTypes('conf-room'),
  },
  render: (args) => html`<conf-room
    server=${args.server}
    room=${args.room}
    name=${args.name}
    user-id=${args['user-id']}
    call-type=${args['call-type']}
    ?auto-join=${args['auto-join']}
    theme=${args.theme}
    style="height: 600px; ${cssVars(args)}"
  ></conf-room>`,
};
export default meta;

/** Needs the local server (`npm start`, default http://127.0.0.1:3000). */
export const Live: StoryObj<LiveArgs> = {};
