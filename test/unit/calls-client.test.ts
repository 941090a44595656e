/**
 * CallsClient over a real SignalingClient on a fake WebSocket whose "server" is scripted here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallsClient } from '../../src/calls/CallsClient.js';
import { ConferenceError } from '../../src/errors.js';
import type { WebSocketLike } from '../../src/signaling/SignalingClient.js';

type Reply = (data: any) => { ok: true; data: unknown } | { ok: false; code: string; message: string };

class FakeSocket implements WebSocketLike {
  static last: FakeSocket | null = null;
  static replies: Record<string, Reply> = {};
  readyState = 0;
  onopen: ((e: any) => void) | null = null;
  onclose: ((e: any) => void) | null = null;
  onerror: ((e: any) => void) | null = null;
  onmessage: ((e: any) => void) | null = null;
  readonly sent: { method: string; data: any }[] = [];
  /** Notifications to push before the response of the next request. */
  before: { method: string; data: unknown }[] = [];
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(text: string): void {
    const { id, method, data } = JSON.parse(text);
    this.sent.push({ method, data });
    const reply = FakeSocket.replies[method]?.(data) ?? { ok: true, data: {} };
    queueMicrotask(() => {
      for (const n of this.before.splice(0)) this.push(n.method, n.data);
      this.onmessage?.({ data: JSON.stringify(reply.ok ? { id, ok: true, data: reply.data } : { id, ok: false, error: { code: reply.code, message: reply.message } }) });
    });
  }
  push(method: string, data: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ method, data }) });
  }
  close(code = 1000): void {
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason: '' }));
  }
}

const info = (callId: string, statuses: { userId: string; status: string }[]) => ({
  callId,
  roomId: `room-${callId}`,
  callType: 'video',
  participantIds: ['alice', ...statuses.map((s) => s.userId)],
  statuses,
});
const ringing = { callId: 'c9', roomId: 'r9', from: { userId: 'zoe', name: 'Zoe' }, participantIds: ['zoe', 'alice'], callType: 'audio' };

async function online(): Promise<{ calls: CallsClient; socket: FakeSocket }> {
  FakeSocket.replies = {
    callsConnect: (d) => ({ ok: true, data: { userId: d.userId, name: 'Alice', incoming: [ringing] } }),
    callStart: (d) => ({ ok: true, data: info('c1', d.userIds.map((u: string) => ({ userId: u, status: 'ringing' }))) }),
    callAccept: (d) => ({ ok: true, data: { ...info(d.callId, [{ userId: 'alice', status: 'accepted' }]), roomId: 'r9' } }),
    callInvite: (d) => ({ ok: true, data: info(d.callId, [{ userId: 'bob', status: 'accepted' }, { userId: 'frank', status: 'ringing' }]) }),
  };
  const calls = new CallsClient({ signalingUrl: 'ws://x/ws', WebSocket: FakeSocket, keepAliveMs: 0 });
  await calls.connect({ userId: 'alice', name: 'Alice' });
  return { calls, socket: FakeSocket.last! };
}

