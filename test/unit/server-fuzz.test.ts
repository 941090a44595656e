/**
 * Property-based fuzzing of the signalling protocol (fast-check; docs/reliability.md).
 * FUZZ_RUNS (default 100) runs of FUZZ_BATCH (default 100) frames = 10,000 frames per CI run.
 * Replay a failure with the seed it prints: FUZZ_SEED=<seed> node --import tsx --test test/unit/server-fuzz.test.ts
 *
 * Asserts: the server stays up, every frame gets exactly one response (ok, or a typed error),
 * and a call in another room keeps working throughout.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { frameArb, knownIds, sendBatchAndCheck } from './fuzz-arbitraries.js';
import { joinedPublisher, scrape } from './reliability-helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const BATCH = Number(process.env.FUZZ_BATCH ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

describe('server: protocol fuzzing (fast-check)', () => {
  let server: ConfServer;
  let bystanders: Awaited<ReturnType<typeof joinedPublisher>>[];
  let bystanderConsumer: string;
  let fuzzer: SignalingTestClient;

  before(async () => {
    server = await startConfServer({
      port: 0,
      numWorkers: 1,
      logLevel: 'silent',
      // The fuzzer sends far faster than a client may; limits are tested elsewhere.
      requestsPerSecond: 0,
      joinsPerMinute: 0,
      connectionsPerMinute: 0,
      // The meetings DB and any recording the fuzzer starts go to a scratch directory.
      dataDir: mkdtempSync(path.join(tmpdir(), 'fuzz-')),
    });
    const room = `bystander-${randomUUID()}`;
    bystanders = [await joinedPublisher(server, room, 'bystander-a', 1), await joinedPublisher(server, room, 'bystander-b', 2)];
    const consumer = await bystanders[1]!.client.call('consume', {
      producerId: bystanders[0]!.producerId,
      rtpCapabilities: bystanders[1]!.joined.routerRtpCapabilities,
    });
    bystanderConsumer = consumer.id;
    await bystanders[1]!.client.call('resumeConsumer', { consumerId: consumer.id });

    // The fuzzer starts joined, with media, so that valid shapes reach deep handler code. Its
    // ids and the bystanders' (which must stay out of its reach) are offered to the generator.
    const f = await joinedPublisher(server, `fuzz-${randomUUID()}`, 'fuzzer', 3);
    fuzzer = f.client;
    knownIds.push(f.send.id, f.recv.id, f.producerId, bystanders[0]!.producerId, bystanders[0]!.send.id, bystanderConsumer);
  });

  after(async () => {
    await Promise.all([fuzzer?.close(), ...(bystanders ?? []).map((b) => b.client.close())]);
    await server?.close();
  });

  it(`${RUNS} x ${BATCH} generated frames: exactly one typed answer each; another room keeps working`, { timeout: 180_000 }, async () => {
    let nextId = 1000;
    let frames = 0;
    const property = fc.asyncProperty(fc.array(frameArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      if (!fuzzer.isOpen) fuzzer = await SignalingTestClient.connect(server.url);
      nextId = await sendBatchAndCheck(fuzzer, batch, nextId);
      frames += batch.length;
      assert.equal(fuzzer.isOpen, true, 'the server never closes the fuzzing socket');

      // The other room is untouched and still works.
      await bystanders[1]!.client.call('requestKeyFrame', { consumerId: bystanderConsumer });
      await bystanders[0]!.client.call('ping', {});
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      const example = JSON.stringify(details.counterexample)?.slice(0, 2000);
      assert.fail(`fuzzing failed; replay with FUZZ_SEED=${SEED} (path ${details.counterexamplePath})\n${cause}\nframes: ${example}`);
    }
    assert.ok(frames >= RUNS * BATCH);

    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    for (const b of bystanders) {
      assert.ok(b.client.isOpen);
      for (const method of ['publisherLeft', 'roomClosed', 'publisherReconnecting', 'consumerClosed'] as const) {
        assert.deepEqual(b.client.received(method), [], `bystander got no ${method}`);
      }
    }
    // Invalid UTF-8 in a text frame is not a readable request: ws closes that socket (1007, RFC 6455), nobody else notices.
    const bad = await SignalingTestClient.connect(server.url);
    bad.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal((await bad.closed).code, 1007);
    await bystanders[1]!.client.call('requestKeyFrame', { consumerId: bystanderConsumer });

    const m = await scrape(server);
    assert.ok((m.get('conf_kit_errors_total') ?? 0) > frames / 4, 'most hostile frames were refused with typed errors');
  });
});
