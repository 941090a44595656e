import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-connection-banner/conf-connection-banner.js';
import '../components/conf-room/conf-room.js';
import type { ConfRoom } from '../components/conf-room/conf-room.js';
import type { ConfConnectionBanner } from '../components/conf-connection-banner/conf-connection-banner.js';
import { de } from '../components/i18n/locales/de.js';
import { FakeSession } from '../src/testing/index.js';
import type { ConferenceErrorCode } from '../src/state/types.js';
import { cssVars, elementArgTypes } from './support/controls.js';
import { fakeRoom } from './support/fake.js';

interface BannerArgs {
  /** The reconnect attempt shown while reconnecting (0: before the first). */
  attempt: number;
  'restored-duration': number;
  'max-attempts': number;
  width: number;
  [cssProperty: `--${string}`]: string | undefined;
}

/** A FakeSession joined to `standup`, reconnecting at `attempt` when asked. */
function bannerSession(reconnectingAt: number | null): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera' });
  session.setConnection('joined', 'standup');
  if (reconnectingAt !== null) session.reconnecting(reconnectingAt);
  return session;
}

/** The banner's session, for `play` functions that script what happens next. */
const sessionOf = async (canvas: HTMLElement): Promise<[ConfConnectionBanner, FakeSession]> => {
  const el = canvas.querySelector<ConfConnectionBanner>('conf-connection-banner')!;
  await el.updateComplete;
  return [el, el.session as FakeSession];
};

/** The session lost its connection, tried, and gave up with `code`. */
const gaveUp = (code: ConferenceErrorCode) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const [el, session] = await sessionOf(canvasElement);
  session.reconnecting(30);
  session.gaveUp(code, code === 'server-unreachable' ? 'could not reconnect to the server' : 'the token expired');
  await el.updateComplete;
};

// `<conf-connection-banner>` follows `state.connection` and `state.reconnectAttempt` of its
// session (a FakeSession here); <conf-room> shows one above its stage.
const meta: Meta<BannerArgs> = {
  title: 'Elements/conf-connection-banner',
  component: 'conf-connection-banner',
  args: { attempt: 3, 'restored-duration': 3000, 'max-attempts': 30, width: 640 },
  argTypes: {
    attempt: { control: { type: 'number', min: 0, max: 30 }, table: { category: 'fake session' } },
    width: { control: { type: 'range', min: 240, max: 960 }, table: { category: 'story' } },
    ...elementArgTypes('conf-connection-banner'),
  },
  render: (args) => html`<div style="width: ${args.width}px">
    <conf-connection-banner .session=${bannerSession(args.attempt)} restored-duration=${args['restored-duration']}
      max-attempts=${args['max-attempts']} style=${cssVars(args)}></conf-connection-banner>
  </div>`,
};
export default meta;

type Story = StoryObj<BannerArgs>;

/** The socket dropped; the first attempt has not started yet. */
export const ReconnectingFirst: Story = { name: 'Reconnecting', args: { attempt: 0 } };

/** Attempt 3 of 30 (the session's MAX_RECONNECT_ATTEMPTS). */
export const ReconnectingAttempt: Story = { name: 'Reconnecting, attempt 3 of 30' };

/** Back: "Connection restored" (for 3 s in a call; kept up here with a long `restored-duration`). */
export const Restored: Story = {
  args: { 'restored-duration': 3_600_000 },
  play: async ({ canvasElement }) => {
    const [el, session] = await sessionOf(canvasElement);
    session.reconnected();
    await el.updateComplete;
  },
};

/** Every attempt failed (`server-unreachable`): the message and a Rejoin button. */
export const GaveUp: Story = { name: 'Gave up: Rejoin', play: gaveUp('server-unreachable') };

/** A final error stopped the attempts early (here `unauthorized`): it is named under the message. */
export const GaveUpFinalError: Story = { name: 'Gave up: final error', play: gaveUp('unauthorized') };

/**
 * In a <conf-room> localized to German (`strings`, docs/i18n.md): you reconnect (attempt 7 of 30)
 * while Ada, whose connection is also lost, is dimmed and labelled on her tile.
 */
export const InRoomGerman: Story = {
  name: 'In a room, German: reconnecting, and a peer reconnecting',
  parameters: { layout: 'fullscreen' },
  render: () => {
    const session = fakeRoom({ participants: 2, roomId: 'standup' });
    session.updatePublisher('ada', { reconnecting: true });
    return html`<conf-room .session=${session} .strings=${de} lang="de" room="standup" theme="dark" style="height: 520px"></conf-room>`;
  },
  play: async ({ canvasElement }) => {
    const room = canvasElement.querySelector<ConfRoom>('conf-room')!;
    await room.updateComplete;
    (room.session as FakeSession).reconnecting(7);
    await room.updateComplete;
  },
};

/** The same room after every attempt failed: only the banner with Rejoin (no second card). */
export const InRoomGaveUp: Story = {
  name: 'In a room: gave up, Rejoin',
  parameters: { layout: 'fullscreen' },
  render: () => html`<conf-room .session=${fakeRoom({ participants: 2, roomId: 'standup' })} room="standup" theme="dark"
    style="height: 520px"></conf-room>`,
  play: async ({ canvasElement }) => {
    const room = canvasElement.querySelector<ConfRoom>('conf-room')!;
    await room.updateComplete;
    const session = room.session as FakeSession;
    session.reconnecting(30);
    session.gaveUp();
    await room.updateComplete;
  },
};

/** Restyled through CSS custom properties only. */
export const CustomStyle: Story = {
  args: {
    '--conf-connection-banner-background': '#2b1d00',
    '--conf-connection-banner-color': '#ffe9c2',
    '--conf-connection-banner-accent': '#ffb020',
  },
};
