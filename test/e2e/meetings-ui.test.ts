/**
 * Meetings in the browser, end to end: the built server in secure mode with a real database
 * file (DATA_DIR), the demo page, real Chromium with fake camera and microphone.
 *   - a guest joins a public meeting through /?meeting=ID and sees the host's video;
 *   - a private meeting is refused to a stranger (the page says it is private);
 *   - a late joiner gets the chat history;
 *   - an HTML-injection message is rendered as text and creates no element.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { closePages, eventually, launchBrowser, openPage, startServer, type RunningServer } from './harness.js';
import { SECRET, api, tempDataDir, tokenFor } from './meetings-helpers.js';

let browser: Browser;
let server: RunningServer;

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ CONF_KIT_SECRET: SECRET, DATA_DIR: tempDataDir(), API_RATE_BURST: '100000', API_RATE_PER_SECOND: '100000' });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

async function createMeeting(hostToken: string, fields: Record<string, unknown>): Promise<string> {
  const res = await api(server.url, 'POST', '/api/meetings', hostToken, fields);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** Opens `/?meeting=ID...` and, once the pre-join screen is there, presses its Join button. */
async function joinViaLink(query: string): Promise<Page> {
  const page = await openPage(browser, `${server.url}/?${query}`);
  await pressPrejoinJoin(page);
  return page;
}

async function pressPrejoinJoin(page: Page): Promise<void> {
  await eventually(
    () =>
      page.evaluate(() => {
        const prejoin = document.querySelector('conf-room')?.shadowRoot?.querySelector('conf-prejoin');
        const button = prejoin?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="join-button"]');
        if (!button || button.disabled) return false;
        button.click();
        return true;
      }),
    'the pre-join Join button',
    30_000,
  );
}

const connection = (page: Page) => page.evaluate(() => document.querySelector('conf-room')?.getAttribute('connection') ?? null);

