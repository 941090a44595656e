import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-chat/conf-chat.js';
import { chatSession } from './support/chat-meetings.js';

// `<conf-chat>`: the room chat on a FakeSession. Text is always rendered as text (see Eve's message).
const meta: Meta = {
  title: 'Elements/conf-chat',
  component: 'conf-chat',
};
export default meta;

export const Chat: StoryObj = {
  render: () => html`<div style="height:420px;width:360px"><conf-chat .session=${chatSession()} open style="height:100%"></conf-chat></div>`,
};

/** A meeting created without chat (`withChat: false`). */
export const ChatOff: StoryObj = {
  render: () => html`<div style="height:320px;width:360px"><conf-chat .session=${chatSession(false)} open style="height:100%"></conf-chat></div>`,
};
