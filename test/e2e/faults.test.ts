/**
 * Real faults against the real server and real Chromium (docs/reliability.md): the signalling
 * WebSocket of one page is cut with playwright's `routeWebSocket` while video flows.
 *
 * - Cut for 5 s: video keeps decoding both ways during the cut, the other page never loses the
 *   publisher (it sees it `reconnecting`), and the cut page resumes: the server counts a resume
 *   and no new join, and still has exactly the 4 transports of the call (none re-created).
 * - Cut for longer than the resume grace (RESUME_GRACE_S=2): a full rejoin, video back both ways,
 *   no duplicate tile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  busyWorkerPid,
  connectionOf,
  cuttablePage as cuttableIn,
  decodingBothWays,
  metrics,
  publishersOf,
  reconnectingOf,
  twoPageCall,
} from './fault-helpers.js';
import { closePages, eventually, launchBrowser, startServer, uniqueRoom, type RunningServer } from './harness.js';

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const cuttablePage = (url: string) => cuttableIn(browser, url);

describe('faults: the signalling WebSocket is cut', () => {
  test('cut for 5 s: video keeps decoding, no leave, the client resumes without new transports', { timeout: 120_000 }, async () => {
    const server = await startServer({ RESUME_GRACE_S: '20' });
    const room = uniqueRoom('cut5');
    const { page: a, cut } = await cuttablePage(`${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
    const { page: b } = await cuttablePage(`${server.url}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
    try {
      await decodingBothWays(a, b, 'the call decodes');
      const before = await metrics(server);
      assert.equal(before.get('conf_kit_transports'), 4);

      cut(true);
      await eventually(async () => (await connectionOf(a)) === 'reconnecting', 'a notices the cut');
      await eventually(() => reconnectingOf(b, 'a'), 'b sees a as reconnecting (not gone)');
      // During the cut: media flows both ways, and b still has a.
      await decodingBothWays(a, b, 'video keeps decoding during the cut');
      await new Promise((r) => setTimeout(r, 5000));
      assert.deepEqual(await publishersOf(b), ['a'], 'b never lost a');
      await decodingBothWays(a, b, 'video still decoding after 5 s of cut');

      cut(false);
      await eventually(async () => (await connectionOf(a)) === 'joined', 'a resumes', 60_000);
      await eventually(async () => !(await reconnectingOf(b, 'a')), 'b sees a back');
      await decodingBothWays(a, b, 'video after the resume');
      const m = await metrics(server);
      assert.ok((m.get('conf_kit_resumes_total') ?? 0) >= 1, 'the server counted a resume');
      assert.equal(m.get('conf_kit_joins_total'), before.get('conf_kit_joins_total'), 'no new join');
      assert.equal(m.get('conf_kit_transports'), 4, 'the same transports (none re-created)');
      assert.deepEqual(await publishersOf(a), ['b']);
      assert.deepEqual(await publishersOf(b), ['a']);
      assert.equal(await a.evaluate(() => window.session!.state.getSnapshot().reconnectAttempt ?? 0), 0);
    } finally {
      await closePages(a, b);
      await server.stop();
    }
  });

  test('cut for longer than the resume grace: a full rejoin, video back, no duplicate tile', { timeout: 120_000 }, async () => {
    const server = await startServer({ RESUME_GRACE_S: '2' });
    const room = uniqueRoom('cutlong');
    const { page: a, cut } = await cuttablePage(`${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
    const { page: b } = await cuttablePage(`${server.url}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
    try {
      await decodingBothWays(a, b, 'the call decodes');
      const before = await metrics(server);
      cut(true);
      await eventually(async () => (await publishersOf(b)).length === 0, 'after the grace, b sees a leave');
      assert.ok(((await a.evaluate(() => window.session!.state.getSnapshot().reconnectAttempt)) ?? 0) >= 1, 'a counts its attempts');
      cut(false);
      await eventually(async () => (await connectionOf(a)) === 'joined', 'a rejoins', 30_000);
      await decodingBothWays(a, b, 'video back after the rejoin');
      const m = await metrics(server);
      assert.equal(m.get('conf_kit_joins_total'), (before.get('conf_kit_joins_total') ?? 0) + 1, 'one new join');
      assert.equal(m.get('conf_kit_transports'), 4);
      assert.deepEqual(await publishersOf(a), ['b']);
      assert.deepEqual(await publishersOf(b), ['a']);
      assert.equal(await a.evaluate(() => document.querySelectorAll('figure[data-user-id="b"]').length), 1, 'one tile');
    } finally {
      await closePages(a, b);
      await server.stop();
    }
  });
});

describe('faults: the server process', () => {
  /** Two pages in a call on `server`, decoding each other. */
  async function call(server: RunningServer, prefix: string): Promise<[Page, Page]> {
    const { a, b } = await twoPageCall(browser, server, prefix);
    return [a, b];
  }

  /** After a restart on the same port: both pages rejoin and decode again, without a reload. */
  async function backAfterRestart(first: RunningServer, a: Page, b: Page, what: string): Promise<RunningServer> {
    await first.exited;
    const second = await startServer({}, { port: first.port });
    const healthy = Date.now();
    await eventually(async () => (await connectionOf(a)) === 'joined' && (await connectionOf(b)) === 'joined', `${what}: both rejoined`, 30_000);
    await decodingBothWays(a, b, `${what}: video again`);
    console.log(`# ${what}: decoding again ${Date.now() - healthy} ms after /healthz answered`);
    assert.deepEqual(await publishersOf(a), ['b']);
    assert.deepEqual(await publishersOf(b), ['a']);
    return second;
  }

  test('kill -9 and a restart on the same port: both pages decode again without a reload', { timeout: 120_000 }, async () => {
    const first = await startServer();
    const [a, b] = await call(first, 'kill9');
    let second: RunningServer | null = null;
    try {
      first.kill('SIGKILL');
      await eventually(async () => (await connectionOf(a)) === 'reconnecting', 'a notices');
      second = await backAfterRestart(first, a, b, 'kill -9');
    } finally {
      await closePages(a, b);
      await Promise.all([first.stop(), second?.stop()]);
    }
  });

  test('SIGTERM: serverShutdown, then both pages come back after the restart', { timeout: 120_000 }, async () => {
    const first = await startServer({ SHUTDOWN_RECONNECT_MS: '1500' });
    const [a, b] = await call(first, 'sigterm');
    let second: RunningServer | null = null;
    try {
      first.kill('SIGTERM');
      await eventually(async () => (await connectionOf(a)) === 'reconnecting' && (await connectionOf(b)) === 'reconnecting', 'both told to reconnect');
      second = await backAfterRestart(first, a, b, 'SIGTERM');
    } finally {
      await closePages(a, b);
      await Promise.all([first.stop(), second?.stop()]);
    }
  });

  test('SIGSTOP for 5 s, then SIGCONT: the call recovers', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const [a, b] = await call(server, 'sigstop');
    try {
      server.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 5000));
      server.kill('SIGCONT');
      await eventually(async () => (await connectionOf(a)) === 'joined' && (await connectionOf(b)) === 'joined', 'both joined');
      await decodingBothWays(a, b, 'video after SIGCONT');
      assert.deepEqual(await publishersOf(a), ['b']);
      assert.deepEqual(await publishersOf(b), ['a']);
    } finally {
      server.kill('SIGCONT');
      await closePages(a, b);
      await server.stop();
    }
  });

  test('a mediasoup worker killed: its room comes back by itself', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const [a, b] = await call(server, 'worker');
    try {
      const pid = await busyWorkerPid(server);
      assert.ok(pid > 0, 'the worker of the room is listed in /metrics');
      process.kill(pid, 'SIGKILL');
      await eventually(async () => ((await metrics(server)).get('conf_kit_worker_restarts_total') ?? 0) >= 1, 'the worker is replaced');
      await eventually(async () => (await connectionOf(a)) === 'joined' && (await connectionOf(b)) === 'joined', 'both rejoined', 30_000);
      await decodingBothWays(a, b, 'video on the new worker');
      assert.deepEqual(await publishersOf(a), ['b']);
      assert.deepEqual(await publishersOf(b), ['a']);
    } finally {
      await closePages(a, b);
      await server.stop();
    }
  });
});
