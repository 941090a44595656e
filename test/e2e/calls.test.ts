/**
 * Calls end to end (docs/calls.md): the real server with a short CALL_ANSWER_TIMEOUT_MS, real
 * Chromium pages on the demo without a room (online for calls as `user`), a few raw protocol
 * clients where a page would only cost CPU (Dave in another room, the secure-mode checks).
 * Pages are reused across cases (navigated to another user) to keep the number of live ones small.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { closePages, eventually, launchBrowser, openMoreControls, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';
import { createToken } from '../../server/auth/tokens.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';

const ANSWER_TIMEOUT_MS = 12_000;
/** For the no-answer case alone (on a server of its own). */
const QUICK_ANSWER_TIMEOUT_MS = 4_000;
const SECRET = 'calls-e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const T = 40_000;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// --- a raw protocol client ----------------------------------------------------------------------

interface Raw {
  request(method: string, data: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
  notifications: { method: string; data: any }[];
  close(): void;
}

async function raw(url: string): Promise<Raw> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (r: any) => void>();
  const notifications: Raw['notifications'] = [];
  ws.on('message', (frame) => {
    const msg = JSON.parse(String(frame));
    if (typeof msg.id === 'number' && pending.has(msg.id)) {
      pending.get(msg.id)!(msg);
      pending.delete(msg.id);
    } else if (msg.method) notifications.push(msg);
  });
  return {
    notifications,
    request: (method, data) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, data }));
      }),
    close: () => ws.close(),
  };
}

// --- the demo page, seen from outside -----------------------------------------------------------

/** Navigates `page` to the demo, online for calls as `user`, and waits until it is online. */
async function online(page: Page, url: string, user: string, name: string, token?: string): Promise<Page> {
  await page.goto(`${url}/?user=${user}&name=${encodeURIComponent(name)}${token ? `&token=${token}` : ''}`);
  await eventually(
    () => page.evaluate(() => (document.querySelector('conf-call-center') as any)?.calls?.getSnapshot().connection === 'online'),
    `${user} online for calls`,
    T,
  );
  // Every ringing that stops here, with its reason (the page shows none of them once gone).
  await page.evaluate(() => {
    const w = window as any;
    w.stopped = [];
    (document.querySelector('conf-call-center') as any).calls.on('ringingStopped', (e: any) => w.stopped.push(e.reason));
  });
  return page;
}

async function newPage(): Promise<Page> {
  return openPage(browser, 'about:blank');
}

/** Types the callees into "Call someone" and presses the call button. */
async function call(page: Page, users: string, callType: 'video' | 'audio' = 'video'): Promise<void> {
  await page.locator('#callees').fill(users);
  await page.locator(`input[name="callCallType"][value="${callType}"]`).check();
  await page.locator('conf-call-button button.start').click();
}

/** The caller's statuses, from the <conf-call-button>. */
const statuses = (page: Page) =>
  page.evaluate(() => {
    const items = document.querySelector('conf-call-button')?.shadowRoot?.querySelectorAll('li') ?? [];
    return Object.fromEntries([...items].map((li) => [li.getAttribute('data-user'), li.getAttribute('data-status')]));
  });

const statusOf = async (page: Page, user: string) => (await statuses(page))[user];

const ringing = (page: Page) =>
  page.evaluate(() => {
    const cards = document.querySelector('conf-call-center')?.shadowRoot?.querySelectorAll('conf-incoming-call') ?? [];
    return [...cards].map((c: any) => c.call?.from.userId as string);
  });

const stopped = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).stopped);

/** The answer buttons of the (first) incoming call. */
const answer = (page: Page, action: 'video' | 'audio' | 'decline') =>
  page.locator(`conf-call-center conf-incoming-call [data-action="${action}"]`).first().click();

const inCall = (page: Page) =>
  page.evaluate(() => document.querySelector('conf-call-center')?.shadowRoot?.querySelector('conf-room')?.getAttribute('connection') ?? null);

/** Decoded frames of `userId`'s remote tile in the page's call (0 when not there). */
const framesOf = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const room = document.querySelector('conf-call-center')?.shadowRoot?.querySelector('conf-room');
    const tile = room?.shadowRoot?.querySelector(`conf-tile[user-id="${id}"]:not([local])`);
    const video = tile?.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, userId);

/** Whether the page's call shows a remote tile for `userId`. */
const sees = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const room = document.querySelector('conf-call-center')?.shadowRoot?.querySelector('conf-room');
    return Boolean(room?.shadowRoot?.querySelector(`conf-tile[user-id="${id}"]:not([local])`));
  }, userId);

const decodes = async (page: Page, userId: string, what: string) => {
  const first = await eventually(() => framesOf(page, userId), `${what}: first frames`, T);
  await eventually(async () => (await framesOf(page, userId)) > first + 5, `${what}: frames keep coming`, T);
};

