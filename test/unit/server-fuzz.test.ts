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
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ErrorCode, ResponseMessage } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { encodeFrame, frameArb, knownIds } from './fuzz-arbitraries.js';
import { joinedPublisher, scrape } from './reliability-helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const BATCH = Number(process.env.FUZZ_BATCH ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

const ERROR_CODES = {
  'invalid-message': true,
  'unknown-method': true,
  'invalid-params': true,
  'not-joined': true,
  'already-joined': true,
  'room-full': true,
  'too-large': true,
  'protocol-mismatch': true,
  'not-found': true,
  replaced: true,
  'room-closed': true,
  internal: true,
  unauthorized: true,
  forbidden: true,
  'rate-limited': true,
} satisfies Record<ErrorCode, true>;

function typed(response: ResponseMessage): boolean {
  if (response.ok === true) return typeof response.id === 'number';
  return (
    response.ok === false &&
    Object.prototype.hasOwnProperty.call(ERROR_CODES, response.error?.code) &&
    typeof response.error.message === 'string'
  );
}

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
      const start = fuzzer.responses.length;
      const ids: number[] = [];
      for (const frame of batch) {
        const { payload, binary } = encodeFrame(frame, () => {
          ids.push(nextId);
          return nextId++;
        });
        fuzzer.ws.send(payload, { binary });
      }
      frames += batch.length;
      // Wait for one answer per frame (a ping after the batch is answered after all of them).
      const pong = await fuzzer.call('ping', {});
      assert.ok(pong.now > 0, 'the server answers after the batch');
      const got = fuzzer.responses.slice(start, start + batch.length);
      const extra = fuzzer.responses.slice(start + batch.length, -1);
      assert.equal(got.length, batch.length, 'one response per frame');
      assert.deepEqual(extra, [], 'no second response for any frame');
      for (const r of got) assert.ok(typed(r), `a typed response: ${JSON.stringify(r).slice(0, 300)}`);
      const answered = new Map<number, number>();
      for (const r of got) if (r.id !== null) answered.set(r.id, (answered.get(r.id) ?? 0) + 1);
      for (const id of ids) assert.equal(answered.get(id), 1, `request ${id} answered exactly once`);
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
