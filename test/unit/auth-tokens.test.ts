/** Join tokens: createToken/verifyToken against jose, every refusal typed and free of secrets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { ProtocolError } from '../../server/protocol-schema.js';
import {
  CLOCK_SKEW_SECONDS,
  canPublish,
  createToken,
  normaliseGrants,
  parseDuration,
  roomAllowed,
  verifyToken,
} from '../../server/auth/tokens.js';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const OTHER = 'another-secret-0123456789-abcdefghijklm';
const now = () => Math.floor(Date.now() / 1000);

/** Signs arbitrary claims (for cases createToken refuses to make). */
function sign(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

async function refused(token: string | undefined, pattern: RegExp, options?: { maxTtlSeconds?: number }): Promise<void> {
  await assert.rejects(verifyToken(SECRET, token, options), (error: unknown) => {
    assert.ok(error instanceof ProtocolError, 'a ProtocolError');
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes(SECRET), 'no secret in the message');
    if (token) assert.ok(!error.message.includes(token), 'no token in the message');
    return true;
  });
}

describe('auth: verifyToken', () => {
  it('accepts a token from createToken and applies the defaults', async () => {
    const token = await createToken(SECRET, { sub: 'ada', name: 'Ada', room: 'standup' });
    const identity = await verifyToken(SECRET, token);
    assert.deepEqual(
      { ...identity, expiresAt: undefined },
      {
        userId: 'ada',
        name: 'Ada',
        room: 'standup',
        grants: { publish: true, subscribe: true, record: false, admin: false, ingest: false },
        expiresAt: undefined,
        guest: false,
      },
    );
    assert.ok(Math.abs(identity.expiresAt - (now() + 3600)) <= 2);
  });

  it('a token without room means any room; guest and grants pass through', async () => {
    const token = await createToken(SECRET, { sub: 'g1', guest: true, grants: { publish: ['mic'], admin: true }, ttlSeconds: 60 });
    const identity = await verifyToken(SECRET, token);
    assert.equal(identity.room, '*');
    assert.equal(identity.guest, true);
    assert.deepEqual(identity.grants.publish, ['mic']);
    assert.equal(identity.grants.admin, true);
    assert.equal(identity.name, undefined);
  });

  it('refuses a missing token', async () => {
    await refused(undefined, /token is required/);
    await refused('', /token is required/);
  });

  it('refuses malformed tokens', async () => {
    await refused('not-a-jwt', /malformed/);
    await refused('a.b.c', /malformed/);
    await refused('x'.repeat(5000), /malformed/);
  });

  it('refuses a token signed with another secret', async () => {
    await refused(await createToken(OTHER, { sub: 'ada' }), /signature is invalid/);
  });

  it('refuses another algorithm', async () => {
    await refused(await sign({ sub: 'ada', exp: now() + 60 }, SECRET, 'HS512'), /HS256/);
  });

  it('refuses an expired token, beyond the clock skew only', async () => {
    await refused(await sign({ sub: 'ada', iat: now() - 120, exp: now() - CLOCK_SKEW_SECONDS - 5 }), /expired/);
    const withinSkew = await sign({ sub: 'ada', iat: now() - 120, exp: now() - 3 });
    assert.equal((await verifyToken(SECRET, withinSkew)).userId, 'ada');
  });

  it('refuses a token whose nbf is in the future, beyond the clock skew only', async () => {
    await refused(await sign({ sub: 'ada', nbf: now() + 120, exp: now() + 600 }), /not valid yet/);
    const withinSkew = await sign({ sub: 'ada', nbf: now() + 3, exp: now() + 600 });
    assert.equal((await verifyToken(SECRET, withinSkew)).userId, 'ada');
  });

  it('refuses a TTL above the maximum', async () => {
    await refused(await sign({ sub: 'ada', iat: now(), exp: now() + 25 * 3600 }), /longer than this server allows/);
    await refused(await sign({ sub: 'ada', exp: now() + 25 * 3600 }), /longer/); // no iat: counted from now
    await refused(await createToken(SECRET, { sub: 'ada', ttlSeconds: 7200 }), /max 3600/, { maxTtlSeconds: 3600 });
    const ok = await createToken(SECRET, { sub: 'ada', ttlSeconds: 23 * 3600 });
    assert.equal((await verifyToken(SECRET, ok)).userId, 'ada');
  });

  it('refuses tokens without exp or sub, and with bad claims', async () => {
    await refused(await sign({ sub: 'ada' }), /exp/);
    await refused(await sign({ exp: now() + 60 }), /sub/);
    await refused(await sign({ sub: 'ada', exp: now() + 60, grants: { publish: ['webcam'] } }), /claims are invalid \(grants/);
    await refused(await sign({ sub: 'ada', exp: now() + 60, room: 7 }), /claims are invalid \(room/);
  });
});

describe('auth: createToken', () => {
  it('refuses a short secret, an empty sub and a bad ttl', async () => {
    await assert.rejects(createToken('short', { sub: 'ada' }), /at least 32 characters/);
    await assert.rejects(createToken(SECRET, { sub: '' }), /invalid claims: sub/);
    await assert.rejects(createToken(SECRET, { sub: 'ada', ttlSeconds: 0 }), /ttlSeconds/);
  });
});

describe('auth: grants', () => {
  it('applies defaults and normalises publish lists', () => {
    assert.deepEqual(normaliseGrants(undefined), { publish: true, subscribe: true, record: false, admin: false, ingest: false });
    assert.deepEqual(normaliseGrants({ publish: ['screen', 'mic', 'mic'] }).publish, ['mic', 'screen']);
    assert.equal(normaliseGrants({ publish: false, subscribe: false }).subscribe, false);
    assert.throws(() => normaliseGrants({ publish: ['webcam' as never] }));
  });

  it('canPublish follows the grant', () => {
    const listener = normaliseGrants({ publish: false });
    const attendee = normaliseGrants({ publish: ['mic'] });
    const everyone = normaliseGrants({});
    assert.equal(canPublish(listener, 'mic'), false);
    assert.equal(canPublish(attendee, 'mic'), true);
    assert.equal(canPublish(attendee, 'screen'), false);
    assert.equal(canPublish(everyone, 'screen-audio'), true);
  });

  it('roomAllowed: one room or *', () => {
    assert.equal(roomAllowed({ room: '*' }, 'x'), true);
    assert.equal(roomAllowed({ room: 'x' }, 'x'), true);
    assert.equal(roomAllowed({ room: 'x' }, 'y'), false);
  });
});

describe('auth: parseDuration', () => {
  it('parses seconds and units, refuses the rest', () => {
    assert.equal(parseDuration('3600'), 3600);
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('30m'), 1800);
    assert.equal(parseDuration('2h'), 7200);
    assert.equal(parseDuration('1d'), 86400);
    assert.equal(parseDuration('1.5h'), 5400);
    for (const bad of ['', '0', '-1', '2x', 'h', '1 h 2']) assert.equal(parseDuration(bad), null, bad);
  });
});
