/**
 * Access control end to end (docs/auth.md): a real server in secure mode (CONF_KIT_SECRET,
 * ALLOWED_ORIGINS), real Chromium. Pages are shared between the cases to keep CI time down:
 * Ada (admin, demo/session.html) and Bob (the demo, conf-room) are in one call; Lee is a
 * listener whose token function mints 20 s tokens, so it must refresh during the test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SignJWT } from 'jose';
import { createToken } from '../../server/auth/tokens.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { closePages, eventually, freePort, launchBrowser, openPage, sessionFramesOf, startServer, uniqueRoom, type RunningServer } from './harness.js';

const SECRET = 'e2e-secret-0123456789-abcdefghijklmnop';
const ROOM = uniqueRoom('auth');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: RunningServer;
let browser: Browser;
let ada: Page;
let bob: Page;
let lee: Page;
let leeMints = 0;
const token = (sub: string, grants: Record<string, unknown> = {}, room = ROOM, ttlSeconds = 600) =>
  createToken(SECRET, { sub, name: sub.toUpperCase(), room, grants, ttlSeconds });

/** The state of the session on a demo/session.html page. */
const stateOf = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify({ ...window.session!.state.getSnapshot(), devices: null })));
/** The state of the <conf-room>'s session on a demo page. */
const roomStateOf = (page: Page) =>
  page.evaluate(() => {
    const s = (document.querySelector('conf-room') as any)?.session?.state.getSnapshot();
    return s ? JSON.parse(JSON.stringify({ ...s, self: { ...s.self, stream: null }, publishers: Object.keys(s.publishers), devices: null })) : null;
  });
const errorCardOf = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('conf-room')?.shadowRoot?.querySelector<HTMLElement>('[part~="error"]');
    return card ? { code: card.dataset.code, title: card.querySelector('h2')?.textContent } : null;
  });

async function framesGrow(page: Page, userId: string, message: string): Promise<void> {
  const start = await sessionFramesOf(page, userId);
  await eventually(async () => (await sessionFramesOf(page, userId)) > Math.max(start, 0) + 5, message);
}

async function rawJoin(tokenValue: string | undefined, userId?: string, roomId = ROOM) {
  const client = await SignalingTestClient.connect(server.url);
  const response = await client.request('join', {
    protocolVersion: PROTOCOL_VERSION,
    roomId,
    callType: 'video',
    ...(userId ? { userId } : {}),
    ...(tokenValue ? { token: tokenValue } : { userId: userId ?? 'anon' }),
  } as never);
  return { client, response };
}

before(async () => {
  const port = await freePort();
  server = await startServer({ PORT: String(port), CONF_KIT_SECRET: SECRET, ALLOWED_ORIGINS: `http://127.0.0.1:${port}` });
  browser = await launchBrowser();
  ada = await openPage(browser, `${server.url}/session.html?autoJoin=1&room=${ROOM}&user=ada&token=${await token('ada', { admin: true })}`);
  bob = await openPage(browser, `${server.url}/?room=${ROOM}&user=bob&name=Bob&token=${await token('bob')}`);
  lee = await openPage(browser, 'about:blank');
  await lee.exposeFunction('mintToken', async () => {
    leeMints++;
    return token('lee', { publish: false }, ROOM, 20);
  });
  await lee.goto(`${server.url}/session.html?autoJoin=1&room=${ROOM}&user=lee&tokenFunction=1`);
  await lee.evaluate(() => {
    (window as any).refreshes = 0;
    window.session!.on('tokenrefresh', () => (window as any).refreshes++);
  });
  await framesGrow(ada, 'bob', 'Ada decodes Bob');
});
after(async () => {
  await closePages(...[ada, bob, lee].filter(Boolean));
  await browser?.close();
  await server?.stop();
});

test('no token, an expired one, another secret: unauthorized on the page; another room: forbidden', async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = await new SignJWT({ name: 'Eve' }).setProtectedHeader({ alg: 'HS256' }).setSubject('eve')
    .setIssuedAt(now - 3600).setExpirationTime(now - 600).sign(new TextEncoder().encode(SECRET));
  const otherSecret = await createToken('another-secret-0123456789-abcdefghijkl', { sub: 'eve', room: ROOM, ttlSeconds: 600 });
  const page = await openPage(browser, 'about:blank');
  try {
    for (const [query, code] of [
      ['', 'unauthorized'],
      [`&token=${expired}`, 'unauthorized'],
      [`&token=${otherSecret}`, 'unauthorized'],
      [`&token=${await token('eve', {}, 'another-room')}`, 'forbidden'],
    ] as const) {
      await page.goto(`${server.url}/?room=${ROOM}&user=eve${query}`);
      const card = await eventually(() => errorCardOf(page), `error card for ${code}`);
      assert.equal(card!.code, code, query);
      assert.ok(card!.title && !card!.title.includes('eyJ'), 'a human title, no token');
    }
  } finally {
    await closePages(page);
  }
});

