/** Fakes shared by the chat and meetings stories (docs/meetings.md). */
import { FakeMeetingsClient, FakeSession } from '../../src/testing/index.js';

const now = Math.floor(Date.now() / 1000);

export function chatSession(enabled = true): FakeSession {
  const s = new FakeSession({ userId: 'me', name: 'You' });
  s.setConnection('joined', 'standup');
  s.setChat(enabled, [
    { id: 'h1', roomId: 'standup', userId: 'ada', name: 'Ada Lovelace', text: 'Morning! Notes are at https://example.com/notes.', sentAt: Date.now() - 120_000 },
    { id: 'h2', roomId: 'standup', userId: 'me', name: 'You', text: 'Thanks, reading now.', sentAt: Date.now() - 60_000 },
    { id: 'h3', roomId: 'standup', userId: 'eve', name: 'Eve', text: '<img src=x onerror=alert(1)> shows as text', sentAt: Date.now() - 30_000 },
  ]);
  return s;
}

export function meetingsClient(): FakeMeetingsClient {
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