describe('CallsClient', () => {
  it('refuses requests before connect with a typed error', async () => {
    const calls = new CallsClient({ signalingUrl: 'ws://x/ws', WebSocket: FakeSocket, keepAliveMs: 0 });
    await assert.rejects(calls.start(['bob'], { callType: 'video' }), (e: unknown) => e instanceof ConferenceError && e.code === 'not-joined');
  });

  it('connects, lists calls already ringing, and tracks callee statuses', async () => {
    const { calls, socket } = await online();
    assert.deepEqual(socket.sent[0], { method: 'callsConnect', data: { userId: 'alice', name: 'Alice' } });
    const snap = calls.getSnapshot();
    assert.equal(snap.connection, 'online');
    assert.deepEqual(snap.incoming.map((c) => c.callId), ['c9']);

    const call = await calls.start(['bob', 'carol'], { callType: 'video' });
    assert.deepEqual(socket.sent.at(-1), { method: 'callStart', data: { userIds: ['bob', 'carol'], callType: 'video' } });
    assert.deepEqual(call.statuses, { bob: 'ringing', carol: 'ringing' });
    const seen: string[] = [];
    calls.on('callStatus', (s) => seen.push(`${s.userId}:${s.status}`));
    socket.push('callStatus', { callId: 'c1', userId: 'carol', status: 'declined' });
    socket.push('callStatus', { callId: 'other', userId: 'x', status: 'busy' });
    assert.deepEqual(seen, ['carol:declined']);
    assert.deepEqual(calls.getSnapshot().calls.c1!.statuses, { bob: 'ringing', carol: 'declined' });

    const invited = await calls.invite('c1', ['frank']);
    assert.equal(invited.statuses.frank, 'ringing');

    const ended: string[] = [];
    calls.on('callEnded', (e) => ended.push(e.reason));
    socket.push('callEnded', { callId: 'c1', reason: 'everyone-left' });
    assert.deepEqual(ended, ['everyone-left']);
    assert.equal(calls.getSnapshot().calls.c1!.ended, 'everyone-left');
    calls.dismiss('c1');
    assert.equal(calls.getSnapshot().calls.c1, undefined);
  });

  it("a caller's hang-up before anyone accepted shows the ringing callees as cancelled", async () => {
    const { calls } = await online();
    FakeSocket.replies.callEnd = () => ({ ok: true, data: {} });
    const call = await calls.start(['bob', 'erin'], { callType: 'video' });
    await calls.hangUp(call.callId);
    const after = calls.getSnapshot().calls[call.callId]!;
    assert.equal(after.ended, 'hang-up');
    assert.deepEqual(after.statuses, { bob: 'cancelled', erin: 'cancelled' });
  });

  it('an end that overtakes the callStart answer (everyone offline) still ends the call', async () => {
    const { calls, socket } = await online();
    socket.before.push({ method: 'callEnded', data: { callId: 'c1', reason: 'offline' } });
    const call = await calls.start(['erin'], { callType: 'audio' });
    assert.equal(calls.getSnapshot().calls[call.callId]!.ended, 'offline');
  });

  it('accept removes the ringing call and returns the room; other tabs stop ringing on callHandled', async () => {
    const { calls, socket } = await online();
    const call = await calls.accept('c9', { callType: 'audio' });
    assert.equal(call.roomId, 'r9');
    assert.equal(call.role, 'callee');
    assert.equal(call.callType, 'audio', 'your call type is the one you accepted with (the call is video)');
    assert.deepEqual(calls.getSnapshot().incoming, []);
    assert.equal((await calls.invite('c9', ['frank'])).callType, 'audio', 'an invitation keeps it');

    const stopped: string[] = [];
    calls.on('ringingStopped', (e) => stopped.push(`${e.callId}:${e.reason}`));
    socket.push('incomingCall', { ...ringing, callId: 'c10' });
    socket.push('incomingCall', { ...ringing, callId: 'c11' });
    socket.push('incomingCall', { ...ringing, callId: 'c11' });
    assert.deepEqual(calls.getSnapshot().incoming.map((c) => c.callId), ['c10', 'c11']);
    socket.push('callHandled', { callId: 'c10', status: 'accepted' });
    socket.push('callEnded', { callId: 'c11', reason: 'cancelled' });
    assert.deepEqual(stopped, ['c10:accepted', 'c11:cancelled']);
    assert.deepEqual(calls.getSnapshot().incoming, []);
  });

  it('decline sends busy when asked; server errors come back as ConferenceErrors', async () => {
    const { calls, socket } = await online();
    await calls.decline('c9', { busy: true });
    assert.deepEqual(socket.sent.at(-1), { method: 'callDecline', data: { callId: 'c9', busy: true } });
    FakeSocket.replies.callAccept = () => ({ ok: false, code: 'forbidden', message: 'not for you' });
    await assert.rejects(calls.accept('c9', { callType: 'video' }), (e: unknown) => e instanceof ConferenceError && e.code === 'forbidden');
  });

  it('goes offline when the socket drops', async () => {
    const { calls, socket } = await online();
    const dropped = new Promise((resolve) => calls.on('disconnected', resolve));
    socket.close(1006);
    await dropped;
    assert.equal(calls.getSnapshot().connection, 'offline');
    assert.deepEqual(calls.getSnapshot().incoming, []);
  });
});