test('mallory, with a valid token, cannot join as ada; Ada keeps decoding', async () => {
  const { client, response } = await rawJoin(await token('mallory'), 'ada');
  assert.equal(response.ok, false);
  assert.equal(!response.ok && response.error.code, 'forbidden');
  client.close();
  assert.equal((await stateOf(ada)).connection, 'joined');
  await framesGrow(ada, 'bob', 'Ada still decodes Bob');
});

test('a listener joins receive-only, sees video, and its produce is refused', async () => {
  await framesGrow(lee, 'ada', 'Lee decodes Ada');
  const leeState = await stateOf(lee);
  assert.equal(leeState.self.permissions.publish, false);
  assert.equal(leeState.self.stream, null, 'no local media kept');
  const adaSees = await stateOf(ada);
  assert.ok(adaSees.publishers.lee, 'Lee is in everyone\'s state');
  assert.equal(adaSees.publishers.lee.audioMuted, true);

  const { client, response } = await rawJoin(await token('lee2', { publish: false }));
  assert.equal(response.ok, true);
  const send = await client.call('createTransport', { direction: 'send' });
  const produce = await client.request('produce', {
    transportId: send.id,
    kind: 'audio',
    source: 'mic',
    rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 1111 }] },
  } as never);
  assert.equal(!produce.ok && produce.error.code, 'forbidden');
  client.close();
});

test('a burst of 500 requests from one socket is rate-limited; the call goes on', async () => {
  const client = await SignalingTestClient.connect(server.url);
  const responses = await Promise.all(Array.from({ length: 500 }, () => client.request('ping', {} as never)));
  const limited = responses.filter((r) => !r.ok && r.error.code === 'rate-limited').length;
  assert.ok(limited > 0, `some of 500 were rate-limited (${limited})`);
  client.close();
  await framesGrow(ada, 'bob', 'Ada still decodes Bob after the burst');
});

test('a foreign Origin is refused at the upgrade', async () => {
  await assert.rejects(SignalingTestClient.connect(server.url, { origin: 'http://evil.example' }));
});

test('moderation: a non-admin is forbidden; the admin mutes Bob, who sees it and unmutes', async () => {
  const nonAdmin = await bob.evaluate(() =>
    (document.querySelector('conf-room') as any).session.muteParticipant('ada', 'mic').then(() => 'ok', (e: any) => e.code),
  );
  assert.equal(nonAdmin, 'forbidden');

  await eventually(async () => (await stateOf(ada)).publishers.bob?.audioMuted === false, 'Bob unmuted at first');
  await ada.evaluate(() => window.session!.muteParticipant('bob', 'mic'));
  const muted = await eventually(async () => {
    const s = await roomStateOf(bob);
    return s?.self.moderatorMute ? s : null;
  }, 'Bob is told');
  assert.deepEqual(muted.self.moderatorMute, { source: 'mic', by: 'ada' });
  assert.equal(muted.self.audioMuted, true);
  const notice = await bob.evaluate(() => document.querySelector('conf-room')!.shadowRoot!.querySelector('[part~="notice"]')?.textContent);
  assert.match(notice ?? '', /moderator muted your microphone/);
  await eventually(async () => (await stateOf(ada)).publishers.bob?.audioMuted === true, 'Ada sees Bob muted');

  await bob.evaluate(() => (document.querySelector('conf-room') as any).session.setMicrophoneMute(false));
  await eventually(async () => (await stateOf(ada)).publishers.bob?.audioMuted === false, 'Bob unmuted himself');
});

test('the listener refreshed its short-lived token and is still in the call', async () => {
  await eventually(() => lee.evaluate(() => (window as any).refreshes > 0), 'a refreshToken accepted', 40_000);
  await eventually(async () => leeMints >= 2, 'the token function was asked again');
  // Past the first token's 20 s: still joined, still decoding.
  await eventually(() => lee.evaluate(() => performance.now() > 25_000), 'past the first expiry', 40_000);
  assert.equal((await stateOf(lee)).connection, 'joined');
  await framesGrow(lee, 'ada', 'Lee still decodes Ada');
});

test('the admin removes Bob: his page says so, and he does not come back', async () => {
  await ada.evaluate(() => window.session!.removeParticipant('bob'));
  const card = await eventually(() => errorCardOf(bob), 'Bob sees the removal');
  assert.deepEqual(card, { code: 'removed', title: 'You were removed from the meeting' });
  await sleep(4000);
  assert.equal((await roomStateOf(bob))?.connection, 'closed');
  assert.equal((await stateOf(ada)).publishers.bob, undefined, 'Bob did not rejoin');
});
