/** The SQLite store, the chat stores, the join rule, the rate limiters and the token contract. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken, verifyToken } from '../../server/auth/tokens.js';
import { migrate, MIGRATIONS, openDatabase, type Db } from '../../server/db/sqlite.js';
import { checkMeetingAccess } from '../../server/meetings/access.js';
import { ChatRateLimiter, MemoryChatRepository, RoomChat } from '../../server/meetings/chat.js';
import { ApiError } from '../../server/meetings/errors.js';
import type { Meeting } from '../../server/meetings/model.js';
import { TokenBucketLimiter } from '../../server/meetings/rate-limit.js';
import type { ChatMessage } from '../../server/meetings/repository.js';
import { SqliteChatRepository, SqliteMeetingsRepository } from '../../server/meetings/sqlite-repository.js';

const meeting = (id: string, over: Partial<Meeting> = {}): Meeting => ({
  id,
  name: `m ${id}`,
  startDate: 1000,
  endDate: 2000,
  attendees: [],
  record: false,
  public: false,
  scheduled: false,
  withChat: true,
  hostId: 'host',
  createdAt: 10,
  updatedAt: 10,
  ...over,
});
const msg = (roomId: string, i: number): ChatMessage => ({ id: `${roomId}-${i}`, roomId, userId: 'u', name: 'U', text: `t${i}`, sentAt: i });

describe('meetings: sqlite store', () => {
  let dir: string;
  let db: Db;
  let repo: SqliteMeetingsRepository;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'conf-kit-meetings-'));
    db = openDatabase(dir);
    repo = new SqliteMeetingsRepository(db);
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode with synchronous=FULL and foreign keys on', () => {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  });

  it('records the migrations and does not re-run them', () => {
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    assert.deepEqual(versions, MIGRATIONS.map((m) => m.version));
    assert.deepEqual(migrate(db), []);
    assert.deepEqual(migrate(db, [...MIGRATIONS, { version: 99, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }]), [99]);
    assert.throws(() => migrate(db), /schema version 99 is newer/);
    db.exec('DROP TABLE extra; DELETE FROM schema_migrations WHERE version = 99');
  });

  it('a failing migration leaves no trace (it runs in a transaction)', () => {
    assert.throws(() => migrate(db, [...MIGRATIONS, { version: 50, name: 'bad', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM nope' }]), /no such table/);
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get() as { n: number }).n, 0);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 50').get() as { n: number }).n, 0);
  });

  it('round-trips a meeting with attendees in order', async () => {
    const m = meeting('rt', { attendees: [{ userId: 'b' }, { email: 'a@example.com' }, { userId: 'c', email: 'c@example.com' }], public: true, record: true });
    await repo.create(m);
    assert.deepEqual(await repo.get('rt'), m);
    assert.equal(await repo.get('missing'), undefined);
  });

  it('refuses a duplicate id and leaves the first row intact', async () => {
    await assert.rejects(repo.create(meeting('rt', { name: 'other' })), /UNIQUE|PRIMARY/);
    assert.equal((await repo.get('rt'))?.name, 'm rt');
  });

  it('updates atomically, replacing attendees', async () => {
    const m = (await repo.get('rt'))!;
    const updated = await repo.update('rt', { ...m, name: 'renamed', attendees: [{ userId: 'z' }] }, 99);
    assert.equal(updated?.name, 'renamed');
    assert.deepEqual(updated?.attendees, [{ userId: 'z' }]);
    assert.equal(updated?.updatedAt, 99);
    assert.equal(await repo.update('missing', m, 1), undefined);
  });

  it('lists only the participant’s meetings, filtered, in a stable order', async () => {
    await repo.create(meeting('l1', { hostId: 'ann', startDate: 30, endDate: 40 }));
    await repo.create(meeting('l2', { hostId: 'bob', attendees: [{ userId: 'ann' }], startDate: 10, endDate: 40, scheduled: true }));
    await repo.create(meeting('l0', { hostId: 'bob', attendees: [{ email: 'ann@example.com' }], startDate: 10, endDate: 40 }));
    await repo.create(meeting('l3', { hostId: 'ann', startDate: 10, endDate: 20 }));
    const all = await repo.list({ participant: 'ann', limit: 100, offset: 0 });
    assert.deepEqual(all.items.map((m) => m.id), ['l2', 'l3', 'l1']);
    assert.equal(all.total, 3);
    assert.deepEqual((await repo.list({ participant: 'ann', scheduled: true, limit: 100, offset: 0 })).items.map((m) => m.id), ['l2']);
    const ranged = await repo.list({ participant: 'ann', ranges: { startDate: { gt: 10, lt: undefined }, endDate: undefined }, limit: 100, offset: 0 });
    assert.deepEqual(ranged.items.map((m) => m.id), ['l1']);
    const page = await repo.list({ participant: 'ann', limit: 1, offset: 1 });
    assert.deepEqual([page.items.map((m) => m.id), page.total], [['l3'], 3]);
  });

  it('deletes a meeting with its attendees and chat', async () => {
    const chat = new SqliteChatRepository(db);
    await chat.append(msg('l3', 1));
    assert.equal(await repo.delete('l3'), true);
    assert.equal(await repo.delete('l3'), false);
    assert.deepEqual(await chat.recent('l3'), []);
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM meeting_attendees WHERE meeting_id = 'l3'").get() as { n: number }).n, 0);
  });

  it('the database refuses half-valid rows (end before start)', () => {
    assert.throws(() => db.prepare(`INSERT INTO meetings VALUES ('bad', 'h', 'n', 10, 5, 0, 0, 0, 0, 0, 0)`).run(), /CHECK/);
  });

  it('persisted chat keeps the last 100 messages of a meeting, oldest first', async () => {
    await repo.create(meeting('chatroom'));
    const chat = new SqliteChatRepository(db);
    for (let i = 0; i < 130; i++) await chat.append(msg('chatroom', i));
    const recent = await chat.recent('chatroom');
    assert.equal(recent.length, 100);
    assert.deepEqual([recent[0]!.text, recent[99]!.text], ['t30', 't129']);
    assert.deepEqual(recent[99], msg('chatroom', 129));
    assert.deepEqual((await chat.recent('chatroom', 2)).map((m) => m.text), ['t128', 't129']);
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE room_id = 'chatroom'").get() as { n: number }).n, 100);
  });

  it('persisted chat survives reopening the database', async () => {
    db.close();
    db = openDatabase(dir);
    repo = new SqliteMeetingsRepository(db);
    assert.equal((await new SqliteChatRepository(db).recent('chatroom')).length, 100);
    assert.equal((await repo.get('rt'))?.name, 'renamed');
  });

  it('routes meeting rooms to the database and other rooms to memory', async () => {
    const memory = new MemoryChatRepository();
    const chat = new RoomChat(async (id) => (await repo.get(id)) !== undefined, new SqliteChatRepository(db), memory);
    const posted = await chat.post('adhoc', { userId: 'u1', name: 'U1' }, '  hello ');
    assert.equal(posted.text, 'hello');
    assert.deepEqual(await memory.recent('adhoc'), [posted]);
    await chat.post('rt', { userId: 'u1', name: 'U1' }, 'in a meeting');
    assert.deepEqual((await chat.history('rt')).map((m) => m.text), ['in a meeting']);
    assert.deepEqual(await memory.recent('rt'), []);
    await assert.rejects(chat.post('adhoc', { userId: 'u1', name: 'U1' }, ' '), (e) => e instanceof ApiError && e.code === 'invalid-params');
    await chat.roomClosed('adhoc');
    await chat.roomClosed('rt');
    assert.equal(memory.roomCount, 0);
    assert.equal((await chat.history('rt')).length, 1);
  });
});

describe('chat: memory store', () => {
  it('keeps the last 100 per room and returns copies', async () => {
    const mem = new MemoryChatRepository();
    for (let i = 0; i < 105; i++) await mem.append(msg('r', i));
    await mem.append(msg('other', 0));
    const recent = await mem.recent('r');
    assert.deepEqual([recent.length, recent[0]!.text], [100, 't5']);
    recent[0]!.text = 'changed';
    assert.equal((await mem.recent('r'))[0]!.text, 't5');
    assert.equal((await mem.recent('r', 0)).length, 0);
    await mem.clear('r');
    assert.deepEqual([await mem.recent('r'), mem.roomCount], [[], 1]);
  });
});

describe('rate limits', () => {
  it('a token bucket allows a burst, refuses, then refills with time, per key', () => {
    let now = 0;
    const bucket = new TokenBucketLimiter({ burst: 3, perSecond: 2, now: () => now });
    assert.deepEqual([1, 2, 3, 4].map(() => bucket.take('a')), [true, true, true, false]);
    assert.equal(bucket.take('b'), true);
    now = 499;
    assert.equal(bucket.take('a'), false);
    now = 500;
    assert.equal(bucket.take('a'), true);
    assert.equal(bucket.take('a'), false);
  });
  it('a token bucket stays bounded in memory', () => {
    const bucket = new TokenBucketLimiter({ burst: 1, perSecond: 1, maxKeys: 10, now: () => 0 });
    for (let i = 0; i < 100; i++) bucket.take(`k${i}`);
    assert.ok(bucket.size <= 10);
  });
  it('refuses a nonsensical configuration', () => assert.throws(() => new TokenBucketLimiter({ burst: 0, perSecond: 1 }), RangeError));
  it('chat limits each sender separately with rate-limited', () => {
    const chat = new ChatRateLimiter({ burst: 2, perSecond: 1, now: () => 0 });
    chat.check('a');
    chat.check('a');
    assert.throws(() => chat.check('a'), (e) => e instanceof ApiError && e.code === 'rate-limited');
    chat.check('b');
  });
});

describe('meetings: join rule (checkMeetingAccess)', () => {
  const meetings = new Map<string, Meeting>([
    ['priv', meeting('priv', { hostId: 'host', attendees: [{ userId: 'att' }, { email: 'mail@example.com' }] })],
    ['pub', meeting('pub', { hostId: 'host', public: true })],
  ]);
  const repo = { get: async (id: string) => meetings.get(id) } as unknown as SqliteMeetingsRepository;
  const who = (userId: string, room = '*') => ({ userId, room });

  it('a room that is not a meeting is not-a-meeting', async () => assert.equal(await checkMeetingAccess(repo, 'lobby', who('x')), 'not-a-meeting'));
  it('the host and attendees (by userId) may join a private meeting', async () => {
    assert.equal(await checkMeetingAccess(repo, 'priv', who('host')), 'allowed');
    assert.equal(await checkMeetingAccess(repo, 'priv', who('att', 'priv')), 'allowed');
  });
  it('a stranger is forbidden even with room "*", and an email does not count as a userId', async () => {
    assert.equal(await checkMeetingAccess(repo, 'priv', who('stranger')), 'forbidden');
    assert.equal(await checkMeetingAccess(repo, 'priv', who('mail@example.com')), 'forbidden');
  });
  it('anyone may join a public meeting', async () => assert.equal(await checkMeetingAccess(repo, 'pub', who('guest-1', 'pub')), 'allowed'));
  it('a token scoped to another room is forbidden', async () => assert.equal(await checkMeetingAccess(repo, 'pub', who('guest-1', 'priv')), 'forbidden'));
});

describe('auth contract stand-in (server/auth/tokens.ts)', () => {
  const secret = 's'.repeat(32);
  it('round-trips claims with defaults applied', async () => {
    const id = await verifyToken(secret, await createToken(secret, { sub: 'ann', name: 'Ann' }));
    assert.deepEqual({ ...id, expiresAt: 0 }, {
      userId: 'ann',
      name: 'Ann',
      room: '*',
      grants: { publish: true, subscribe: true, record: false, admin: false, ingest: false },
      expiresAt: 0,
      guest: false,
    });
  });
  it('carries room, guest and grants', async () => {
    const id = await verifyToken(secret, await createToken(secret, { sub: 'g', room: 'r1', guest: true, grants: { publish: ['mic'] }, ttlSeconds: 60 }));
    assert.deepEqual([id.room, id.guest, id.grants.publish], ['r1', true, ['mic']]);
  });
  it('refuses missing, malformed, badly signed and over-long tokens with unauthorized', async () => {
    const good = await createToken(secret, { sub: 'ann' });
    const long = await createToken(secret, { sub: 'ann', ttlSeconds: 48 * 3600 });
    for (const [token, secretUsed] of [[undefined, secret], ['abc', secret], [good, 't'.repeat(32)], [long, secret]] as const) {
      await assert.rejects(verifyToken(secretUsed, token), (e: any) => e.code === 'unauthorized' && !e.message.includes(secret));
    }
  });
});
