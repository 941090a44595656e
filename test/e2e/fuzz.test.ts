/**
 * The protocol fuzzer (test/unit/fuzz-arbitraries.ts) against the real server process while two
 * Chromium pages are in a call in another room: FUZZ_RUNS x FUZZ_BATCH (default 100 x 100)
 * frames, each with exactly one typed answer, and both pages keep decoding each other's video
 * throughout (their frame counters keep growing). A failure prints FUZZ_SEED for replay.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { SignalingTestClient } from '../../server/test-client.js';
import { frameArb, sendBatchAndCheck } from '../unit/fuzz-arbitraries.js';
import { eventually, launchBrowser, openPage, sessionFramesOf, startServer, type RunningServer } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const BATCH = Number(process.env.FUZZ_BATCH ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer({ RATE_LIMIT_REQUESTS_PER_SECOND: '0', RATE_LIMIT_JOINS_PER_MINUTE: '0' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test(`fuzzing ${RUNS * BATCH} frames while a call in another room keeps decoding video`, { timeout: 180_000 }, async () => {
  const room = `call-${Date.now()}`;
  const a = await openPage(browser, `${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
  const b = await openPage(browser, `${server.url}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
  try {
    await eventually(async () => (await sessionFramesOf(b, 'a')) > 0 && (await sessionFramesOf(a, 'b')) > 0, 'the call decodes');
    let fuzzer = await SignalingTestClient.connect(server.url);
    let nextId = 1000;
    let lastA = await sessionFramesOf(b, 'a');
    let lastB = await sessionFramesOf(a, 'b');
    let run = 0;
    const property = fc.asyncProperty(fc.array(frameArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      if (!fuzzer.isOpen) fuzzer = await SignalingTestClient.connect(server.url);
      nextId = await sendBatchAndCheck(fuzzer, batch, nextId);
      if (++run % 20 === 0) {
        // Video keeps decoding during the barrage.
        await eventually(async () => (await sessionFramesOf(b, 'a')) > lastA && (await sessionFramesOf(a, 'b')) > lastB, `video still decoding after run ${run}`, 30_000);
        [lastA, lastB] = [await sessionFramesOf(b, 'a'), await sessionFramesOf(a, 'b')];
      }
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      assert.fail(`fuzzing failed; replay with FUZZ_SEED=${SEED} (path ${details.counterexamplePath})\n${cause}\nframes: ${JSON.stringify(details.counterexample)?.slice(0, 2000)}`);
    }
    await fuzzer.close();
    await eventually(async () => (await sessionFramesOf(b, 'a')) > lastA && (await sessionFramesOf(a, 'b')) > lastB, 'still decoding after the barrage');
    const health = await (await fetch(`${server.url}/healthz`)).json();
    assert.equal(health.ok, true);
  } finally {
    await Promise.all([a, b].map((p) => p.context().close()));
  }
});
