import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/screen-share-button/screen-share-button.js';
import type { ScreenShareState } from '../components/events.js';
import { FakeSession } from '../src/testing/index.js';
import type { ConferenceErrorCode } from '../src/state/types.js';
import { cssVars, elementArgTypes } from './support/controls.js';

type Outcome = 'share' | 'denied' | 'unsupported';

interface ShareArgs {
  state: ScreenShareState;
  'error-code': ConferenceErrorCode | '';
  'with-audio': boolean;
  outcome: Outcome;
  [cssProperty: `--${string}`]: string | undefined;
}

/**
 * A joined FakeSession whose enableScreenSharing takes 800 ms and then shares, or is refused
 * (screen-share-denied), or is missing (the button then says unsupported).
 */
function shareSession(outcome: Outcome): FakeSession {
  const session = new FakeSession({
    userId: 'me',
    screenShareDelay: 800,
    screenShareError: outcome === 'denied' ? { code: 'screen-share-denied', message: 'The picker was closed' } : undefined,
  });
  session.setConnection('joined', 'design-review');
  if (outcome === 'unsupported') Object.assign(session, { enableScreenSharing: undefined });
  return session;
}

// <screen-share-button>: `state` and `error-code` are reflected attributes, settable here.
// Clicking runs the real flow against a FakeSession that shares after 800 ms, or ends as `outcome` says.
// (A line comment: the docs page shows the element's own JSDoc from the manifest.)
const meta: Meta<ShareArgs> = {
  title: 'Elements/screen-share-button',
  component: 'screen-share-button',
  args: { state: 'idle', 'error-code': '', 'with-audio': false, outcome: 'share' },
  argTypes: {
    state: { control: 'inline-radio', options: ['idle', 'starting', 'sharing', 'error'] },
    'error-code': {
      control: 'select',
      options: ['', 'unsupported', 'screen-share-denied', 'permission-denied', 'not-joined', 'media-failed'],
    },
    outcome: {
      description: 'What the FakeSession does when you click.',
      control: 'inline-radio',
      options: ['share', 'denied', 'unsupported'],
      table: { category: 'fake session' },
    },
    ...elementArgTypes('screen-share-button'),
  },
  render: (args) => {
    const session = shareSession(args.outcome);
    // Coherent with the session: a button shown as sharing belongs to a session that shares.
    if (args.state === 'sharing') session.setSelf({ screenSharing: true, screen: { video: null, audio: null, stream: null } });
    return html`<screen-share-button
    .session=${session}
    state=${args.state}
    error-code=${args['error-code']}
    ?with-audio=${args['with-audio']}
    style=${cssVars(args)}
  ></screen-share-button>`;
  },
};
export default meta;

type Story = StoryObj<ShareArgs>;

/** Click it: starting, then sharing; click again to stop. */
export const Idle: Story = {};
/** Waiting for the browser's picker. */
export const Starting: Story = { args: { state: 'starting' } };
export const Sharing: Story = { args: { state: 'sharing' } };
/** The session cannot share screens (no enableScreenSharing, or no getDisplayMedia). */
export const ErrorUnsupported: Story = {
  name: 'Error: unsupported',
  args: { state: 'error', 'error-code': 'unsupported', outcome: 'unsupported' },
};
/** The picker was refused or closed; clicking again retries. */
export const ErrorDenied: Story = {
  name: 'Error: denied',
  args: { state: 'error', 'error-code': 'screen-share-denied', outcome: 'denied' },
};
export const ErrorNotJoined: Story = { name: 'Error: not joined', args: { state: 'error', 'error-code': 'not-joined' } };
export const ErrorFailed: Story = { name: 'Error: failed', args: { state: 'error', 'error-code': 'media-failed' } };
