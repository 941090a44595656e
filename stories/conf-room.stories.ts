import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/conf-room/conf-room.js';
import type { ConferenceErrorCode, ConnectionState } from '../src/state/types.js';
import { elementArgTypes, cssVars } from './support/controls.js';
import { errorCodes, fakeRoom } from './support/fake.js';

interface RoomArgs {
  connection: ConnectionState;
  participants: number;
  mixed: boolean;
  selfMuted: boolean;
  selfVideo: boolean;
  'call-type': 'video' | 'audio';
  speaker: string;
  error: ConferenceErrorCode | '';
  presenter: string;
  prejoin: boolean;
  theme: 'light' | 'dark' | undefined;
  room: string;
  height: number;
  [cssProperty: `--${string}`]: string | undefined;
}

// `<conf-room>` on a FakeSession: the story args build the session's state (connection,
// participants, mute flags, error), and the attributes and CSS custom properties are live controls.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<RoomArgs> = {
  title: 'Elements/conf-room',
  component: 'conf-room',
  parameters: { layout: 'fullscreen' },
  args: {
    connection: 'joined',
    participants: 3,
    mixed: false,
    selfMuted: false,
    selfVideo: true,
    'call-type': 'video',
    speaker: '',
    error: '',
    presenter: '',
    prejoin: false,
    theme: 'dark',
    room: 'design-review',
    height: 560,
  },
  argTypes: {
    connection: {
      description: 'FakeSession connection state.',
      control: 'select',
      options: ['idle', 'connecting', 'joined', 'reconnecting', 'closed'],
      table: { category: 'fake session' },
    },
    participants: {
      description: 'Remote participants (the grid shows them plus you).',
      control: { type: 'range', min: 0, max: 11, step: 1 },
      table: { category: 'fake session' },
    },
    mixed: { description: 'Mute some, turn some cameras off.', table: { category: 'fake session' } },
    selfMuted: { description: 'Your microphone is muted.', table: { category: 'fake session' } },
    selfVideo: { description: 'Your camera is on.', table: { category: 'fake session' } },
    speaker: {
      description: 'The active speaker (a userId: me, ada, grace, alan, ...).',
      control: 'text',
      table: { category: 'fake session' },
    },
    error: {
      description: 'An error in the session state.',
      control: 'select',
      options: ['', ...errorCodes, 'timeout', 'replaced', 'room-closed', 'media-failed', 'no-device'],
      table: { category: 'fake session' },
    },
    presenter: {
      description: "Who shares a screen: 'me' or a participant (ada, grace, ...).",
      control: 'text',
      table: { category: 'fake session' },
    },
    height: { description: 'Height of the room, px.', control: { type: 'range', min: 240, max: 900 }, table: { category: 'story' } },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    'call-type': { control: 'inline-radio', options: ['video', 'audio'] },
    // server, user-id, name and auto-join only matter when the room creates its own session (Live story).
    ...elementArgTypes('conf-room', {
      server: { control: false },
      'user-id': { control: false },
      name: { control: false },
      'auto-join': { control: false },
    }),
  },
  render: (args) => {
    const session = fakeRoom({
      connection: args.connection,
      participants: args.participants,
      mixed: args.mixed,
      selfMuted: args.selfMuted,
      selfVideo: args.selfVideo,
      callType: args['call-type'],
      speaker: args.speaker || undefined,
      error: args.error,
      roomId: args.room,
      presenter: args.presenter,
    });
    return html`<conf-room
      .session=${session}
      room=${args.room}
      call-type=${args['call-type']}
      ?prejoin=${args.prejoin}
      theme=${ifDefined(args.theme)}
      style="height: ${args.height}px; ${cssVars(args)}"
    ></conf-room>`;
  },
};
export default meta;

type Story = StoryObj<RoomArgs>;

/** No session has joined yet: the room offers to join. */
export const Idle: Story = { args: { connection: 'idle' } };

export const Connecting: Story = { args: { connection: 'connecting' } };

/** Alone in the room: just your own tile. */
export const JoinedAlone: Story = { name: 'Joined, 1 tile', args: { participants: 0 } };
export const Joined2: Story = { name: 'Joined, 2 tiles', args: { participants: 1 } };
export const Joined6: Story = { name: 'Joined, 6 tiles', args: { participants: 5, mixed: true, speaker: 'ada' } };
/** The largest room: 12 tiles in a 4-column grid (2 columns, scrolling, when narrow). */
export const Joined12: Story = { name: 'Joined, 12 tiles', args: { participants: 11, mixed: true, speaker: 'alan' } };

export const SelfMutedCameraOff: Story = {
  name: 'Joined, you muted with camera off',
  args: { participants: 2, selfMuted: true, selfVideo: false },
};

/** An audio-only call: initials instead of video, no camera button. */
export const AudioCall: Story = { name: 'Joined, audio-only call', args: { participants: 3, 'call-type': 'audio' } };

export const LightTheme: Story = { name: 'Joined, light theme', args: { participants: 5, mixed: true, theme: 'light' } };

/** Someone shares a screen: it takes the stage, the camera tiles move to a strip. */
export const Presenting: Story = { name: 'Joined, someone presenting', args: { participants: 4, presenter: 'ada' } };
/** You share your screen: your own screen tile is shown too (muted). */
export const SelfPresenting: Story = { name: 'Joined, you presenting', args: { participants: 2, presenter: 'me' } };

/**
 * Before joining, with `prejoin`: camera preview, devices and name, then Join. The preview uses
 * your real camera and microphone (the browser asks for permission).
 */
export const Prejoin: Story = { name: 'Pre-join', args: { connection: 'idle', prejoin: true, height: 780 } };

/** The media connection dropped; the session is reconnecting (tiles stay, controls stay usable). */
export const Reconnecting: Story = { args: { connection: 'reconnecting', participants: 3 } };

/** After leaving: the room offers to rejoin. */
export const Closed: Story = { args: { connection: 'closed' } };

const fatal = (error: ConferenceErrorCode): Story => ({ args: { connection: 'closed', error } });

/** The browser refused the camera/microphone. */
export const ErrorPermissionDenied: Story = { name: 'Error: permission denied', ...fatal('permission-denied') };
/** The server refused the join: the room is at its participant limit. */
export const ErrorRoomFull: Story = { name: 'Error: room full', ...fatal('room-full') };
/** The WebSocket could not connect. */
export const ErrorServerUnreachable: Story = { name: 'Error: server unreachable', ...fatal('server-unreachable') };
/** The server speaks another protocol version: the page must reload. */
export const ErrorProtocolMismatch: Story = { name: 'Error: protocol mismatch', ...fatal('protocol-mismatch') };

/** An error while in the call (here: the camera failed) is a dismissible toast, not a full overlay. */
export const ErrorWhileJoined: Story = {
  name: 'Error while joined (toast)',
  args: { connection: 'joined', participants: 2, error: 'media-failed' },
};
