/**
 * Idempotent requests (docs/reliability.md, "Overload"): a client retries a request that timed
 * out, but the server may still complete the first one (a connection's requests run in order, so
 * the first completes and the retry follows). Each retried request must leave the server as one
 * request would: one participant, one transport per direction, one consumer per producer. Real
 * server, real mediasoup worker, real WebSockets; the retry is the same request sent again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { fakeDtls, joinedPublisher, joinParams, opusRtpParameters, scrape } from './reliability-helpers.js';


describe('server: retried requests are idempotent', () => {
  let server: ConfServer;
  before(async () => {
    server = await startConfServer({ port: 0, numWorkers: 1, logLevel: 'silent', resumeGraceS: 0 });
  });
  after(async () => server?.close());

  it('join retried on the same socket returns the same session; others see one join', async () => {
    const watcher = await joinedPublisher(server, 'idem-join', 'w', 1001);
    const client = await SignalingTestClient.connect(server.url);
    // Sent twice back to back, as a client does after its first try timed out.
    const [first, retry] = await Promise.all([
      client.call('join', joinParams('idem-join', 'a')),
      client.call('join', joinParams('idem-join', 'a')),
    ]);
    assert.equal(retry.userId, 'a');
    assert.equal(retry.resumeToken, first.resumeToken, 'the same session, the same resume token');
    assert.deepEqual(retry.publishers.map((p) => p.userId), ['w']);
    const m = await scrape(server);
    assert.equal(m.get('conf_kit_participants'), 2);
    assert.equal(m.get('conf_kit_joins_total'), 2, 'w and a: the retry is not a join');
    assert.equal(m.get('conf_kit_rejoins_total') ?? 0, 0);
    await watcher.client.call('ping', {}); // notifications before this answer have arrived
    assert.equal(watcher.client.received('publisherJoined').filter((p) => p.publisher.userId === 'a').length, 1);
    assert.deepEqual(watcher.client.received('publisherLeft'), [], 'no replaced/left for a retried join');

    // Not a retry: another user, or another room, on a joined socket.
    const other = await client.request('join', joinParams('idem-join', 'b'));
    assert.ok(!other.ok && other.error.code === 'already-joined');
    const room = await client.request('join', joinParams('elsewhere', 'a'));
    assert.ok(!room.ok && room.error.code === 'already-joined');
    await Promise.all([client.close(), watcher.client.close()]);
  });

  it('createTransport retried for the same direction returns the same transport, no orphan', async () => {
    const client = await SignalingTestClient.connect(server.url);
    await client.call('join', joinParams('idem-transport', 'a'));
    const [recv1, recv2] = await Promise.all([
      client.call('createTransport', { direction: 'recv' }),
      client.call('createTransport', { direction: 'recv' }),
    ]);
    assert.equal(recv2.id, recv1.id);
    const send1 = await client.call('createTransport', { direction: 'send' });
    const send2 = await client.call('createTransport', { direction: 'send' });
    assert.equal(send2.id, send1.id);
    assert.notEqual(send1.id, recv1.id);
    assert.equal((await scrape(server)).get('conf_kit_transports'), 2, 'one per direction');

    // connectTransport retried with the same DTLS parameters succeeds; other parameters do not.
    await client.call('connectTransport', { transportId: send1.id, dtlsParameters: fakeDtls('AA') });
    await client.call('connectTransport', { transportId: send1.id, dtlsParameters: fakeDtls('AA') });
    const different = await client.request('connectTransport', { transportId: send1.id, dtlsParameters: fakeDtls('BB') });
    assert.ok(!different.ok && different.error.code === 'invalid-params');
    await client.call('leave', {});
    assert.equal((await scrape(server)).get('conf_kit_transports'), 0);
    await client.close();
  });

  it('produce retried with the same streams returns the same producer; other streams replace it', async () => {
    const a = await joinedPublisher(server, 'idem-produce', 'a', 4004);
    const again = await a.client.call('produce', { transportId: a.send.id, kind: 'audio', rtpParameters: opusRtpParameters(4004), source: 'mic' });
    assert.equal(again.producerId, a.producerId);
    assert.equal((await scrape(server)).get('conf_kit_producers'), 1);
    const other = await a.client.call('produce', { transportId: a.send.id, kind: 'audio', rtpParameters: opusRtpParameters(5005), source: 'mic' });
    assert.notEqual(other.producerId, a.producerId, 'a new track (other SSRC) is a new producer');
    assert.equal((await scrape(server)).get('conf_kit_producers'), 1, 'it replaced the old one');
    await a.client.call('leave', {});
    await a.client.close();
  });

  it('consume retried for the same producer returns the same consumer; resumeConsumer twice is fine', async () => {
    const a = await joinedPublisher(server, 'idem-consume', 'a', 2002);
    const b = await joinedPublisher(server, 'idem-consume', 'b', 3003);
    const caps = b.joined.routerRtpCapabilities;
    const [c1, c2] = await Promise.all([
      b.client.call('consume', { producerId: a.producerId, rtpCapabilities: caps }),
      b.client.call('consume', { producerId: a.producerId, rtpCapabilities: caps }),
    ]);
    assert.equal(c2.id, c1.id);
    assert.equal(c2.producerId, a.producerId);
    assert.equal(c2.userId, 'a');
    assert.equal(c2.source, 'mic');
    assert.deepEqual(c2.rtpParameters, c1.rtpParameters);
    assert.equal((await scrape(server)).get('conf_kit_consumers'), 1);

    await b.client.call('resumeConsumer', { consumerId: c1.id });
    await b.client.call('resumeConsumer', { consumerId: c1.id });
    assert.equal((await scrape(server)).get('conf_kit_consumers_paused'), 0);

    // After a close, consuming again is a new consumer.
    await b.client.call('closeConsumer', { consumerId: c1.id });
    const c3 = await b.client.call('consume', { producerId: a.producerId, rtpCapabilities: caps });
    assert.notEqual(c3.id, c1.id);
    assert.equal((await scrape(server)).get('conf_kit_consumers'), 1);
    await Promise.all([a.client.call('leave', {}), b.client.call('leave', {})]);
    await Promise.all([a.client.close(), b.client.close()]);
  });
});
