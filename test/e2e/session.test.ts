/**
 * ConferenceSession end to end: the real server, real Chromium, real media through mediasoup.
 * Pages use demo/session.html (the core without elements).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, openPage, startServer, type RunningServer, uniqueRoom, closePages, audioSamplesOf, sessionFramesOf } from './harness.js';

let server: RunningServer;
let browser: Browser;

const room = () => uniqueRoom('e2e');

async function joinPage(url: string, roomId: string, user: string, extra = ''): Promise<Page> {
  const page = await openPage(browser, `${url}/session.html?room=${roomId}&user=${user}&name=${user.toUpperCase()}&autoJoin=1${extra}`);
  await eventually(
    () => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'),
    `${user} joined`,
  );
  return page;
}

const framesOf = sessionFramesOf;


const publishersOf = (page: Page) =>
  page.evaluate(() => {
    const snap = (window as any).session.state.getSnapshot();
    return Object.values(snap.publishers).map((p: any) => ({
      userId: p.userId,
      audioMuted: p.audioMuted,
      videoEnabled: p.videoEnabled,
    }));
  });

const close = closePages;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('ConferenceSession end to end', () => {
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('3 pages in one room each decode the other two and receive their audio', async () => {
    const r = room();
    const pages = [await joinPage(server.url, r, 'a'), await joinPage(server.url, r, 'b'), await joinPage(server.url, r, 'c')];
    const users = ['a', 'b', 'c'];
    try {
      for (const [i, page] of pages.entries()) {
        for (const other of users.filter((u) => u !== users[i])) {
          const first = await eventually(async () => {
            const n = await framesOf(page, other);
            return n > 0 ? n : 0;
          }, `${users[i]} decodes ${other}`);
          await eventually(async () => (await framesOf(page, other)) > first + 5, `${users[i]}: ${other}'s frames keep increasing`);
          const samples = await eventually(() => audioSamplesOf(page, other), `${users[i]} receives ${other}'s audio`);
          await eventually(async () => (await audioSamplesOf(page, other)) > samples, `${users[i]}: ${other}'s audio keeps flowing`);
        }
      }
    } finally {
      await close(...pages);
    }
  });

  test('a mute shows in the others\' state; leave removes the publisher everywhere', async () => {
    const r = room();
    const [a, b, c] = [await joinPage(server.url, r, 'a'), await joinPage(server.url, r, 'b'), await joinPage(server.url, r, 'c')];
    try {
      for (const page of [b, c]) {
        await eventually(async () => (await publishersOf(page)).some((p) => p.userId === 'a' && !p.audioMuted && p.videoEnabled), 'a live');
      }
      await a.evaluate(() => (window as any).session.setMicrophoneMute(true));
      for (const page of [b, c]) {
        await eventually(async () => (await publishersOf(page)).find((p) => p.userId === 'a')?.audioMuted === true, 'a muted');
      }
      await a.evaluate(() => (window as any).session.setVideoEnabled(false));
      for (const page of [b, c]) {
        await eventually(async () => (await publishersOf(page)).find((p) => p.userId === 'a')?.videoEnabled === false, 'a video off');
      }
      await a.evaluate(() => (window as any).session.setMicrophoneMute(false));
      await eventually(async () => (await publishersOf(b)).find((p) => p.userId === 'a')?.audioMuted === false, 'a unmuted');

      await a.evaluate(() => (window as any).session.leave());
      assert.equal(await a.evaluate(() => (window as any).session.state.getSnapshot().connection), 'closed');
      for (const page of [b, c]) {
        await eventually(async () => !(await publishersOf(page)).some((p) => p.userId === 'a'), 'a removed');
      }
      assert.deepEqual((await publishersOf(b)).map((p) => p.userId), ['c']);
    } finally {
      await close(a, b, c);
    }
  });

  test('rejoin with the same userId leaves exactly one publisher', async () => {
    const r = room();
    const b = await joinPage(server.url, r, 'b');
    const a1 = await joinPage(server.url, r, 'a');
    await eventually(async () => (await publishersOf(b)).length === 1, 'b sees a');
    const a2 = await joinPage(server.url, r, 'a');
    try {
      // The old connection is told it was replaced.
      await eventually(
        () => a1.evaluate(() => (window as any).session.state.getSnapshot().error?.code === 'replaced'),
        'old a replaced',
      );
      await eventually(async () => (await framesOf(b, 'a')) > 0, 'b decodes the new a');
      const list = await publishersOf(b);
      assert.deepEqual(list.map((p) => p.userId), ['a']);
      // A newcomer also sees exactly one a.
      const c = await joinPage(server.url, r, 'c');
      const seen = await publishersOf(c);
      assert.deepEqual(seen.map((p) => p.userId).sort(), ['a', 'b']);
      await close(c);
    } finally {
      await close(a1, a2, b);
    }
  });
});

describe('room-full', () => {
  let small: RunningServer;
  before(async () => {
    small = await startServer({ MAX_PARTICIPANTS: '2' });
  });
  after(async () => {
    await small?.stop();
  });

  test('with MAX_PARTICIPANTS=2 the third joiner gets room-full', async () => {
    const r = room();
    const a = await joinPage(small.url, r, 'a');
    const b = await joinPage(small.url, r, 'b');
    const c = await openPage(browser, `${small.url}/session.html`);
    try {
      await c.waitForFunction(() => Boolean((window as any).confKit));
      const outcome = await c.evaluate(async (roomId) => {
        const { ConferenceClient } = (window as any).confKit;
        const session = new ConferenceClient({ url: location.origin }).createCallSession('c', { callType: 'video', name: 'C' });
        try {
          await session.join(roomId);
          return { joined: true };
        } catch (error: any) {
          const snap = session.state.getSnapshot();
          return { joined: false, name: error?.name, code: error?.code, stateCode: snap.error?.code, connection: snap.connection };
        }
      }, r);
      assert.deepEqual(outcome, {
        joined: false,
        name: 'ConferenceError',
        code: 'room-full',
        stateCode: 'room-full',
        connection: 'closed',
      });
      // Nothing half-created: the two inside still see only each other.
      assert.deepEqual((await publishersOf(a)).map((p) => p.userId), ['b']);
      assert.deepEqual((await publishersOf(b)).map((p) => p.userId), ['a']);
    } finally {
      await close(a, b, c);
    }
  });
});
