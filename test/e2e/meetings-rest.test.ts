/**
 * The meetings REST API against the real server process and a real database file in a temp
 * DATA_DIR, in secure mode (CONF_KIT_SECRET), with tokens minted by createToken.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { verifyToken } from '../../server/auth/tokens.js';
import { api, SECRET, spawnServer, tempDataDir, tokenFor, type MeetingsServer } from './meetings-helpers.js';

describe('meetings REST (secure mode)', () => {
  let server: MeetingsServer;
  let dataDir: string;
  let ann: string;
  let bob: string;
  let eve: string;
  const call = (method: string, p: string, token: string | null, body?: unknown) => api(server.url, method, p, token, body);

  before(async () => {
    dataDir = tempDataDir();
    server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: SECRET });
    [ann, bob, eve] = await Promise.all([tokenFor('ann', { name: 'Ann' }), tokenFor('bob'), tokenFor('eve')]);
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('needs a valid bearer token (401 unauthorized)', async () => {
    for (const token of [null, 'not-a-jwt', await (await import('../../server/auth/tokens.js')).createToken('x'.repeat(32), { sub: 'ann' })]) {
      const res = await call('GET', '/api/meetings', token);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthorized');
      assert.equal(typeof res.body.error.message, 'string');
    }
  });

  it('POST applies the seed defaults and makes the caller the host', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await call('POST', '/api/meetings', ann, {});
    assert.equal(res.status, 201);
    const m = res.body;
    assert.equal(res.headers.get('location'), `/api/meetings/${m.id}`);
    assert.equal(m.hostId, 'ann');
    assert.ok(m.startDate >= before && m.startDate <= before + 5);
    assert.equal(m.endDate, m.startDate + 3600);
    assert.match(m.name, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.deepEqual([m.attendees, m.record, m.public, m.scheduled, m.withChat], [[], false, false, false, false]);
    assert.equal(m.createdAt, m.updatedAt);
  });

  it('POST refuses invalid bodies with 400 invalid-params naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: '' }, /^name:/],
      [{ startDate: -1 }, /^startDate:/],
      [{ startDate: 10, endDate: 5 }, /^endDate:/],
      [{ attendees: [{}] }, /^attendees\[0\]/],
      [{ hostId: 'bob' }, /hostId/],
      ['{not json', /JSON/],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/api/meetings', ann, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid-params');
      assert.match(res.body.error.message, field);
    }
  });

  it('refuses a body over 64 KiB with 413 too-large', async () => {
    const res = await call('POST', '/api/meetings', ann, { name: 'x'.repeat(70 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'too-large');
  });

  it('answers unknown endpoints and methods with JSON errors', async () => {
    const missing = await call('GET', '/api/nothing', ann);
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'not-found']);
    const method = await call('POST', '/api/meetings/abc', ann, {});
    assert.equal(method.status, 405);
    assert.match(method.headers.get('allow') ?? '', /PATCH/);
  });

  it('GET by id: host, attendee and (when public) anyone; a stranger gets 403 on a private one; 404 when missing', async () => {
    const priv = (await call('POST', '/api/meetings', ann, { name: 'Private', attendees: [{ userId: 'bob' }, { email: 'eve@example.com' }] })).body;
    const pub = (await call('POST', '/api/meetings', ann, { name: 'Public', public: true })).body;
    assert.deepEqual((await call('GET', `/api/meetings/${priv.id}`, ann)).body, priv);
    assert.equal((await call('GET', `/api/meetings/${priv.id}`, bob)).status, 200);
    const refused = await call('GET', `/api/meetings/${priv.id}`, eve);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
    assert.equal((await call('GET', `/api/meetings/${pub.id}`, eve)).body.name, 'Public');
    const gone = await call('GET', '/api/meetings/nope', ann);
    assert.deepEqual([gone.status, gone.body.error.code], [404, 'not-found']);
  });

  it('PUT replaces the whole object, host only; a non-host gets 403 and nothing changes', async () => {
    const m = (await call('POST', '/api/meetings', ann, { name: 'Old', attendees: [{ userId: 'bob' }] })).body;
    const whole = { name: 'New', startDate: 100, endDate: 200, attendees: [{ userId: 'bob' }, { email: 'c@example.com' }], record: true, public: false, scheduled: true, withChat: true };
    const refused = await call('PUT', `/api/meetings/${m.id}`, bob, whole);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
    assert.equal((await call('GET', `/api/meetings/${m.id}`, ann)).body.name, 'Old');
    const partial = await call('PUT', `/api/meetings/${m.id}`, ann, { name: 'New' });
    assert.equal(partial.status, 400);
    const res = await call('PUT', `/api/meetings/${m.id}`, ann, whole);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { ...m, ...whole, updatedAt: res.body.updatedAt });
    assert.ok(res.body.updatedAt >= m.updatedAt);
    assert.deepEqual((await call('GET', `/api/meetings/${m.id}`, ann)).body, res.body);
    assert.equal((await call('PUT', '/api/meetings/nope', ann, whole)).status, 404);
  });

  it('PATCH changes some fields, host only, and checks the merged dates', async () => {
    const m = (await call('POST', '/api/meetings', ann, { name: 'Patch me', startDate: 1000, endDate: 2000 })).body;
    assert.equal((await call('PATCH', `/api/meetings/${m.id}`, bob, { name: 'x' })).status, 403);
    const res = await call('PATCH', `/api/meetings/${m.id}`, ann, { name: 'Patched', public: true });
    assert.deepEqual([res.status, res.body.name, res.body.public, res.body.startDate, res.body.endDate], [200, 'Patched', true, 1000, 2000]);
    const bad = await call('PATCH', `/api/meetings/${m.id}`, ann, { endDate: 999 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^endDate:/);
    assert.equal((await call('PATCH', `/api/meetings/${m.id}`, ann, {})).status, 400);
  });

  it('DELETE is host only and answers 204, then 404', async () => {
    const m = (await call('POST', '/api/meetings', ann, { name: 'Delete me', attendees: [{ userId: 'bob' }] })).body;
    const refused = await call('DELETE', `/api/meetings/${m.id}`, bob);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
    const res = await call('DELETE', `/api/meetings/${m.id}`, ann);
    assert.deepEqual([res.status, res.body], [204, undefined]);
    assert.equal((await call('GET', `/api/meetings/${m.id}`, ann)).status, 404);
    assert.equal((await call('DELETE', `/api/meetings/${m.id}`, ann)).status, 404);
  });

  it('list: only the caller’s meetings (host or attendee), with every filter', async () => {
    const [carl, dora] = await Promise.all([tokenFor('carl'), tokenFor('dora')]);
    const mk = async (token: string, body: object) => (await call('POST', '/api/meetings', token, body)).body;
    const a = await mk(carl, { name: 'a', startDate: 100, endDate: 150, scheduled: true });
    const b = await mk(carl, { name: 'b', startDate: 200, endDate: 400, attendees: [{ userId: 'dora' }] });
    const c = await mk(dora, { name: 'c', startDate: 300, endDate: 300, attendees: [{ userId: 'carl' }], scheduled: true });
    const d = await mk(dora, { name: 'd (not carl’s)', startDate: 250, endDate: 260, public: true });
    const ids = async (qs: string, token = carl) => {
      const res = await call('GET', `/api/meetings${qs}`, token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body.items as { id: string }[]).map((m) => m.id);
    };
    assert.deepEqual(await ids(''), [a.id, b.id, c.id]);
    assert.deepEqual(await ids('?scheduled=true'), [a.id, c.id]);
    assert.deepEqual(await ids('?scheduled=false'), [b.id]);
    assert.deepEqual(await ids('?startDate[gte]=200'), [b.id, c.id]);
    assert.deepEqual(await ids('?startDate[gt]=200'), [c.id]);
    assert.deepEqual(await ids('?startDate[lte]=200'), [a.id, b.id]);
    assert.deepEqual(await ids('?startDate[lt]=200'), [a.id]);
    assert.deepEqual(await ids('?startDate[gte]=150&startDate[lt]=300'), [b.id]);
    assert.deepEqual(await ids('?endDate[gte]=300'), [b.id, c.id]);
    assert.deepEqual(await ids('?endDate[lt]=300'), [a.id]);
    assert.deepEqual(await ids(`?createdAt[gte]=${a.createdAt}`), [a.id, b.id, c.id]);
    assert.deepEqual(await ids(`?createdAt[lt]=${a.createdAt}`), []);
    assert.deepEqual(await ids(`?updatedAt[lte]=${c.updatedAt + 10}&scheduled=true`), [a.id, c.id]);
    assert.deepEqual(await ids(`?updatedAt[gt]=${c.updatedAt + 10}`), []);
    assert.deepEqual(await ids('', dora), [b.id, d.id, c.id]);
    const res = await call('GET', '/api/meetings?limit=2&offset=1', carl);
    assert.deepEqual({ ...res.body, items: res.body.items.map((m: { id: string }) => m.id) }, { items: [b.id, c.id], total: 3, limit: 2, offset: 1 });
    const bad = await call('GET', '/api/meetings?limit=101', carl);
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'invalid-params']);
    assert.match(bad.body.error.message, /^limit:/);
    assert.match((await call('GET', '/api/meetings?startDate[eq]=1', carl)).body.error.message, /startDate\.eq/);
  });

  it('pages across 250 meetings in a stable order with the right total', async () => {
    const pager = await tokenFor('pager');
    for (let i = 0; i < 250; i += 25) {
      const batch = Array.from({ length: 25 }, (_, j) => call('POST', '/api/meetings', pager, { name: `p${i + j}`, startDate: (i + j) % 7, endDate: 10 }));
      for (const res of await Promise.all(batch)) assert.equal(res.status, 201);
    }
    const seen: { id: string; startDate: number }[] = [];
    for (let offset = 0; offset < 300; offset += 100) {
      const res = await call('GET', `/api/meetings?offset=${offset}`, pager);
      assert.deepEqual([res.body.total, res.body.limit, res.body.offset], [250, 100, offset]);
      assert.equal(res.body.items.length, Math.max(0, Math.min(100, 250 - offset)));
      seen.push(...res.body.items);
    }
    assert.equal(new Set(seen.map((m) => m.id)).size, 250);
    const sorted = [...seen].sort((x, y) => x.startDate - y.startDate || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    assert.deepEqual(seen.map((m) => m.id), sorted.map((m) => m.id));
    const again = await call('GET', '/api/meetings?offset=100&limit=100', pager);
    assert.deepEqual(again.body.items.map((m: { id: string }) => m.id), seen.slice(100, 200).map((m) => m.id));
  });

  it('guest tokens: a public meeting gives a 2-hour token for its room only; a private one gives 403', async () => {
    const pub = (await call('POST', '/api/meetings', ann, { name: 'Open house', public: true })).body;
    const priv = (await call('POST', '/api/meetings', ann, { name: 'Closed' })).body;
    const res = await call('POST', `/api/meetings/${pub.id}/guest`, null, { name: ' Gus ' });
    assert.equal(res.status, 200);
    const id = await verifyToken(SECRET, res.body.token);
    assert.match(id.userId, /^guest-[A-Za-z0-9_-]{8,}$/);
    assert.deepEqual([id.name, id.room, id.guest, id.grants.admin, id.grants.record, id.grants.publish, id.grants.subscribe], ['Gus', pub.id, true, false, false, true, true]);
    assert.ok(id.expiresAt - Date.now() / 1000 <= 2 * 3600 + 5 && id.expiresAt - Date.now() / 1000 > 3600);
    const second = await verifyToken(SECRET, (await call('POST', `/api/meetings/${pub.id}/guest`, null, { name: 'Gus' })).body.token);
    assert.notEqual(second.userId, id.userId);
    assert.equal((await call('POST', `/api/meetings/${pub.id}/guest`, null, { name: 'Gus', userId: 'ann' })).status, 400);
    const refused = await call('POST', `/api/meetings/${priv.id}/guest`, null, { name: 'Gus' });
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
    assert.equal((await call('POST', '/api/meetings/nope/guest', null, { name: 'Gus' })).status, 404);
    // The guest can read its meeting but not create, change or read other meetings.
    assert.equal((await call('GET', `/api/meetings/${pub.id}`, res.body.token)).status, 200);
    const other = (await call('POST', '/api/meetings', ann, { name: 'Other public', public: true })).body;
    assert.equal((await call('GET', `/api/meetings/${other.id}`, res.body.token)).status, 403);
    assert.equal((await call('POST', '/api/meetings', res.body.token, {})).status, 403);
  });

  it('dev-token does not exist in secure mode', async () => {
    const res = await call('POST', '/api/dev-token', null, { userId: 'ann' });
    assert.deepEqual([res.status, res.body.error.code], [404, 'not-found']);
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await call('GET', '/api/openapi.json', null);
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.0.3');
    assert.deepEqual(Object.keys(res.body.paths['/api/meetings/{id}']).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
    assert.equal(res.body.paths['/api/dev-token'], undefined);
    const create = res.body.components.schemas.MeetingCreate;
    assert.equal(create.properties.name.maxLength, 256);
    assert.equal(create.additionalProperties, false);
    assert.equal(res.body.components.schemas.MeetingReplace.required.length, 8);
    const params = res.body.paths['/api/meetings'].get.parameters.map((p: { name: string }) => p.name);
    for (const name of ['limit', 'offset', 'scheduled', 'startDate[gte]', 'endDate[lt]', 'createdAt[gt]', 'updatedAt[lte]']) assert.ok(params.includes(name), name);
  });

  it('keeps meetings across a restart', async () => {
    const m = (await call('POST', '/api/meetings', ann, { name: 'Survivor', attendees: [{ userId: 'bob' }] })).body;
    await server.stop();
    server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: SECRET });
    assert.deepEqual((await call('GET', `/api/meetings/${m.id}`, bob)).body, m);
  });
});

describe('meetings REST: open mode and rate limit', () => {
  it('open mode mints dev tokens that work for REST and survive a restart', async () => {
    const dataDir = tempDataDir();
    let server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: '' });
    try {
      const minted = await api(server.url, 'POST', '/api/dev-token', null, { userId: 'dev', name: 'Dev' });
      assert.equal(minted.status, 200);
      const m = await api(server.url, 'POST', '/api/meetings', minted.body.token, { name: 'Dev meeting' });
      assert.deepEqual([m.status, m.body.hostId], [201, 'dev']);
      assert.equal((await api(server.url, 'POST', '/api/dev-token', null, { name: 'x' })).status, 400);
      assert.equal((await api(server.url, 'GET', '/api/meetings', await tokenFor('dev'))).status, 401, 'the dev secret is not the e2e secret');
      assert.ok((await api(server.url, 'GET', '/api/openapi.json', null)).body.paths['/api/dev-token']);
      await server.stop();
      server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: '' });
      assert.equal((await api(server.url, 'GET', `/api/meetings/${m.body.id}`, minted.body.token)).body.name, 'Dev meeting');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 429 rate-limited past the per-IP burst', async () => {
    const dataDir = tempDataDir();
    const server = await spawnServer({ DATA_DIR: dataDir, CONF_KIT_SECRET: SECRET, API_RATE_BURST: '5', API_RATE_PER_SECOND: '0.01' });
    try {
      const token = await tokenFor('ann');
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await api(server.url, 'GET', '/api/meetings', token)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const res = await api(server.url, 'GET', '/api/meetings', token);
      assert.equal(res.body.error.code, 'rate-limited');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'only /api is limited');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
