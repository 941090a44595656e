/**
 * A fake CallsClient for component tests and stories: no socket; methods record calls and
 * `ring()`, `setStatus()`, `end()` play the server's part.
 */
import type { ActiveCall, CallsSnapshot } from '../calls/CallsClient.js';
import type { CallEndReason, CallStatus, IncomingCall } from '../protocol/calls.js';
import type { CallType } from '../protocol/protocol.js';
import { Store } from '../state/store.js';

export class FakeCalls {
  readonly #store = new Store<CallsSnapshot>({ connection: 'online', userId: 'me', name: 'Me', incoming: [], calls: {} });
  readonly log: { method: string; args: unknown[] }[] = [];
  #next = 1;
  getSnapshot = () => this.#store.getSnapshot();
  subscribe = (l: (s: CallsSnapshot) => void) => this.#store.subscribe(l);

  ring(call: Partial<IncomingCall> & { from: IncomingCall['from'] }): IncomingCall {
    const full: IncomingCall = { callId: `in-${this.#next++}`, roomId: 'room-in', participantIds: [call.from.userId, 'me'], callType: 'video', ...call };
    this.#store.update((s) => ({ ...s, incoming: [...s.incoming, full] }));
    return full;
  }
  setStatus(callId: string, userId: string, status: CallStatus): void {
    this.#patchCall(callId, (c) => ({ ...c, statuses: { ...c.statuses, [userId]: status } }));
  }
  end(callId: string, reason: CallEndReason = 'everyone-left'): void {
    this.#store.update((s) => ({ ...s, incoming: s.incoming.filter((c) => c.callId !== callId) }));
    this.#patchCall(callId, (c) => ({ ...c, ended: reason }));
  }

  async start(userIds: string[], options: { callType: CallType; meetingId?: string }): Promise<ActiveCall> {
    this.log.push({ method: 'start', args: [userIds, options] });
    const call: ActiveCall = {
      callId: `out-${this.#next++}`, roomId: options.meetingId ?? 'room-out', callType: options.callType, role: 'caller',
      participantIds: ['me', ...userIds], statuses: Object.fromEntries(userIds.map((u) => [u, 'ringing' as const])), ended: null,
    };
    this.#store.update((s) => ({ ...s, calls: { ...s.calls, [call.callId]: call } }));
    return call;
  }
  async accept(callId: string, options: { callType: CallType }): Promise<ActiveCall> {
    this.log.push({ method: 'accept', args: [callId, options] });
    const ring = this.getSnapshot().incoming.find((c) => c.callId === callId)!;
    const call: ActiveCall = { callId, roomId: ring.roomId, callType: ring.callType, role: 'callee', participantIds: ring.participantIds, statuses: {}, ended: null };
    this.#store.update((s) => ({ ...s, incoming: s.incoming.filter((c) => c.callId !== callId), calls: { ...s.calls, [callId]: call } }));
    return call;
  }
  async decline(callId: string, options: { busy?: boolean } = {}): Promise<void> {
    this.log.push({ method: 'decline', args: [callId, options] });
    this.#store.update((s) => ({ ...s, incoming: s.incoming.filter((c) => c.callId !== callId) }));
  }
  async hangUp(callId: string): Promise<void> {
    this.log.push({ method: 'hangUp', args: [callId] });
    this.#patchCall(callId, (c) => {
      const cancel = c.role === 'caller' && !Object.values(c.statuses).includes('accepted');
      const statuses = cancel ? Object.fromEntries(Object.entries(c.statuses).map(([u, st]) => [u, st === 'ringing' ? ('cancelled' as const) : st])) : c.statuses;
      return { ...c, ended: 'hang-up', statuses };
    });
  }
  async invite(callId: string, userIds: string[]): Promise<ActiveCall> {
    this.log.push({ method: 'invite', args: [callId, userIds] });
    for (const u of userIds) this.setStatus(callId, u, 'ringing');
    return this.getSnapshot().calls[callId]!;
  }
  dismiss(callId: string): void {
    const { [callId]: _gone, ...rest } = this.getSnapshot().calls;
    this.#store.update((s) => ({ ...s, calls: rest }));
  }
  #patchCall(callId: string, fn: (c: ActiveCall) => ActiveCall): void {
    const c = this.getSnapshot().calls[callId];
    if (c) this.#store.update((s) => ({ ...s, calls: { ...s.calls, [callId]: fn(c) } }));
  }
}
