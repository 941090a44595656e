import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-chat/conf-chat-button.js';
import { chatSession } from './support/chat-meetings.js';

// `<conf-chat-button>`: opens the chat; its badge counts unread messages.
const meta: Meta = {
  title: 'Elements/conf-chat-button',
  component: 'conf-chat-button',
};
export default meta;

export const WithUnread: StoryObj = {
  render: () => {
    const s = chatSession();
    s.receiveChatMessage({ text: 'Are you there?', userId: 'ada', name: 'Ada Lovelace' });
    s.receiveChatMessage({ text: 'Ping', userId: 'ada', name: 'Ada Lovelace' });
    return html`<conf-chat-button .session=${s}></conf-chat-button>`;
  },
};

export const AllRead: StoryObj = {
  render: () => html`<conf-chat-button .session=${chatSession()}></conf-chat-button>`,
};
