/**
 * Room semantics against a real server and real mediasoup workers, over real WebSockets
 * (no browser: producers are created from hand-written RTP parameters, no packets flow).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type PublisherInfo, type TransportInfo } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { levelFromDbov, levelsKey } from '../../server/room.js';
import { RequestFailed, SignalingTestClient } from '../../server/test-client.js';

const join = (roomId: string, userId: string, name = userId) => ({
  protocolVersion: PROTOCOL_VERSION,
  roomId,
  userId,
  name,
  callType: 'video' as const,
});

const opusRtpParameters = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  encodings: [{ ssrc: 22222222 }],
  rtcp: { cname: 'alice-mic' },
};

const vp8RtpParameters = {
  codecs: [
    { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
  ],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
  encodings: [
    { ssrc: 33330001, rtx: { ssrc: 33330002 }, scalabilityMode: 'L1T3' },
    { ssrc: 33330003, rtx: { ssrc: 33330004 }, scalabilityMode: 'L1T3' },
  ],
  rtcp: { cname: 'alice-cam' },
};

async function health(server: ConfServer): Promise<{ ok: boolean; rooms: number; workers: number }> {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200);
  return (await res.json()) as { ok: boolean; rooms: number; workers: number };
}

/** Polls until `check` passes (rooms close asynchronously after the socket closes). No timing assertions. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; ; ) {
    if (await check()) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

/** PIDs of this process's mediasoup-worker children. */
function childWorkerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, stat, comm]) => comm?.startsWith('mediasoup-worke') && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

function userIds(publishers: PublisherInfo[]): string[] {
  return publishers.map((p) => p.userId);
}

