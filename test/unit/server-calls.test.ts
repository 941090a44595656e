/**
 * Calls against the in-process server over real WebSockets: presence, ringing, accept on one of
 * two sockets, decline, busy, offline, cancel, timeout, invite, hang-up by leaving the room.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { startConfServer, type ConfServer } from '../../server/app.js';
import { RequestFailed, SignalingTestClient } from '../../server/test-client.js';

const join = (roomId: string, userId: string) => ({ protocolVersion: PROTOCOL_VERSION, roomId, userId, name: userId, callType: 'video' as const });

describe('calls over the signalling socket', () => {
  let server: ConfServer;
  const clients: SignalingTestClient[] = [];

  before(async () => {
    server = await startConfServer({ port: 0, logLevel: 'silent', numWorkers: 1, maxParticipants: 6, callAnswerTimeoutMs: 300 });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  async function online(userId: string, extra: { autoBusy?: boolean } = {}): Promise<SignalingTestClient> {
    const c = await SignalingTestClient.connect(server.url);
    clients.push(c);
    await c.call('callsConnect', { userId, name: `${userId} name`, ...extra });
    return c;
  }

  async function failsWith(promise: Promise<unknown>, code: string): Promise<void> {
    await assert.rejects(promise, (e: unknown) => e instanceof RequestFailed && e.response.error.code === code);
  }

  it('needs callsConnect first, and validates params', async () => {
    const c = await SignalingTestClient.connect(server.url);
    clients.push(c);
    await failsWith(c.call('callStart', { userIds: ['bob'], callType: 'video' }), 'not-joined');
    await failsWith(c.call('callsConnect', {}), 'invalid-params');
    const bad = await c.request('callStart', { userIds: [], callType: 'video' });
    assert.equal(!bad.ok && bad.error.code, 'invalid-params');
    const extra = await c.request('callAccept', { callId: 'x', callType: 'video', evil: 1 });
    assert.equal(!extra.ok && extra.error.code, 'invalid-params');
  });

  it('Alice calls Bob (two sockets), Carol, Dave (in a room) and Erin (offline)', async () => {
    const alice = await online('alice');
    const bob1 = await online('bob');
    const bob2 = await online('bob');
    const carol = await online('carol');
    const dave = await online('dave');
    const daveRoom = await SignalingTestClient.connect(server.url);
    clients.push(daveRoom);
    await daveRoom.call('join', join('elsewhere', 'dave'));

    const presence = await alice.call('callsPresence', { userIds: ['bob', 'dave', 'erin'] });
    assert.deepEqual(presence.users, [
      { userId: 'bob', online: true, inCall: false },
      { userId: 'dave', online: true, inCall: true },
      { userId: 'erin', online: false, inCall: false },
    ]);

    const info = await alice.call('callStart', { userIds: ['bob', 'carol', 'dave', 'erin'], callType: 'video' });
    assert.deepEqual(
      info.statuses.map((s) => `${s.userId}:${s.status}`),
      ['bob:ringing', 'carol:ringing', 'dave:busy', 'erin:offline'],
    );
    const rings = await Promise.all([bob1, bob2, carol].map((c) => c.waitFor('incomingCall', (d) => d.callId === info.callId)));
    assert.deepEqual(rings[0].data.from, { userId: 'alice', name: 'alice name' });
    assert.equal(dave.received('incomingCall').length, 0);

    await alice.call('join', join(info.roomId, 'alice'));
    const accepted = await bob1.call('callAccept', { callId: info.callId, callType: 'video' });
    assert.equal(accepted.roomId, info.roomId);
    await bob2.waitFor('callHandled', (d) => d.callId === info.callId && d.status === 'accepted');
    await alice.waitFor('callStatus', (d) => d.userId === 'bob' && d.status === 'accepted');
    await failsWith(bob2.call('callAccept', { callId: info.callId, callType: 'video' }), 'not-found');

    await carol.call('callDecline', { callId: info.callId });
    await alice.waitFor('callStatus', (d) => d.userId === 'carol' && d.status === 'declined');

    const bobRoom = await SignalingTestClient.connect(server.url);
    clients.push(bobRoom);
    await bobRoom.call('join', join(info.roomId, 'bob'));

    // Bob invites Frank; a stranger cannot accept; too many invitees are refused up front.
    const frank = await online('frank');
    const mallory = await online('mallory');
    await failsWith(bob1.call('callInvite', { callId: info.callId, userIds: ['x1', 'x2', 'x3', 'x4', 'x5'] }), 'room-full');
    await bob1.call('callInvite', { callId: info.callId, userIds: ['frank'] });
    await frank.waitFor('incomingCall', (d) => d.callId === info.callId && d.participantIds.includes('frank'));
    await failsWith(mallory.call('callAccept', { callId: info.callId, callType: 'video' }), 'forbidden');
    await frank.call('callAccept', { callId: info.callId, callType: 'audio' });
    const frankRoom = await SignalingTestClient.connect(server.url);
    clients.push(frankRoom);
    const joined = await frankRoom.call('join', join(info.roomId, 'frank'));
    assert.deepEqual(joined.publishers.map((p) => p.userId), ['alice', 'bob']);
    await alice.waitFor('publisherJoined', (d) => d.publisher.userId === 'frank');

    // Hang-up: Alice leaves the room, Bob hangs up and leaves; the call ends for Frank.
    await alice.call('leave', {});
    await bob1.call('callEnd', { callId: info.callId });
    await bobRoom.call('leave', {});
    const ended = await frank.waitFor('callEnded', (d) => d.callId === info.callId);
    assert.equal(ended.data.reason, 'everyone-left');
  });

  it('cancel: the caller hangs up before anyone answers, and the ringing stops', async () => {
    const alice = await online('alice2');
    const bob = await online('bob2');
    const { callId } = await alice.call('callStart', { userIds: ['bob2'], callType: 'audio' });
    await bob.waitFor('incomingCall', (d) => d.callId === callId);
    await alice.call('callEnd', { callId });
    const ended = await bob.waitFor('callEnded', (d) => d.callId === callId);
    assert.equal(ended.data.reason, 'cancelled');
    await failsWith(bob.call('callAccept', { callId, callType: 'audio' }), 'not-found');
  });

  it('timeout: no answer within answerTimeout ends the ringing on both sides', async () => {
    const alice = await online('alice3');
    const bob = await online('bob3');
    const { callId } = await alice.call('callStart', { userIds: ['bob3'], callType: 'video' });
    assert.equal((await bob.waitFor('callEnded', (d) => d.callId === callId)).data.reason, 'no-answer');
    await alice.waitFor('callStatus', (d) => d.callId === callId && d.status === 'no-answer');
  });

  it('a callee whose socket closes while ringing is reported offline; autoBusy:false still rings', async () => {
    const alice = await online('alice4');
    const bob = await online('bob4', { autoBusy: false });
    const bobRoom = await SignalingTestClient.connect(server.url);
    clients.push(bobRoom);
    await bobRoom.call('join', join('meeting-4', 'bob4'));
    const { callId } = await alice.call('callStart', { userIds: ['bob4'], callType: 'video' });
    await bob.waitFor('incomingCall', (d) => d.callId === callId);
    await bob.close();
    await alice.waitFor('callStatus', (d) => d.callId === callId && d.status === 'offline');
  });
});