/** Clicks the Leave button of the page's call. */
const leave = (page: Page) => page.locator('conf-call-center conf-room conf-controls [part~="leave-button"]').click();

describe('calls on the demo (open mode)', () => {
  let server: RunningServer;
  let a: Page;
  let b: Page;
  let c: Page;
  before(async () => {
    server = await startServer({ CALL_ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS) });
    [a, b, c] = await Promise.all([newPage(), newPage(), newPage()]);
  });
  after(async () => {
    await closePages(a, b, c);
    await server?.stop();
  });

  test(
    'Alice calls Bob, Carol, Dave (in a room: busy) and Erin (offline); Bob accepts with video, Carol declines; ' +
      'Bob invites Frank, who sees both; the last one left ends the call',
    { timeout: 240_000 },
    async () => {
      const dave = await raw(server.url);
      try {
        assert.equal((await dave.request('callsConnect', { userId: 'dave', name: 'Dave' })).ok, true);
        const joined = await dave.request('join', { protocolVersion: PROTOCOL_VERSION, roomId: uniqueRoom('other'), userId: 'dave', callType: 'audio' });
        assert.equal(joined.ok, true, JSON.stringify(joined.error));

        await online(a, server.url, 'alice', 'Alice');
        await online(b, server.url, 'bob', 'Bob');
        await online(c, server.url, 'carol', 'Carol');
        await call(a, 'bob, carol, dave, erin');

        await eventually(async () => (await statusOf(a, 'erin')) === 'offline', 'Erin is offline', T);
        await eventually(async () => (await statusOf(a, 'dave')) === 'busy', 'Dave is busy', T);
        assert.equal(dave.notifications.filter((n) => n.method === 'incomingCall').length, 0, 'a busy callee does not ring');
        await eventually(async () => (await ringing(b)).includes('alice'), "Bob's page rings", T);
        await eventually(async () => (await ringing(c)).includes('alice'), "Carol's page rings", T);
        assert.equal(await statusOf(a, 'bob'), 'ringing');
        // The caller is in the call's room at once.
        await eventually(async () => (await inCall(a)) === 'joined', 'Alice joined the call room', T);

        await answer(c, 'decline');
        await eventually(async () => (await statusOf(a, 'carol')) === 'declined', "Alice's button shows declined", T);
        assert.match(
          await a.locator('conf-call-button li[data-user="carol"]').textContent() ?? '',
          /declined/,
          'the status is shown in words',
        );
        assert.deepEqual(await ringing(c), []);

        await answer(b, 'video');
        await eventually(async () => (await statusOf(a, 'bob')) === 'accepted', 'Bob accepted', T);
        await eventually(async () => (await inCall(b)) === 'joined', "Bob's page turned into the call", T);
        assert.equal(await b.locator('#join-form').isVisible(), false, 'the forms are gone while in the call');
        await decodes(a, 'bob', 'Alice decodes Bob');
        await decodes(b, 'alice', 'Bob decodes Alice');

        // Invite: Carol's page becomes Frank's; Bob invites him from the call's controls.
        await online(c, server.url, 'frank', 'Frank');
        await openMoreControls(b, 'conf-call-center conf-room');
        await b.locator('conf-call-center conf-room conf-add-participant [part="toggle"]').click();
        await b.locator('conf-call-center conf-room conf-add-participant input').fill('frank');
        await b.locator('conf-call-center conf-room conf-add-participant [part="invite"]').click();
        await eventually(async () => (await ringing(c)).includes('alice'), "Frank's page rings (Alice's call)", T);
        await answer(c, 'audio');
        await eventually(async () => (await inCall(c)) === 'joined', 'Frank joined', T);
        for (const [page, who, other] of [[c, 'frank', 'alice'], [c, 'frank', 'bob'], [a, 'alice', 'frank'], [b, 'bob', 'frank']] as const) {
          await eventually(() => sees(page, other), `${who} sees ${other}`, T);
        }
        await decodes(c, 'bob', 'Frank decodes Bob');
        await eventually(
          () => b.locator('conf-call-center conf-room conf-add-participant li[data-user="frank"][data-status="accepted"]').count(),
          "Bob's invite shows Frank accepted",
          T,
        );

        // Hang-up: Frank and Bob leave; the call ends for Alice, whose page leaves the room.
        await leave(c);
        await eventually(async () => (await inCall(c)) === null, "Frank's call is over", T);
        assert.equal(await inCall(a), 'joined', 'the call goes on with two');
        await leave(b);
        await eventually(async () => (await inCall(a)) === null, 'the call ended for Alice, the last one', T);
        assert.equal(await a.locator('#join-form').isVisible(), true, "Alice's page is back to the forms");
      } finally {
        dave.close();
      }
    },
  );

  test('cancel: Alice cancels before Bob answers, and Bob stops ringing', { timeout: 120_000 }, async () => {
    await online(a, server.url, 'alice', 'Alice');
    await online(b, server.url, 'bob', 'Bob');
    await call(a, 'bob', 'audio');
    await eventually(async () => (await ringing(b)).includes('alice'), 'Bob rings', T);
    await a.locator('conf-call-button button.cancel').click();
    await eventually(async () => (await ringing(b)).length === 0, "Bob's ringing stops", T);
    assert.deepEqual(await stopped(b), ['cancelled']);
    await eventually(async () => (await statusOf(a, 'bob')) === 'cancelled', 'Alice sees cancelled', T);
    await eventually(async () => (await inCall(a)) === null, "Alice's page leaves the call room", T);
  });

  test('two tabs: Bob accepts in one, the other stops ringing', { timeout: 120_000 }, async () => {
    await online(a, server.url, 'alice', 'Alice');
    await online(b, server.url, 'bob', 'Bob');
    await online(c, server.url, 'bob', 'Bob');
    await call(a, 'bob', 'audio');
    await eventually(async () => (await ringing(b)).includes('alice') && (await ringing(c)).includes('alice'), 'both tabs ring', T);
    await answer(b, 'audio');
    await eventually(async () => (await ringing(c)).length === 0, 'the other tab stops ringing', T);
    assert.deepEqual(await stopped(c), ['accepted']);
    assert.equal(await inCall(c), null, 'the other tab is not in the call');
    await eventually(async () => (await inCall(b)) === 'joined', 'the accepting tab is in the call', T);
    await leave(b);
    await eventually(async () => (await inCall(a)) === null, 'the call ended', T);
  });

  test('timeout: nobody answers, both sides see no-answer', { timeout: 120_000 }, async () => {
    // A server of its own with a shorter timeout: the cases above need time to answer, this one
    // only waits for the timeout.
    const quick = await startServer({ CALL_ANSWER_TIMEOUT_MS: String(QUICK_ANSWER_TIMEOUT_MS) });
    try {
      await online(a, quick.url, 'alice', 'Alice');
      await online(b, quick.url, 'bob', 'Bob');
      await c.goto('about:blank');
      await call(a, 'bob', 'audio');
      await eventually(async () => (await ringing(b)).includes('alice'), 'Bob rings', T);
      await eventually(async () => (await statusOf(a, 'bob')) === 'no-answer', 'Alice sees no-answer', QUICK_ANSWER_TIMEOUT_MS + T);
      await eventually(async () => (await ringing(b)).length === 0, 'Bob stops ringing', T);
      assert.deepEqual(await stopped(b), ['no-answer']);
      assert.match((await a.locator('conf-call-button li[data-user="bob"]').textContent()) ?? '', /no answer/);
      await eventually(async () => (await inCall(a)) === null, "Alice's page leaves the call room", T);
    } finally {
      await Promise.all([a, b].map((p) => p.goto('about:blank').catch(() => undefined)));
      await quick.stop();
    }
  });
});