/** Video frames decoded on `page` from the remote tile of `userId`. */
const remoteFrames = (page: Page, userId: string) =>
  page.evaluate((id) => {
    const tile = document.querySelector('conf-room')?.shadowRoot?.querySelector(`conf-tile[user-id="${id}"]`);
    const video = tile?.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, userId);

/** The chat panel as `page` shows it. */
const chatView = (page: Page) =>
  page.evaluate(() => {
    const chat = document.querySelector('conf-room')?.shadowRoot?.querySelector('conf-chat');
    const root = chat?.shadowRoot;
    const texts = [...(root?.querySelectorAll('[part~="text"]') ?? [])];
    return {
      texts: texts.map((t) => t.textContent),
      elementsInTexts: texts.reduce((n, t) => n + t.querySelectorAll('*').length, 0),
      imgs: root?.querySelectorAll('img').length ?? -1,
    };
  });

async function openChatAndSend(page: Page, text: string): Promise<void> {
  await page.evaluate(async (message) => {
    const room = document.querySelector('conf-room')!;
    const button = room.shadowRoot!.querySelector('conf-chat-button')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
    if (button.getAttribute('aria-pressed') !== 'true') button.click();
    const chat = room.shadowRoot!.querySelector('conf-chat') as any;
    await chat.updateComplete;
    const input = chat.shadowRoot.querySelector('textarea') as HTMLTextAreaElement;
    input.value = message;
    input.dispatchEvent(new Event('input'));
    await chat.updateComplete;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  }, text);
}

describe('meetings in the demo (secure mode, real database)', () => {
  test('a guest joins a public meeting via /?meeting=ID and sees the host\'s video', async () => {
    const hostToken = await tokenFor('host-ann', { name: 'Ann' });
    const id = await createMeeting(hostToken, { name: 'Open day', public: true, withChat: true });
    const host = await joinViaLink(`meeting=${id}&token=${hostToken}`);
    await eventually(async () => (await connection(host)) === 'joined', 'host joined');

    const guest = await openPage(browser, `${server.url}/?meeting=${id}`);
    try {
      await guest.waitForSelector('#guest:not([hidden])', { timeout: 60_000 });
      await guest.fill('#guest-name', 'Gus');
      await guest.click('#guest-form button[type="submit"]');
      await pressPrejoinJoin(guest);
      await eventually(async () => (await connection(guest)) === 'joined', 'guest joined');
      const first = await eventually(async () => (await remoteFrames(guest, 'host-ann')) > 0 && remoteFrames(guest, 'host-ann'), 'guest decodes host video', 30_000);
      await eventually(async () => (await remoteFrames(guest, 'host-ann')) > (first as number), 'host video keeps playing');
      // The guest's identity comes from the server (guest-…), not from the page.
      const guestUser = await guest.evaluate(() => (document.querySelector('conf-room') as any).session.userId as string);
      assert.match(guestUser, /^guest-/);
      // The invite link of a meeting is the ?meeting=ID URL.
      const invite = await host.evaluate(async () => {
        const copy = document.getElementById('copy-link')!;
        copy.click();
        await new Promise((r) => setTimeout(r, 100));
        try {
          return await navigator.clipboard.readText();
        } catch {
          return copy.textContent;
        }
      });
      assert.ok(invite && new URL(invite).searchParams.get('meeting') === id, `invite link ${invite}`);
    } finally {
      await closePages(host, guest);
    }
  });

  test('a private meeting is refused to a stranger: the page says it is private', async () => {
    const hostToken = await tokenFor('host-bea', { name: 'Bea' });
    const id = await createMeeting(hostToken, { name: 'Board', public: false });
    const stranger = await openPage(browser, `${server.url}/?meeting=${id}`);
    try {
      await stranger.waitForSelector('#meeting-notice:not([hidden])', { timeout: 60_000 });
      const notice = await stranger.textContent('#meeting-notice');
      assert.match(notice ?? '', /private/i);
      assert.equal(await stranger.isVisible('#guest'), false);
      assert.equal(await stranger.evaluate(() => document.querySelector('conf-room')), null);
      // And a stranger's own token does not open it either (the server refuses the join).
      const strangerToken = await tokenFor('stranger-sam', { name: 'Sam' });
      const withToken = await joinViaLink(`meeting=${id}&token=${strangerToken}`);
      try {
        const code = await eventually(
          () => withToken.evaluate(() => document.querySelector('conf-room')?.shadowRoot?.querySelector('[part~="error"]')?.getAttribute('data-code') ?? null),
          'join refused',
        );
        assert.equal(code, 'forbidden');
      } finally {
        await closePages(withToken);
      }
    } finally {
      await closePages(stranger);
    }
  });

  test('chat: a late joiner gets the history, and HTML is rendered as text', async () => {
    const hostToken = await tokenFor('host-cy', { name: 'Cy' });
    const id = await createMeeting(hostToken, { name: 'Chatty', public: true, withChat: true });
    const host = await joinViaLink(`meeting=${id}&token=${hostToken}`);
    let late: Page | undefined;
    try {
      await eventually(async () => (await connection(host)) === 'joined', 'host joined');
      const evil = '<img src=x onerror="window.pwned=1">';
      await openChatAndSend(host, 'hello before you came');
      await eventually(async () => (await chatView(host)).texts.length === 1, 'first message shown');
      await openChatAndSend(host, evil);
      await eventually(async () => (await chatView(host)).texts.length === 2, 'second message shown');

      const lateToken = await tokenFor('late-dan', { name: 'Dan' });
      late = await joinViaLink(`meeting=${id}&token=${lateToken}`);
      await eventually(async () => (await connection(late!)) === 'joined', 'late joiner joined');
      // The unread badge stays 0 for history; the panel shows it on open.
      await late.evaluate(() => {
        const b = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-chat-button')!.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
        b.click();
      });
      const view = await eventually(async () => {
        const v = await chatView(late!);
        return v.texts.length === 2 && v;
      }, 'history shown to the late joiner');
      assert.deepEqual(view && view.texts, ['hello before you came', evil]);
      assert.equal(view && view.elementsInTexts, 0);
      assert.equal(view && view.imgs, 0);
      assert.equal(await late.evaluate(() => (window as any).pwned ?? null), null);
      // A live message reaches the other side too.
      await openChatAndSend(late, 'hi Cy');
      await eventually(async () => (await chatView(host)).texts.includes('hi Cy'), 'live message reached the host');
    } finally {
      await closePages(host, ...(late ? [late] : []));
    }
  });
});