describe('server: rooms', () => {
  let server: ConfServer;
  const clients: SignalingTestClient[] = [];
  const connect = async () => {
    const c = await SignalingTestClient.connect(server.url);
    clients.push(c);
    return c;
  };

  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', maxParticipants: 2, resumeGraceS: 0.5 });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
  });

  it('serves /healthz and a placeholder or demo page', async () => {
    const h = await health(server);
    assert.deepEqual([h.ok, h.rooms, h.workers], [true, 0, 1]);
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const missing = await fetch(`${server.url}/no-such-file.js`);
    assert.equal(missing.status, 404);
    await missing.text();
    const traversal = await fetch(`${server.url}/%2e%2e/%2e%2e/package.json`);
    assert.equal(traversal.status, 404);
    await traversal.text();
  });

  it('join returns capabilities, publishers and the limit; the second joiner is announced', async () => {
    const alice = await connect();
    const first = await alice.call('join', join('room-a', 'alice', 'Alice'));
    assert.deepEqual(first.publishers, []);
    assert.equal(first.maxParticipants, 2);
    assert.ok(Array.isArray((first.routerRtpCapabilities as { codecs: unknown[] }).codecs));

    const bob = await connect();
    const second = await bob.call('join', join('room-a', 'bob', 'Bob'));
    assert.deepEqual(second.publishers, [{ userId: 'alice', name: 'Alice', callType: 'video', producers: [] }]);

    const joined = await alice.waitFor('publisherJoined', (d) => d.publisher.userId === 'bob');
    assert.deepEqual(joined.data.publisher, { userId: 'bob', name: 'Bob', callType: 'video', producers: [] });
    assert.equal((await health(server)).rooms, 1);

    await Promise.all([alice.close(), bob.close()]);
    await eventually(async () => (await health(server)).rooms === 0, 'room-a closes when empty');
  });

  it('room-full: the third joiner is refused and nothing changes', async () => {
    const a = await connect();
    const b = await connect();
    const c = await connect();
    await a.call('join', join('room-full', 'a'));
    await b.call('join', join('room-full', 'b'));
    const refused = await c.request('join', join('room-full', 'c'));
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.equal(refused.error.code, 'room-full');
    assert.ok(c.isOpen, 'a refused joiner keeps its socket');

    // The room still has exactly a and b: a fresh observer cannot even get in, and nobody heard of c.
    const d = await connect();
    const alsoRefused = await d.request('join', join('room-full', 'd'));
    assert.ok(!alsoRefused.ok && alsoRefused.error.code === 'room-full');
    assert.deepEqual(a.received('publisherJoined').map((n) => n.publisher.userId), ['b']);
    assert.deepEqual(b.received('publisherJoined'), []);

    // The refused socket can still join elsewhere.
    const elsewhere = await c.call('join', join('room-other', 'c'));
    assert.deepEqual(elsewhere.publishers, []);

    // After b leaves there is room again, and the newcomer sees exactly a.
    await b.call('leave', {});
    const left = await a.waitFor('publisherLeft', (d) => d.userId === 'b');
    assert.equal(left.data.reason, 'left');
    const nowIn = await d.call('join', join('room-full', 'd'));
    assert.deepEqual(userIds(nowIn.publishers), ['a']);
    await Promise.all([a.close(), b.close(), c.close(), d.close()]);
  });

  it('rejoin with the same userId replaces the old connection', async () => {
    const alice = await connect();
    const bob1 = await connect();
    await alice.call('join', join('room-rejoin', 'alice'));
    await bob1.call('join', join('room-rejoin', 'bob'));
    await alice.waitFor('publisherJoined', (d) => d.publisher.userId === 'bob');

    // The room is full (max 2), but a rejoin does not count against the limit.
    const bob2 = await connect();
    const rejoined = await bob2.call('join', join('room-rejoin', 'bob', 'Bob again'));
    assert.deepEqual(userIds(rejoined.publishers), ['alice']);

    await bob1.waitFor('replaced');
    const closed = await bob1.closed;
    assert.equal(closed.code, 4001);

    await alice.waitFor('publisherJoined', (d) => d.publisher.name === 'Bob again');
    const aboutBob = alice.notifications.filter(
      (n) =>
        (n.method === 'publisherJoined' || n.method === 'publisherLeft') &&
        ((n.data as { userId?: string }).userId ?? (n.data as { publisher: PublisherInfo }).publisher.userId) === 'bob',
    );
    assert.deepEqual(
      aboutBob.map((n) => [n.method, n.method === 'publisherLeft' ? (n.data as { reason: string }).reason : (n.data as { publisher: PublisherInfo }).publisher.name]),
      [
        ['publisherJoined', 'bob'],
        ['publisherLeft', 'replaced'],
        ['publisherJoined', 'Bob again'],
      ],
    );

    // Alice's view, replayed: exactly one bob.
    const view = new Map<string, PublisherInfo>();
    for (const n of alice.notifications) {
      if (n.method === 'publisherJoined') {
        const p = (n.data as { publisher: PublisherInfo }).publisher;
        view.set(p.userId, p);
      } else if (n.method === 'publisherLeft') view.delete((n.data as { userId: string }).userId);
    }
    assert.deepEqual([...view.keys()], ['bob']);

    // The old socket's session is gone; its late disconnect did not remove the new bob.
    assert.deepEqual(alice.received('publisherLeft').map((d) => d.reason), ['replaced']);

    // A newcomer (alice rejoining from another tab) sees one entry for bob.
    const alice2 = await connect();
    const view2 = await alice2.call('join', join('room-rejoin', 'alice'));
    assert.deepEqual(userIds(view2.publishers), ['bob']);
    assert.equal((await alice.closed).code, 4001);
    await Promise.all([bob2.close(), alice2.close()]);
  });

  it('createTransport returns ICE and DTLS parameters; produce/consume/close are announced', async () => {
    const alice = await connect();
    const bob = await connect();
    const { routerRtpCapabilities } = await alice.call('join', join('room-media', 'alice'));
    await bob.call('join', join('room-media', 'bob'));

    const send: TransportInfo = await alice.call('createTransport', { direction: 'send' });
    assert.equal(typeof send.id, 'string');
    const ice = send.iceParameters as { usernameFragment: string; password: string };
    assert.ok(ice.usernameFragment && ice.password);
    assert.ok(send.iceCandidates.length >= 1);
    for (const candidate of send.iceCandidates as { ip: string }[]) assert.equal(candidate.ip, '127.0.0.1');
    assert.ok((send.dtlsParameters as { fingerprints: unknown[] }).fingerprints.length > 0);

    const mic = await alice.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    const cam = await alice.call('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8RtpParameters, source: 'camera', paused: true });
    const updated = await bob.waitFor('publisherUpdated', (d) => d.publisher.producers.length === 2);
    assert.deepEqual(
      updated.data.publisher.producers.map((p) => [p.id, p.kind, p.source, p.paused]),
      [
        [mic.producerId, 'audio', 'mic', false],
        [cam.producerId, 'video', 'camera', true],
      ],
    );

    // Mute = pause, announced with the whole info.
    await alice.call('setProducerPaused', { producerId: mic.producerId, paused: true });
    await bob.waitFor('publisherUpdated', (d) => d.publisher.producers.every((p) => p.paused));

    await bob.call('createTransport', { direction: 'recv' });
    const consumer = await bob.call('consume', { producerId: cam.producerId, rtpCapabilities: routerRtpCapabilities });
    assert.equal(consumer.producerId, cam.producerId);
    assert.equal(consumer.userId, 'alice');
    assert.equal(consumer.kind, 'video');
    assert.equal(consumer.source, 'camera');
    assert.equal(consumer.producerPaused, true);
    await bob.call('resumeConsumer', { consumerId: consumer.id });
    await bob.call('requestKeyFrame', { consumerId: consumer.id });

    // Consuming with capabilities that cannot receive the codec is invalid-params.
    const audioOnly = { codecs: (routerRtpCapabilities as { codecs: { kind: string }[] }).codecs.filter((c) => c.kind === 'audio') };
    const cannot = await bob.request('consume', { producerId: cam.producerId, rtpCapabilities: audioOnly });
    assert.ok(!cannot.ok && cannot.error.code === 'invalid-params', JSON.stringify(cannot));

    // The producer goes away: the consumer is closed by the server, and bob hears both.
    await alice.call('closeProducer', { producerId: cam.producerId });
    await bob.waitFor('consumerClosed', (d) => d.consumerId === consumer.id);
    await bob.waitFor('publisherUpdated', (d) => d.publisher.producers.length === 1);
    const gone = await bob.request('resumeConsumer', { consumerId: consumer.id });
    assert.ok(!gone.ok && gone.error.code === 'not-found');

    // A second mic replaces the first (one producer per source).
    const mic2 = await alice.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters, source: 'mic' });
    const last = await bob.waitFor('publisherUpdated', (d) => d.publisher.producers.some((p) => p.id === mic2.producerId));
    assert.deepEqual(last.data.publisher.producers.map((p) => p.id), [mic2.producerId]);

    // Leaving is announced with reason 'left' and closes the room when the last one goes.
    await alice.call('leave', {});
    const left = await bob.waitFor('publisherLeft', (d) => d.userId === 'alice');
    assert.equal(left.data.reason, 'left');
    assert.ok(alice.isOpen, 'leave keeps the socket open');
    const afterLeave = await alice.request('createTransport', { direction: 'send' });
    assert.ok(!afterLeave.ok && afterLeave.error.code === 'not-joined');

    await bob.close();
    await eventually(async () => (await health(server)).rooms === 0, 'room-media closes when empty');
    await alice.close();
  });

  it('a disconnect is announced as disconnected', async () => {
    const a = await connect();
    const b = await connect();
    await a.call('join', join('room-dc', 'a'));
    await b.call('join', join('room-dc', 'b'));
    b.ws.terminate();
    const left = await a.waitFor('publisherLeft', (d) => d.userId === 'b');
    assert.equal(left.data.reason, 'disconnected');
    await a.close();
    await eventually(async () => (await health(server)).rooms === 0, 'all rooms closed');
  });

  it('a dead media worker closes its rooms (roomClosed) and is replaced', async () => {
    const a = await connect();
    const b = await connect();
    await a.call('join', join('room-doomed', 'a'));
    await b.call('join', join('room-doomed', 'b'));
    const workers = childWorkerPids();
    assert.equal(workers.length, 1, 'one mediasoup worker child');
    process.kill(workers[0]!, 'SIGKILL');

    for (const c of [a, b]) {
      const closed = await c.waitFor('roomClosed');
      assert.equal(closed.data.reason, 'worker-died');
      assert.equal(closed.data.rejoin, true);
      assert.ok(c.isOpen, 'the socket stays open');
    }
    // The session is over; no publisherLeft storm for a closed room.
    const notJoined = await a.request('createTransport', { direction: 'send' });
    assert.ok(!notJoined.ok && notJoined.error.code === 'not-joined');
    assert.deepEqual(a.received('publisherLeft'), []);

    await eventually(async () => {
      const h = await health(server);
      return h.rooms === 0 && h.workers === 1 && childWorkerPids().length === 1 && childWorkerPids()[0] !== workers[0];
    }, 'a replacement worker');
    // The same sockets can join again, on the new worker.
    const again = await a.call('join', join('room-doomed', 'a'));
    assert.deepEqual(again.publishers, []);
    const t = await a.call('createTransport', { direction: 'send' });
    assert.ok(t.id);
    await Promise.all([a.close(), b.close()]);
  });

  it('RequestFailed carries the typed error', async () => {
    const c = await connect();
    await assert.rejects(c.call('leave', {}), (e: unknown) => e instanceof RequestFailed && e.response.error.code === 'not-joined');
    await c.close();
  });
});

describe('server: audio levels', () => {
  it('maps dBov -80..0 to 0..1, clamped', () => {
    assert.equal(levelFromDbov(-127), 0);
    assert.equal(levelFromDbov(-80), 0);
    assert.equal(levelFromDbov(-40), 0.5);
    assert.equal(levelFromDbov(0), 1);
    assert.equal(levelFromDbov(5), 1);
  });

  it('levels that draw the same give the same key, so they are not re-broadcast', () => {
    const a = levelsKey([{ userId: 'u1', level: 0.501 }, { userId: 'u2', level: 0.2 }]);
    assert.equal(levelsKey([{ userId: 'u1', level: 0.499 }, { userId: 'u2', level: 0.2 }]), a);
    assert.notEqual(levelsKey([{ userId: 'u1', level: 0.51 }, { userId: 'u2', level: 0.2 }]), a);
    assert.notEqual(levelsKey([{ userId: 'u2', level: 0.2 }]), a);
    assert.equal(levelsKey([]), '');
  });
});
