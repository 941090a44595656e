/** The chat side of the signalling layer: join info, sendChatMessage rules, typed errors, room close. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatRateLimiter, MemoryChatRepository, RoomChat } from '../../server/meetings/chat.js';
import type { Meeting } from '../../server/meetings/model.js';
import type { MeetingsRepository } from '../../server/meetings/repository.js';
import { chatSocketApi } from '../../server/meetings/socket.js';
import { ProtocolError } from '../../server/protocol-schema.js';

const meeting = (id: string, withChat: boolean) => ({ id, withChat }) as unknown as Meeting;

function setup(meetings: Record<string, Meeting> = {}) {
  const repo = { get: async (id: string) => meetings[id] } as unknown as MeetingsRepository;
  const persistent = new MemoryChatRepository();
  const memory = new MemoryChatRepository();
  const chat = new RoomChat(async (id) => id in meetings, persistent, memory);
  let now = 0;
  const limiter = new ChatRateLimiter({ burst: 3, perSecond: 1, now: () => now });
  return { api: chatSocketApi({ meetings: repo, chat, limiter }), persistent, memory, tick: (ms: number) => (now += ms) };
}

const ann = { userId: 'ann', name: 'Ann' };
const rejects = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof ProtocolError && e.code === code);

describe('chatSocketApi', () => {
  it('a room that is not a meeting has chat on, kept in memory, with history for a late joiner', async () => {
    const { api, memory, persistent } = setup();
    const m = await api.send('r1', ann, '  hello  ');
    assert.equal(m.text, 'hello');
    assert.equal(m.userId, 'ann');
    assert.deepEqual((await api.joinInfo('r1')).history.map((x) => x.text), ['hello']);
    assert.equal(memory.roomCount, 1);
    assert.equal(persistent.roomCount, 0);
  });

  it('roomClosed drops an in-memory room chat', async () => {
    const { api } = setup();
    await api.send('r1', ann, 'x');
    await api.roomClosed('r1');
    assert.deepEqual(await api.joinInfo('r1'), { enabled: true, history: [] });
  });

  it('a meeting with withChat persists; without it chat is off and sending is forbidden', async () => {
    const { api, persistent } = setup({ m1: meeting('m1', true), m2: meeting('m2', false) });
    await api.send('m1', ann, 'kept');
    await api.roomClosed('m1');
    assert.deepEqual((await api.joinInfo('m1')).history.map((x) => x.text), ['kept']);
    assert.equal(persistent.roomCount, 1);
    assert.deepEqual(await api.joinInfo('m2'), { enabled: false, history: [] });
    await rejects(api.send('m2', ann, 'no'), 'forbidden');
  });

  it('empty, blank and over-4000-character texts are invalid-params', async () => {
    const { api } = setup();
    await rejects(api.send('r', ann, ''), 'invalid-params');
    await rejects(api.send('r', { userId: 'b', name: 'B' }, '   '), 'invalid-params');
    await rejects(api.send('r', { userId: 'c', name: 'C' }, 'x'.repeat(4001)), 'invalid-params');
    assert.equal((await api.send('r', { userId: 'd', name: 'D' }, 'x'.repeat(4000))).text.length, 4000);
  });

  it('rate-limits per sender, not per room', async () => {
    const { api, tick } = setup();
    for (let i = 0; i < 3; i++) await api.send('r', ann, `m${i}`);
    await rejects(api.send('r', ann, 'too fast'), 'rate-limited');
    await api.send('r', { userId: 'bob', name: 'Bob' }, 'bob is fine');
    tick(1000);
    await api.send('r', ann, 'after a second');
  });

  it('keeps HTML as plain text (the client renders it as text)', async () => {
    const { api } = setup();
    const text = '<img src=x onerror=alert(1)>';
    assert.equal((await api.send('r', ann, text)).text, text);
  });
});
