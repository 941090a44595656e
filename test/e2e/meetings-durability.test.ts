/**
 * Durability: 200 concurrent creates and updates, `kill -9` of the server in the middle, a
 * restart on the same database file; every 2xx-acknowledged write is there and no row is
 * half-written (each write's name, dates and attendees encode the same tag, so a torn row shows).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { api, SECRET, spawnServer, tempDataDir, tokenFor, type MeetingsServer } from './meetings-helpers.js';

/** A body whose every field derives from `tag`, so that a mix of two writes cannot pass `consistent`. */
const bodyFor = (tag: number) => ({
  name: `w-${tag}`,
  startDate: tag,
  endDate: tag + 1000,
  attendees: Array.from({ length: 1 + (tag % 4) }, (_, i) => ({ userId: `a-${tag}-${i}`, email: `a${tag}.${i}@example.com` })),
  record: tag % 2 === 0,
  public: false,
  scheduled: tag % 3 === 0,
  withChat: true,
});
const fieldsOf = (m: Record<string, unknown>) => ({ name: m.name, startDate: m.startDate, endDate: m.endDate, attendees: m.attendees, record: m.record, public: m.public, scheduled: m.scheduled, withChat: m.withChat });
const consistent = (m: Record<string, any>) => {
  const tag = Number(String(m.name).slice(2));
  assert.deepEqual(fieldsOf(m), bodyFor(tag), `meeting ${m.id} is half-written`);
};

describe('meetings durability', () => {
  const dataDir = tempDataDir();
  let server: MeetingsServer | undefined;
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write across kill -9, with no half-written row', async () => {
    const token = await tokenFor('durable');
    server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: SECRET });
    const url = server.url;

    // 100 meetings to update, created (and acknowledged) first.
    const base: string[] = [];
    for (let i = 0; i < 100; i += 20) {
      const made = await Promise.all(Array.from({ length: 20 }, (_, j) => api(url, 'POST', '/api/meetings', token, bodyFor(i + j))));
      for (const res of made) {
        assert.equal(res.status, 201);
        base.push(res.body.id);
      }
    }

    // 200 concurrent writes: 100 creates (tags 1000+) and 100 whole-object updates (tags 2000+).
    const acked = { creates: new Map<string, unknown>(), updates: new Map<string, number>() };
    let acks = 0;
    let killed: Promise<void> | undefined;
    const victim = server;
    const onAck = () => {
      if (++acks === 60) killed = victim.kill9();
    };
    const writes = Array.from({ length: 200 }, async (_, i) => {
      const create = i % 2 === 0;
      const tag = create ? 1000 + i : 2000 + i;
      const target = base[i >> 1]!;
      try {
        const res = create ? await api(url, 'POST', '/api/meetings', token, bodyFor(tag)) : await api(url, 'PUT', `/api/meetings/${target}`, token, bodyFor(tag));
        if (res.status >= 200 && res.status < 300) {
          if (create) acked.creates.set(res.body.id, res.body);
          else acked.updates.set(target, tag);
          onAck();
        } else {
          assert.fail(`write ${i} answered ${res.status} ${JSON.stringify(res.body)}`);
        }
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        // The connection died with the server: not acknowledged, so either outcome is allowed.
      }
    });
    await Promise.all(writes);
    await (killed ?? victim.kill9());
    assert.ok(acks >= 60, `expected at least 60 acknowledged writes before the kill, got ${acks}`);
    console.log(`# durability: ${acks} of 200 writes acknowledged before kill -9 (${acked.creates.size} creates, ${acked.updates.size} updates)`);

    server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: SECRET });
    const all: Record<string, any>[] = [];
    for (let offset = 0; ; offset += 100) {
      const page: { status: number; body: { items: Record<string, any>[]; total: number } } = await api(server.url, 'GET', `/api/meetings?offset=${offset}`, token);
      assert.equal(page.status, 200);
      all.push(...page.body.items);
      if (offset + 100 >= page.body.total) break;
    }
    const byId = new Map(all.map((m) => [m.id, m]));

    for (const m of all) consistent(m);
    for (const id of base) assert.ok(byId.has(id), `base meeting ${id} lost`);
    for (const [id, created] of acked.creates) assert.deepEqual(byId.get(id), created, `acknowledged create ${id} lost or changed`);
    for (const [id, tag] of acked.updates) assert.deepEqual(fieldsOf(byId.get(id)!), bodyFor(tag), `acknowledged update of ${id} lost`);
    for (const [i, id] of base.entries()) {
      const tag = Number(String(byId.get(id)!.name).slice(2));
      assert.ok(tag === i || tag === 2000 + 2 * i + 1, `meeting ${id} holds a write it was never sent (${tag})`);
    }
    const extraCreates = all.length - base.length - acked.creates.size;
    assert.ok(extraCreates >= 0 && extraCreates <= 100 - acked.creates.size, `unexpected row count ${all.length}`);
  });
});
