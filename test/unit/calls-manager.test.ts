/**
 * The call manager on its own: fake peers (recording notifications) and fake timers.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { CallManager, type Timers } from '../../server/calls/call-manager.js';
import { Presence, type CallPeer } from '../../server/calls/presence.js';
import { ProtocolError } from '../../server/protocol-schema.js';

class FakePeer implements CallPeer {
  readonly got: { method: string; data: any }[] = [];
  constructor(
    readonly userId: string,
    readonly autoBusy = true,
    readonly name = userId.toUpperCase(),
  ) {}
  notify(method: string, data: unknown): void {
    this.got.push({ method, data });
  }
  of(method: string): any[] {
    return this.got.filter((n) => n.method === method).map((n) => n.data);
  }
}

class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.pending]) {
      if (t.at <= this.now) {
        this.pending.delete(id);
        t.fn();
      }
    }
  }
  get size(): number {
    return this.pending.size;
  }
}

const rejects = (fn: () => unknown, code: string) =>
  assert.throws(fn, (e: unknown) => e instanceof ProtocolError && e.code === code);

describe('CallManager', () => {
  let presence: Presence;
  let timers: FakeTimers;
  let manager: CallManager;
  let ids: number;
  const online = (...peers: FakePeer[]) => peers.forEach((p) => presence.add(p));

  beforeEach(() => {
    presence = new Presence();
    timers = new FakeTimers();
    ids = 0;
    manager = new CallManager({ presence, timers, answerTimeoutMs: 1000, maxParticipants: 4, newId: () => `id${++ids}` });
  });

  it('rings every socket of each callee and reports offline and busy at once', () => {
    const alice = new FakePeer('alice');
    const bob1 = new FakePeer('bob');
    const bob2 = new FakePeer('bob');
    const dave = new FakePeer('dave');
    online(alice, bob1, bob2, dave);
    manager.roomJoined('dave', 'other-room');
    const info = manager.start(alice, { userIds: ['bob', 'dave', 'erin'], callType: 'video' });
    assert.equal(info.roomId, 'call-id1');
    assert.deepEqual(info.participantIds, ['alice', 'bob', 'dave', 'erin']);
    assert.deepEqual(info.statuses, [
      { userId: 'bob', status: 'ringing' },
      { userId: 'dave', status: 'busy' },
      { userId: 'erin', status: 'offline' },
    ]);
    for (const bob of [bob1, bob2]) {
      assert.deepEqual(bob.of('incomingCall'), [
        { callId: info.callId, roomId: info.roomId, from: { userId: 'alice', name: 'ALICE' }, participantIds: info.participantIds, callType: 'video' },
      ]);
    }
    assert.deepEqual(dave.of('incomingCall'), []);
    assert.deepEqual(alice.of('callStatus').map((s) => `${s.userId}:${s.status}`), ['bob:ringing', 'dave:busy', 'erin:offline']);
  });

  it('uses the meeting id as the room and refuses more people than a room holds', () => {
    const alice = new FakePeer('alice');
    online(alice);
    assert.equal(manager.start(alice, { userIds: ['bob'], callType: 'audio', meetingId: 'm-1' }).roomId, 'm-1');
    rejects(() => manager.start(alice, { userIds: ['b', 'c', 'd', 'e'], callType: 'video' }), 'room-full');
    rejects(() => manager.start(alice, { userIds: ['alice'], callType: 'video' }), 'invalid-params');
  });

  it('accept tells the other sockets (callHandled) and the caller (accepted)', () => {
    const alice = new FakePeer('alice');
    const bob1 = new FakePeer('bob');
    const bob2 = new FakePeer('bob');
    online(alice, bob1, bob2);
    const { callId } = manager.start(alice, { userIds: ['bob'], callType: 'video' });
    assert.equal(manager.callTypeOf(callId, 'bob'), null, 'no call type before accepting');
    const info = manager.accept(bob1, callId, 'audio');
    assert.deepEqual(info.statuses, [{ userId: 'bob', status: 'accepted' }]);
    assert.equal(manager.callTypeOf(callId, 'bob'), 'audio', 'the accepted call type is kept');
    assert.equal(manager.callTypeOf(callId, 'alice'), 'video');
    assert.deepEqual(bob2.of('callHandled'), [{ callId, status: 'accepted' }]);
    assert.deepEqual(bob1.of('callHandled'), []);
    assert.equal(alice.of('callStatus').at(-1).status, 'accepted');
    rejects(() => manager.accept(bob2, callId), 'not-found');
    assert.equal(timers.size, 0, 'the answer timer is cleared');
    assert.ok(manager.isInCall('bob'));
  });

  it('a stranger cannot accept (forbidden), nor invite', () => {
    const alice = new FakePeer('alice');
    const mallory = new FakePeer('mallory');
    online(alice, mallory, new FakePeer('bob'));
    const { callId } = manager.start(alice, { userIds: ['bob'], callType: 'video' });
    rejects(() => manager.accept(mallory, callId), 'forbidden');
    rejects(() => manager.accept(alice, callId), 'forbidden');
    rejects(() => manager.invite(mallory, callId, ['mallory']), 'forbidden');
    rejects(() => manager.accept(mallory, 'nope'), 'not-found');
  });

  it('decline and busy; the call ends for a caller left alone', () => {
    const alice = new FakePeer('alice');
    const bob = new FakePeer('bob');
    const carol = new FakePeer('carol');
    online(alice, bob, carol);
    const { callId } = manager.start(alice, { userIds: ['bob', 'carol'], callType: 'video' });
    manager.decline(carol, callId);
    assert.equal(alice.of('callStatus').at(-1).status, 'declined');
    assert.deepEqual(alice.of('callEnded'), []);
    manager.decline(bob, callId, true);
    assert.equal(alice.of('callStatus').at(-1).status, 'busy');
    assert.deepEqual(alice.of('callEnded'), [{ callId, reason: 'declined' }]);
    assert.equal(manager.size, 0);
  });

  it('no answer within the timeout ends the ringing on both sides', () => {
    const alice = new FakePeer('alice');
    const bob = new FakePeer('bob');
    online(alice, bob);
    const { callId } = manager.start(alice, { userIds: ['bob'], callType: 'video' });
    timers.advance(999);
    assert.deepEqual(bob.of('callEnded'), []);
    timers.advance(1);
    assert.deepEqual(bob.of('callEnded'), [{ callId, reason: 'no-answer' }]);
    assert.equal(alice.of('callStatus').at(-1).status, 'no-answer');
    assert.deepEqual(alice.of('callEnded'), [{ callId, reason: 'no-answer' }]);
  });

  it('the caller hanging up cancels everyone still ringing', () => {
    const alice = new FakePeer('alice');
    const bob1 = new FakePeer('bob');
    const bob2 = new FakePeer('bob');
    const alice2 = new FakePeer('alice');
    online(alice, alice2, bob1, bob2);
    const { callId } = manager.start(alice, { userIds: ['bob'], callType: 'video' });
    manager.end(alice, callId);
    assert.deepEqual(bob1.of('callEnded'), [{ callId, reason: 'cancelled' }]);
    assert.deepEqual(bob2.of('callEnded'), [{ callId, reason: 'cancelled' }]);
    assert.deepEqual(alice2.of('callEnded').at(0), { callId, reason: 'hang-up' });
    assert.equal(timers.size, 0);
    assert.equal(manager.size, 0);
  });

  it('ends for everyone when the last other person leaves the room', () => {
    const alice = new FakePeer('alice');
    const bob = new FakePeer('bob');
    const carol = new FakePeer('carol');
    online(alice, bob, carol);
    const { callId, roomId } = manager.start(alice, { userIds: ['bob', 'carol'], callType: 'video' });
    manager.roomJoined('alice', roomId);
    manager.accept(bob, callId);
    manager.roomJoined('bob', roomId);
    manager.accept(carol, callId);
    manager.roomJoined('carol', roomId);
    manager.roomLeft('alice', roomId);
    assert.equal(manager.size, 1, 'two are still in the call');
    manager.roomLeft('bob', roomId, true);
    assert.equal(manager.size, 1, 'a replaced connection does not leave');
    manager.roomJoined('bob', roomId);
    manager.roomLeft('bob', roomId);
    assert.deepEqual(carol.of('callEnded'), [{ callId, reason: 'everyone-left' }]);
    assert.equal(manager.size, 0);
  });

  it('invite from anyone in the call rings newcomers, and checks the room limit up front', () => {
    const alice = new FakePeer('alice');
    const bob = new FakePeer('bob');
    const frank = new FakePeer('frank');
    online(alice, bob, frank);
    const { callId } = manager.start(alice, { userIds: ['bob'], callType: 'video' });
    manager.accept(bob, callId);
    rejects(() => manager.invite(bob, callId, ['frank', 'g', 'h']), 'room-full');
    assert.deepEqual(frank.of('incomingCall'), []);
    const info = manager.invite(bob, callId, ['frank', 'bob']);
    assert.deepEqual(info.participantIds, ['alice', 'bob', 'frank']);
    assert.equal(frank.of('incomingCall').length, 1);
    assert.equal(alice.of('callStatus').at(-1).userId, 'frank');
    manager.accept(frank, callId);
    assert.equal(bob.of('callStatus').at(-1).status, 'accepted');
  });

  it('autoBusy:false rings a callee who is in a call; going offline while ringing reports offline', () => {
    const alice = new FakePeer('alice');
    const dave = new FakePeer('dave', false);
    online(alice, dave);
    manager.roomJoined('dave', 'x');
    const { callId } = manager.start(alice, { userIds: ['dave'], callType: 'audio' });
    assert.equal(dave.of('incomingCall').length, 1);
    assert.deepEqual(manager.ringingFor('dave').map((c) => c.callId), [callId]);
    manager.peerGone(dave);
    assert.equal(alice.of('callStatus').at(-1).status, 'offline');
    assert.deepEqual(alice.of('callEnded'), [{ callId, reason: 'offline' }]);
  });

  it('a callee hanging up while ringing declines', () => {
    const alice = new FakePeer('alice');
    const bob = new FakePeer('bob');
    const carol = new FakePeer('carol');
    online(alice, bob, carol);
    const { callId } = manager.start(alice, { userIds: ['bob', 'carol'], callType: 'video' });
    manager.end(bob, callId);
    assert.equal(alice.of('callStatus').at(-1).status, 'declined');
    rejects(() => manager.end(new FakePeer('zed'), callId), 'forbidden');
  });
});
