/** The meetings REST client (fetch stubbed), the chat state reducers and the FakeSession chat. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConferenceError } from '../../src/errors.js';
import { MeetingsClient, apiBase, listQueryString, tokenSubject } from '../../src/meetings/MeetingsClient.js';
import type * as ClientTypes from '../../src/meetings/types.js';
import type * as ServerModel from '../../server/meetings/model.js';
import { validateChatText } from '../../src/session/chat.js';
import { applyChatHistory, applyChatMessage, markChatRead } from '../../src/state/chat.js';
import { createInitialSnapshot } from '../../src/state/publishers.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { FakeMeetingsClient } from '../../src/testing/fake-meetings.js';

// Compile time: the browser's types equal the server's zod-inferred ones.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T => true as T;
export const typesMatch = [
  same<Same<ClientTypes.Meeting, ServerModel.Meeting>>(),
  same<Same<ClientTypes.MeetingFields, ServerModel.MeetingFields>>(),
  same<Same<ClientTypes.MeetingList, ServerModel.MeetingList>>(),
];

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function stub(status: number, body: unknown) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, method: init.method!, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(init.body as string) : undefined });
    return new Response(status === 204 ? null : typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

const meeting: ClientTypes.Meeting = {
  id: 'm1', name: 'Sync', startDate: 10, endDate: 20, attendees: [], record: false, public: true,
  scheduled: false, withChat: true, hostId: 'ann', createdAt: 1, updatedAt: 1,
};

describe('MeetingsClient', () => {
  it('sends each method to its path with the bearer token and JSON body', async () => {
    const { fetch, seen } = stub(200, meeting);
    const client = new MeetingsClient({ url: 'wss://meet.example.com/ws?x=1', token: async () => 'T1', fetch });
    assert.deepEqual(await client.create({ name: 'Sync' }), meeting);
    await client.get('m 1');
    await client.update('m1', { ...meeting });
    await client.patch('m1', { public: false });
    assert.deepEqual(
      seen.map((s) => [s.method, s.url]),
      [
        ['POST', 'https://meet.example.com/api/meetings'],
        ['GET', 'https://meet.example.com/api/meetings/m%201'],
        ['PUT', 'https://meet.example.com/api/meetings/m1'],
        ['PATCH', 'https://meet.example.com/api/meetings/m1'],
      ],
    );
    assert.ok(seen.every((s) => s.headers.authorization === 'Bearer T1'));
    assert.deepEqual(seen[0]!.body, { name: 'Sync' });
    assert.deepEqual(seen[3]!.body, { public: false });
    assert.equal(seen[1]!.headers['content-type'], undefined);
  });

  it('list builds the bracketed filter query; delete resolves on 204', async () => {
    assert.equal(listQueryString({ limit: 20, offset: 40, scheduled: true, startDate: { gte: 5, lt: 9 } }), '?limit=20&offset=40&scheduled=true&startDate%5Bgte%5D=5&startDate%5Blt%5D=9');
    assert.equal(listQueryString({}), '');
    const { fetch, seen } = stub(204, null);
    const client = new MeetingsClient({ url: 'http://h:1', token: 'T', fetch });
    assert.equal(await client.delete('m1'), undefined);
    assert.equal(seen[0]!.method, 'DELETE');
  });

  for (const [status, code] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found'], [400, 'invalid-params'], [413, 'too-large'], [429, 'rate-limited']] as const) {
    it(`a ${status} {error:{code:'${code}'}} is a ConferenceError with that code and message`, async () => {
      const { fetch } = stub(status, { error: { code, message: `endDate: must be >= startDate (${code})` } });
      const client = new MeetingsClient({ url: 'http://h', token: 'T', fetch });
      await assert.rejects(client.get('m1'), (e: unknown) => e instanceof ConferenceError && e.code === code && e.message.endsWith(`(${code})`));
    });
  }

  it('unknown codes and non-JSON errors are internal; a failing fetch is server-unreachable', async () => {
    const odd = new MeetingsClient({ url: 'http://h', fetch: stub(500, { error: { code: 'weird', message: 'x' } }).fetch });
    await assert.rejects(odd.list(), (e: unknown) => e instanceof ConferenceError && e.code === 'internal');
    const html = new MeetingsClient({ url: 'http://h', fetch: stub(502, '<html>bad gateway</html>').fetch });
    await assert.rejects(html.list(), (e: unknown) => e instanceof ConferenceError && e.code === 'internal' && /502/.test(e.message));
    const down = new MeetingsClient({ url: 'http://h', fetch: (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch });
    await assert.rejects(down.list(), (e: unknown) => e instanceof ConferenceError && e.code === 'server-unreachable');
  });

  it('guest and dev tokens send no Authorization', async () => {
    const { fetch, seen } = stub(200, { token: 'G' });
    const client = new MeetingsClient({ url: 'http://h', token: 'T', fetch });
    assert.equal(await client.guestToken('m1', 'Gus'), 'G');
    assert.equal(await client.devToken('ann', 'Ann'), 'G');
    assert.deepEqual(seen.map((s) => [s.url, s.headers.authorization, s.body]), [
      ['http://h/api/meetings/m1/guest', undefined, { name: 'Gus' }],
      ['http://h/api/dev-token', undefined, { userId: 'ann', name: 'Ann' }],
    ]);
  });

  it('bad input is invalid-params before any request', async () => {
    assert.throws(() => apiBase('not a url'), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    assert.throws(() => apiBase('ftp://h'), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    const { fetch, seen } = stub(200, meeting);
    await assert.rejects(new MeetingsClient({ url: 'http://h', fetch }).get(''), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    assert.equal(seen.length, 0);
  });

  it('tokenSubject reads the sub of a JWT, undefined for garbage', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'guest-ab12' })).toString('base64url');
    assert.equal(tokenSubject(`x.${payload}.y`), 'guest-ab12');
    assert.equal(tokenSubject('nope'), undefined);
    assert.equal(tokenSubject('a.%%%.b'), undefined);
  });
});

describe('chat state', () => {
  const msg = (id: string, sentAt: number, userId = 'bob') => ({ id, roomId: 'r', userId, name: userId, text: id, sentAt });
  const base = () => createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });

  it('counts others\u2019 messages as unread, never own ones or duplicates; markChatRead clears', () => {
    let s = applyChatMessage(base(), msg('a', 1), false);
    s = applyChatMessage(s, msg('b', 2, 'me'), true);
    const same = applyChatMessage(s, msg('a', 1), false);
    assert.equal(same, s);
    assert.equal(s.chat.unread, 1);
    assert.deepEqual(s.chat.messages.map((m) => m.id), ['a', 'b']);
    assert.equal(markChatRead(s).chat.unread, 0);
    const read = markChatRead(s);
    assert.equal(markChatRead(read), read);
  });

  it('join history merges by id in sentAt order and sets enabled; no info leaves state alone', () => {
    let s = applyChatMessage(base(), msg('c', 3), false);
    s = applyChatHistory(s, { enabled: false, history: [msg('a', 1), msg('c', 3)] });
    assert.deepEqual(s.chat.messages.map((m) => m.id), ['a', 'c']);
    assert.equal(s.chat.enabled, false);
    assert.equal(s.chat.unread, 1);
    assert.equal(applyChatHistory(s, undefined), s);
  });

  it('validateChatText trims and bounds 1..4000 characters', () => {
    assert.equal(validateChatText('  hi '), 'hi');
    assert.equal(validateChatText('😀'.repeat(4000)).length, 8000);
    for (const bad of ['', '   ', 'x'.repeat(4001), 42]) {
      assert.throws(() => validateChatText(bad), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    }
  });
});

describe('FakeSession chat and FakeMeetingsClient', () => {
  it('sends only when joined, with chat on; others\u2019 messages raise unread and events', async () => {
    const s = new FakeSession({ userId: 'me' });
    await assert.rejects(s.sendChatMessage('hi'), (e: unknown) => e instanceof ConferenceError && e.code === 'not-joined');
    await s.join('r');
    const events: boolean[] = [];
    s.on('chatmessage', ({ own }) => events.push(own));
    const sent = await s.sendChatMessage('  hi ');
    assert.equal(sent.text, 'hi');
    s.receiveChatMessage({ text: 'yo' });
    assert.deepEqual(events, [true, false]);
    assert.equal(s.snapshot.chat.unread, 1);
    s.markChatRead();
    assert.equal(s.snapshot.chat.unread, 0);
    s.setChat(false);
    await assert.rejects(s.sendChatMessage('x'), (e: unknown) => e instanceof ConferenceError && e.code === 'forbidden');
    await assert.rejects(s.sendChatMessage(''), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
  });

  it('the fake meetings client enforces host-only writes and lists only mine, paged', async () => {
    const c = new FakeMeetingsClient({ userId: 'ann' });
    for (let i = 0; i < 5; i++) await c.create({ name: `m${i}`, startDate: 100 + i, endDate: 200 });
    const page = await c.list({ limit: 2, offset: 2 });
    assert.deepEqual([page.total, page.items.map((m) => m.name)], [5, ['m2', 'm3']]);
    const id = page.items[0]!.id;
    c.userId = 'bob';
    assert.equal((await c.list()).total, 0);
    await assert.rejects(c.delete(id), (e: unknown) => e instanceof ConferenceError && e.code === 'forbidden');
    await assert.rejects(c.get(id), (e: unknown) => e instanceof ConferenceError && e.code === 'forbidden');
    c.userId = 'ann';
    await assert.rejects(c.patch(id, { endDate: 1 }), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    await c.delete(id);
    await assert.rejects(c.get(id), (e: unknown) => e instanceof ConferenceError && e.code === 'not-found');
  });
});
