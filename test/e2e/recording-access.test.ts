/**
 * Recording rights, the meeting `record` flag and the recording UI, end to end: the real server
 * (secure and open mode), real Chromium pages, real mediasoup and ffmpeg (docs/recording.md).
 * - secure mode: without the `record`/`admin` grant a participant cannot start or stop
 *   (socket `forbidden`) nor list (REST 403); a record holder and the meeting host can;
 * - a meeting created with `record: true` records when its first participant joins, and
 *   PATCH `{record: false}` stops it; the recording reaches `ready`;
 * - <conf-room> shows the REC indicator to a participant who did not start it, the pre-join
 *   screen shows the notice, and the record button follows it (open mode grants `record`; the
 *   button hidden without the grant is a component test, as browser sessions send no token yet).
 * Few, small pages (one video page, audio-only conf-room pages) to keep the CPU low.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createToken } from '../../server/auth/tokens.js';
import { RequestFailed, SignalingTestClient } from '../../server/test-client.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { closePages, eventually, launchBrowser, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';

const SECRET = 'recording-access-e2e-secret-0123456789';
const NO_GRANTS = { publish: true, subscribe: true, record: false, admin: false, ingest: false };
const RATE = { API_RATE_BURST: '100000', API_RATE_PER_SECOND: '100000' };

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'conf-rec-access-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const call = (base: string, method: string, p: string, token: string | null, body?: unknown) =>
  fetch(`${base}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function forbidden(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof RequestFailed && e.response.error.code === 'forbidden');
}

describe('recording rights in secure mode', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ ...RATE, CONF_KIT_SECRET: SECRET, RECORDINGS_DIR: path.join(dir, 'secure'), DATA_DIR: path.join(dir, 'secure-data') });
  });
  after(() => server?.stop());

  test('no grant: socket start/stop forbidden, REST 403; a record holder and the meeting host may', { timeout: 120_000 }, async () => {
    const roomId = uniqueRoom('acl');
    const alice = await createToken(SECRET, { sub: 'alice', name: 'Alice', grants: NO_GRANTS });
    const recorder = await createToken(SECRET, { sub: 'rec', name: 'Rec', grants: { ...NO_GRANTS, record: true } });
    const a = await SignalingTestClient.connect(server.url);
    try {
      const joined = await a.call('join', { protocolVersion: PROTOCOL_VERSION, roomId, token: alice, callType: 'audio' });
      assert.equal(joined.permissions.record, false);
      assert.equal(joined.recording.active, false);
      await forbidden(a.call('startRecording', {}));
      await forbidden(a.call('stopRecording', {}));

      assert.equal((await call(server.url, 'POST', `/api/rooms/${roomId}/recording`, null)).status, 401, 'no token');
      const denied = await call(server.url, 'POST', `/api/rooms/${roomId}/recording`, alice);
      assert.equal(denied.status, 403);
      assert.equal(((await denied.json()) as any).error.code, 'forbidden');

      // A record holder starts it over REST; alice hears about it.
      const started = await call(server.url, 'POST', `/api/rooms/${roomId}/recording`, recorder);
      assert.equal(started.status, 200);
      const { recording } = (await started.json()) as { recording: any };
      const changed = await a.waitFor('recordingChanged', (r) => r.active);
      assert.equal(changed.data.by, 'rec');

      // Listing (and so getting download links) needs the grant.
      assert.equal((await call(server.url, 'GET', `/api/recordings?roomId=${roomId}`, alice)).status, 403);
      const list = await call(server.url, 'GET', `/api/recordings?roomId=${roomId}`, recorder);
      assert.equal(list.status, 200);
      assert.deepEqual(((await list.json()) as any).recordings.map((r: any) => r.id), [recording.id]);
      const forged = await call(server.url, 'GET', `/api/recordings/${recording.id}/download?expires=${Math.floor(Date.now() / 1000) + 600}&sig=${'0'.repeat(64)}`, alice);
      assert.equal(forged.status, 403, 'a download needs a signed link');
      // The public status says that it records, not who started it.
      assert.deepEqual(((await (await call(server.url, 'GET', `/api/rooms/${roomId}/recording`, null)).json()) as any).recording, {
        active: true,
        startedAt: recording.startedAt ? Date.parse(recording.startedAt) : null,
      });

      await forbidden(a.call('stopRecording', {}));
      assert.equal((await call(server.url, 'DELETE', `/api/rooms/${roomId}/recording`, alice)).status, 403);
      assert.equal((await call(server.url, 'DELETE', `/api/rooms/${roomId}/recording`, recorder)).status, 200);
      await a.waitFor('recordingChanged', (r) => !r.active);
    } finally {
      a.close();
    }

    // The host of a meeting records it without the grant; its recordings are theirs to list.
    const host = await createToken(SECRET, { sub: 'carol', name: 'Carol', grants: NO_GRANTS });
    const created = await call(server.url, 'POST', '/api/meetings', host, { name: 'Host records' });
    assert.equal(created.status, 201);
    const meeting = (await created.json()) as { id: string };
    const c = await SignalingTestClient.connect(server.url);
    try {
      await c.call('join', { protocolVersion: PROTOCOL_VERSION, roomId: meeting.id, token: host, callType: 'audio' });
      assert.equal((await c.call('startRecording', {})).recording.active, true);
      assert.equal((await c.call('stopRecording', {})).recording.active, false);
    } finally {
      c.close();
    }
    const mine = await call(server.url, 'GET', `/api/meetings/${meeting.id}/recordings`, host);
    assert.equal(mine.status, 200);
    const records = ((await mine.json()) as any).recordings;
    assert.equal(records.length, 1);
    assert.equal(records[0].meetingId, meeting.id);
    assert.equal((await call(server.url, 'GET', `/api/meetings/${meeting.id}/recordings`, alice)).status, 403);
  });
});

describe('the meeting record flag and the recording UI (open mode)', () => {
  let server: RunningServer;
  let browser: Browser;
  const devToken = async (userId: string) =>
    ((await (await call(server.url, 'POST', '/api/dev-token', null, { userId, name: userId })).json()) as { token: string }).token;
  const recordings = async (roomId: string, token: string) =>
    ((await (await call(server.url, 'GET', `/api/recordings?roomId=${roomId}`, token)).json()) as { recordings: any[] }).recordings;

  before(async () => {
    browser = await launchBrowser();
    server = await startServer({ ...RATE, RECORDINGS_DIR: path.join(dir, 'open'), DATA_DIR: path.join(dir, 'open-data') });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a meeting with record: true records when its first participant joins; PATCH record: false stops it', { timeout: 300_000 }, async () => {
    const token = await devToken('host1');
    const created = await call(server.url, 'POST', '/api/meetings', token, { name: 'Recorded standup', record: true });
    assert.equal(created.status, 201);
    const meeting = (await created.json()) as { id: string };
    assert.deepEqual(await recordings(meeting.id, token), [], 'nothing before anyone joins');

    const page: Page = await openPage(browser, `${server.url}/session.html?room=${meeting.id}&user=host1&name=Host&autoJoin=1`);
    try {
      const state = () => page.evaluate(() => (window as any).session?.state.getSnapshot().recording);
      const live = await eventually(async () => ((await state())?.active ? state() : null), 'the page sees the recording', 60_000);
      assert.equal(live.by, 'meeting');
      const [rec] = await recordings(meeting.id, token);
      assert.equal(rec.status, 'recording');
      assert.equal(rec.meetingId, meeting.id);
      await new Promise((r) => setTimeout(r, 4000));

      const patched = await call(server.url, 'PATCH', `/api/meetings/${meeting.id}`, token, { record: false });
      assert.equal(patched.status, 200);
      assert.equal(((await patched.json()) as any).record, false);
      await eventually(async () => (await state())?.active === false, 'the page sees it stop', 30_000);
      const done = await eventually(async () => {
        const [r] = await recordings(meeting.id, token);
        return r.status === 'ready' || r.status === 'failed' ? r : null;
      }, 'the recording is composed', 240_000);
      assert.equal(done.status, 'ready', done.reason);
      assert.ok(done.duration > 2, `duration ${done.duration}`);
      assert.ok(done.size > 0);
      assert.deepEqual(done.participants, ['host1']);
      assert.match(done.url, /^\/api\/recordings\/rec_[0-9a-f]+\/download\?/);
      const listed = ((await (await call(server.url, 'GET', `/api/meetings/${meeting.id}/recordings`, token)).json()) as any).recordings;
      assert.deepEqual(listed.map((r: any) => r.id), [done.id]);
    } finally {
      await closePages(page);
    }
  });

  test('<conf-room>: the REC indicator for someone who did not start it; the notice before joining', { timeout: 180_000 }, async () => {
    const roomId = uniqueRoom('recui');
    const viewer = await openPage(browser, `${server.url}/?room=${roomId}&user=viewer&name=Viewer&callType=audio`);
    const pages = [viewer];
    try {
      await viewer.locator('conf-room[connection="joined"]').waitFor({ timeout: 60_000 });
      // Open mode without a token grants `record` (docs/auth.md): the button is offered, not pressed.
      const button = viewer.locator('conf-record-button [part~="button"]');
      await button.waitFor({ timeout: 30_000 });
      assert.equal(await button.getAttribute('aria-pressed'), 'false');
      assert.equal(await viewer.locator('conf-recording-indicator [part~="mark"]').count(), 0);

      const starter = await devToken('starter');
      assert.equal((await call(server.url, 'POST', `/api/rooms/${roomId}/recording`, starter)).status, 200);
      const mark = viewer.locator('conf-recording-indicator [part~="mark"]');
      await mark.waitFor({ timeout: 30_000 });
      assert.equal(await mark.textContent(), 'REC');
      assert.equal((await viewer.locator('conf-recording-indicator [role="status"]').textContent())?.trim(), 'This room is now being recorded.');
      assert.match((await viewer.locator('conf-recording-indicator [part~="elapsed"]').textContent()) ?? '', /^\d+:\d\d$/);
      // The button follows a recording someone else started.
      await eventually(async () => (await button.getAttribute('aria-pressed')) === 'true', 'the record button shows it', 60_000);

      // Someone about to join sees the notice on the pre-join screen.
      const late = await openPage(browser, `${server.url}/?room=${roomId}&user=late&name=Late&callType=audio&prejoin=1`);
      pages.push(late);
      await late.locator('conf-prejoin [part~="recording-notice"]').waitFor({ timeout: 30_000 });
      assert.match((await late.locator('conf-recording-notice [part~="title"]').textContent()) ?? '', /being recorded/);

      assert.equal((await call(server.url, 'DELETE', `/api/rooms/${roomId}/recording`, starter)).status, 200);
      await mark.waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal((await viewer.locator('conf-recording-indicator [role="status"]').textContent())?.trim(), 'Recording stopped.');
    } finally {
      await closePages(...pages);
    }
  });
});
