import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-tile/conf-tile.js';
import { FakeSession } from '../src/testing/index.js';
import { elementArgTypes, cssVars } from './support/controls.js';
import { fakeStream } from './support/fake.js';
import { qualityCases, qualityPresets, type QualityCase } from './support/quality.js';

type TileState = 'video' | 'muted' | 'video-off' | 'no-track' | 'unknown' | 'speaking' | 'audio-call' | 'reconnecting';

interface TileArgs {
  'user-id': string;
  local: boolean;
  state: TileState;
  name: string;
  receive: QualityCase;
  'hide-stats': boolean;
  width: number;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A FakeSession holding one remote participant ('ada') in the given state, and yourself ('me'). */
function tileSession(state: TileState, name: string, receive: QualityCase = 'none'): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera' });
  session.setConnection('joined', 'design-review');
  session.setSelf({ stream: fakeStream({ color: '#3559e0', audio: true, gain: 0.05 }) });
  const stream = () => fakeStream({ color: '#8e44ad' });
  switch (state) {
    case 'video':
      session.addPublisher({ userId: 'ada', name, stream: stream() });
      break;
    case 'muted':
      session.addPublisher({ userId: 'ada', name, audioMuted: true, stream: stream() });
      session.setSelf({ audioMuted: true });
      break;
    case 'video-off':
      session.addPublisher({ userId: 'ada', name, videoEnabled: false });
      session.setSelf({ videoEnabled: false });
      break;
    case 'no-track':
      // Announced with a camera, but not subscribed yet: no track to show.
      session.addPublisher({ userId: 'ada', name, videoEnabled: true, stream: null });
      session.setSelf({ stream: null });
      break;
    case 'unknown':
      break;
    case 'speaking':
      session.addPublisher({ userId: 'ada', name, stream: stream() });
      session.setLevels({ ada: 0.8, me: 0.8 }, 'ada');
      break;
    case 'audio-call':
      session.addPublisher({ userId: 'ada', name, callType: 'audio', videoEnabled: false });
      break;
    case 'reconnecting':
      // Their connection is lost; the server keeps them for resume (docs/reliability.md).
      session.addPublisher({ userId: 'ada', name, stream: stream(), reconnecting: true });
      break;
  }
  if (session.snapshot.publishers.ada) session.setPublisherQuality('ada', qualityPresets[receive]);
  return session;
}

// `<conf-tile>` shows one participant of the session it gets from context (here set directly).
// `state` builds a FakeSession in which participant `ada` (or yourself, with `local`) is in that state.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<TileArgs> = {
  title: 'Elements/conf-tile',
  component: 'conf-tile',
  args: { 'user-id': 'ada', local: false, state: 'video', name: 'Ada Lovelace', receive: 'none', 'hide-stats': false, width: 360 },
  argTypes: {
    state: {
      description: "The participant's state in the FakeSession.",
      control: 'select',
      options: ['video', 'muted', 'video-off', 'no-track', 'unknown', 'speaking', 'audio-call', 'reconnecting'],
      table: { category: 'fake session' },
    },
    name: { description: "The participant's name.", table: { category: 'fake session' } },
    receive: {
      description: 'What the server forwards of their video (`PublisherState.quality`).',
      control: 'select',
      options: qualityCases,
      table: { category: 'fake session' },
    },
    width: { control: { type: 'range', min: 120, max: 960 }, table: { category: 'story' } },
    ...elementArgTypes('conf-tile', {
      quality: { control: 'select', options: ['auto', 'high', 'medium', 'low', 'audio-only'] },
    }),
  },
  render: (args) => html`<conf-tile
    .session=${tileSession(args.state, args.name, args.receive)}
    user-id=${args['user-id']}
    ?local=${args.local}
    ?hide-stats=${args['hide-stats']}
    style="width: ${args.width}px; ${cssVars(args)}"
  ></conf-tile>`,
};
export default meta;

type Story = StoryObj<TileArgs>;

/** A remote participant with their camera on. */
export const Video: Story = {};

/** Microphone off: the meter is replaced by a muted badge. */
export const Muted: Story = { args: { state: 'muted' } };

