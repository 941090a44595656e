import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-room/conf-room.js';
import { de } from '../components/i18n/locales/de.js';
import type { PartialConfStrings } from '../components/i18n/strings.js';
import type { ConferenceErrorCode, ConnectionState } from '../src/state/types.js';
import { fakeRoom } from './support/fake.js';

interface I18nArgs {
  locale: 'de' | 'en';
  connection: ConnectionState;
  participants: number;
  error: ConferenceErrorCode | '';
}

const locales: Record<I18nArgs['locale'], PartialConfStrings | undefined> = { de, en: undefined };

// `<conf-room>` localized through its `strings` property (docs/i18n.md): the room and every
// element inside it (controls, pickers, tiles, quality menus, error cards) render the German
// `de` locale from `conf-kit/i18n/de`. The property only affects this room: the stories never
// call the page-wide `setStrings()`, so other stories stay in English. `lang="de"` tells screen
// readers which language to speak.
const meta: Meta<I18nArgs> = {
  title: 'Guides/i18n',
  component: 'conf-room',
  parameters: { layout: 'fullscreen' },
  args: { locale: 'de', connection: 'joined', participants: 3, error: '' },
  argTypes: {
    locale: { description: 'The `strings` assigned to the room.', control: 'inline-radio', options: ['de', 'en'] },
    connection: { control: 'select', options: ['idle', 'connecting', 'joined', 'reconnecting', 'closed'] },
    participants: { control: { type: 'range', min: 0, max: 11, step: 1 } },
    error: { control: 'select', options: ['', 'permission-denied', 'room-full', 'server-unreachable', 'protocol-mismatch', 'media-failed'] },
  },
  render: (args) => {
    const session = fakeRoom({
      connection: args.connection,
      participants: args.participants,
      mixed: true,
      speaker: 'ada',
      error: args.error,
      roomId: 'design-review',
    });
    return html`<conf-room
      .session=${session}
      .strings=${locales[args.locale]}
      lang=${args.locale}
      room="design-review"
      theme="dark"
      style="height: 560px"
    ></conf-room>`;
  },
};
export default meta;

type Story = StoryObj<I18nArgs>;

/** A call in German: controls, device pickers, tiles and quality menus. */
export const German: Story = { name: 'German: in the call' };

/** A fatal error explained in German. */
export const GermanError: Story = { name: 'German: room full', args: { connection: 'closed', error: 'room-full' } };

/** An error during the call, as a German toast. */
export const GermanToast: Story = { name: 'German: error while joined', args: { error: 'media-failed' } };

/** Before joining: the German join overlay. */
export const GermanIdle: Story = { name: 'German: ready to join', args: { connection: 'idle' } };