describe('calls in secure mode', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ CONF_KIT_SECRET: SECRET, CALL_ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS) });
  });
  after(async () => {
    await server?.stop();
  });

  test("the page goes online with its token; accepting with another user's token is refused", { timeout: 120_000 }, async () => {
    const bobPage = await newPage();
    const alice = await raw(server.url);
    const mallory = await raw(server.url);
    try {
      await online(bobPage, server.url, 'bob', 'Bob', await createToken(SECRET, { sub: 'bob', name: 'Bob' }));
      assert.equal((await mallory.request('callsConnect', { userId: 'bob' })).error?.code, 'unauthorized', 'no token, not online');
      const connected = await mallory.request('callsConnect', { userId: 'bob', token: await createToken(SECRET, { sub: 'mallory' }) });
      assert.equal(connected.data?.userId, 'mallory', "the token's sub wins over the userId claimed");
      assert.equal((await alice.request('callsConnect', { token: await createToken(SECRET, { sub: 'alice', name: 'Alice' }) })).ok, true);

      const started = await alice.request('callStart', { userIds: ['bob'], callType: 'audio' });
      assert.equal(started.ok, true, JSON.stringify(started.error));
      const callId = started.data.callId as string;
      await eventually(async () => (await ringing(bobPage)).includes('alice'), "Bob's page rings", T);
      assert.equal(mallory.notifications.filter((n) => n.method === 'incomingCall').length, 0, 'mallory does not ring');

      const stolen = await mallory.request('callAccept', { callId, callType: 'audio' });
      assert.equal(stolen.ok, false);
      assert.equal(stolen.error?.code, 'forbidden');
      assert.deepEqual(await ringing(bobPage), ['alice'], 'Bob still rings');
      assert.equal((await alice.request('callEnd', { callId })).ok, true);
      await eventually(async () => (await ringing(bobPage)).length === 0, "Bob's ringing stops", T);
    } finally {
      alice.close();
      mallory.close();
      await closePages(bobPage);
    }
  });
});