/** Camera off: initials instead of video, and a camera-off badge. */
export const VideoOff: Story = { name: 'Video off (initials)', args: { state: 'video-off' } };

/** The camera is on but no track has arrived yet (not subscribed, or still connecting). */
export const NoTrack: Story = { name: 'No track (placeholder)', args: { state: 'no-track' } };

/** A `user-id` the session does not know (yet). */
export const UnknownParticipant: Story = { args: { state: 'unknown', 'user-id': 'nobody' } };

/** The active speaker gets an outline and a lively meter. */
export const Speaking: Story = { args: { state: 'speaking' } };

/** An audio-only participant: initials, and no camera-off badge (there is no camera). */
export const AudioOnly: Story = { args: { state: 'audio-call' } };

/** Their connection is lost (`PublisherState.reconnecting`): the picture is dimmed and labelled "Reconnecting…". */
export const Reconnecting: Story = { args: { state: 'reconnecting' } };

/** Reconnecting, dimmed less through `--conf-tile-reconnecting-opacity`. */
export const ReconnectingCustomOpacity: Story = {
  name: 'Reconnecting, custom opacity',
  args: { state: 'reconnecting', '--conf-tile-reconnecting-opacity': '0.7' },
};

/** Yourself: mirrored video, media element muted, "(you)" after the name, meter from the local mic. */
export const Local: Story = { args: { local: true, 'user-id': '' } };

export const LocalMutedCameraOff: Story = {
  name: 'Local, muted with camera off',
  args: { local: true, 'user-id': '', state: 'video-off' },
  render: (args) => {
    const session = tileSession('video-off', args.name);
    session.setSelf({ audioMuted: true, videoEnabled: false });
    return html`<conf-tile .session=${session} local style="width: ${args.width}px; ${cssVars(args)}"></conf-tile>`;
  },
};

/** Receive quality (remote tiles): the badge shows the forwarded layer, size and bitrate; the menu the viewer's choice. */
export const QualityHigh: Story = { name: 'Quality: high layer (auto)', args: { receive: 'high' } };
/** The viewer chose medium (SD): spatial layer 1. */
export const QualityMedium: Story = { name: 'Quality: medium layer', args: { receive: 'medium' } };
/** The viewer chose low (LD): spatial layer 0. */
export const QualityLow: Story = { name: 'Quality: low layer', args: { receive: 'low' } };
/** Temporal layer 1: half the frame rate. */
export const QualityHalfFrameRate: Story = { name: 'Quality: half frame rate (T1)', args: { receive: 'half-frame-rate' } };
/** Temporal layer 0: a quarter of the frame rate. */
export const QualityQuarterFrameRate: Story = { name: 'Quality: quarter frame rate (T0)', args: { receive: 'quarter-frame-rate' } };
/** A bad network: on auto, the server fell back to the lowest layer (consumer score 2/10). */
export const QualityPoor: Story = { name: 'Quality: poor', args: { receive: 'poor' } };
/** The viewer chose audio only: the video is paused server-side and the tile shows initials. */
export const QualityAudioOnly: Story = { name: 'Quality: audio only', args: { receive: 'audio-only' } };
/** The quality menu open on a remote tile. */
export const QualityMenuOpen: Story = {
  name: 'Quality: menu open',
  args: { receive: 'high', width: 480 },
  decorators: [(story) => html`<div style="padding-bottom: 320px">${story()}</div>`],
  play: async ({ canvasElement }) => {
    const tile = canvasElement.querySelector('conf-tile')!;
    await tile.updateComplete;
    const menu = tile.shadowRoot!.querySelector<HTMLElement & { show(): Promise<void> }>('quality-menu')!;
    await menu.show();
  },
};

/** Restyled through CSS custom properties only. */
export const CustomStyle: Story = {
  args: {
    state: 'video-off',
    '--conf-tile-radius': '0px',
    '--conf-tile-background': '#203040',
    '--conf-avatar-background': '#b03a2e',
    '--conf-tile-aspect-ratio': '1 / 1',
    width: 240,
  },
};
