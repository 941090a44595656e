import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-meetings/conf-meetings.js';
import { meetingsClient } from './support/chat-meetings.js';

// `<conf-meetings>`: my meetings (upcoming, past, paged), the create/edit form, Join and Copy-link,
// on a FakeMeetingsClient. Edit and delete show only on the meetings you host.
const meta: Meta = {
  title: 'Elements/conf-meetings',
  component: 'conf-meetings',
};
export default meta;

export const Meetings: StoryObj = {
  render: () => html`<conf-meetings .client=${meetingsClient()} user-id="ann" page-size="5"></conf-meetings>`,
};
