import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-chat/conf-chat.js';
import '../components/conf-chat/conf-chat-button.js';
import '../components/conf-meetings/conf-meetings.js';
import { FakeMeetingsClient, FakeSession } from '../src/testing/index.js';

const now = Math.floor(Date.now() / 1000);

function chatSession(enabled = true): FakeSession {
  const s = new FakeSession({ userId: 'me', name: 'You' });
  s.setConnection('joined', 'standup');
  s.setChat(enabled, [
    { id: 'h1', roomId: 'standup', userId: 'ada', name: 'Ada Lovelace', text: 'Morning! Notes are at https://example.com/notes.', sentAt: Date.now() - 120_000 },
    { id: 'h2', roomId: 'standup', userId: 'me', name: 'You', text: 'Thanks, reading now.', sentAt: Date.now() - 60_000 },
    { id: 'h3', roomId: 'standup', userId: 'eve', name: 'Eve', text: '<img src=x onerror=alert(1)> shows as text', sentAt: Date.now() - 30_000 },
  ]);
  return s;
}

function meetingsClient(): FakeMeetingsClient {
  const c = new FakeMeetingsClient({
    userId: 'ann',
    meetings: [
      { id: 'm-1', name: 'Weekly sync', startDate: now + 3600, endDate: now + 7200, attendees: [{ userId: 'bob' }], record: false, public: false, scheduled: true, withChat: true, hostId: 'ann', createdAt: now, updatedAt: now },
      { id: 'm-2', name: 'Design review', startDate: now + 86_400, endDate: now + 90_000, attendees: [{ userId: 'ann' }], record: true, public: true, scheduled: true, withChat: true, hostId: 'bob', createdAt: now, updatedAt: now },
      { id: 'm-3', name: 'Retro', startDate: now - 90_000, endDate: now - 86_400, attendees: [], record: false, public: true, scheduled: true, withChat: false, hostId: 'ann', createdAt: now, updatedAt: now },
    ],
  });
  return c;
}

// Chat and meetings (docs/meetings.md) on fakes: FakeSession's chat and FakeMeetingsClient.
const meta: Meta = {
  title: 'Meetings/Chat and meetings',
  component: 'conf-chat',
};
export default meta;

export const Chat: StoryObj = {
  render: () => html`<div style="height:420px;width:360px"><conf-chat .session=${chatSession()} open style="height:100%"></conf-chat></div>`,
};

export const ChatOff: StoryObj = {
  render: () => html`<div style="height:320px;width:360px"><conf-chat .session=${chatSession(false)} open style="height:100%"></conf-chat></div>`,
};

export const ChatButtonWithUnread: StoryObj = {
  render: () => {
    const s = chatSession();
    s.receiveChatMessage({ text: 'Are you there?', userId: 'ada', name: 'Ada Lovelace' });
    s.receiveChatMessage({ text: 'Ping', userId: 'ada', name: 'Ada Lovelace' });
    return html`<conf-chat-button .session=${s}></conf-chat-button>`;
  },
};

export const Meetings: StoryObj = {
  render: () => html`<conf-meetings .client=${meetingsClient()} user-id="ann" page-size="5"></conf-meetings>`,
};
