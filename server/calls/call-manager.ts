/**
 * The calls themselves: ringing, per-callee status, answer timeouts, hang-up, invitations, and
 * the end of a call when nobody else is left. Synchronous and I/O-free: sockets are CallPeers,
 * timers and ids are injected, so the unit tests drive it with fake timers.
 */
import { randomUUID } from 'node:crypto';
import type { CallType } from '../../src/protocol/protocol.js';
import type { CallEndReason, CallInfo, CallStatus, IncomingCall } from '../../src/protocol/calls.js';
import { ProtocolError } from '../protocol-schema.js';
import type { CallPeer, Presence } from './presence.js';

export const DEFAULT_ANSWER_TIMEOUT_MS = 60_000;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CallManagerOptions {
  presence: Presence;
  /** How long a callee rings before `no-answer` (default 60 s). */
  answerTimeoutMs?: number;
  /** The room limit: invitations beyond it are refused with `room-full`. */
  maxParticipants: number;
  /** People already in a room who are not members of the call (a meeting's room). Default 0. */
  roomOccupancy?: (roomId: string) => number;
  timers?: Timers;
  newId?: () => string;
}

interface Member {
  userId: string;
  /** `caller` for the one who started the call. */
  status: CallStatus | 'caller';
  /** Left the call (hung up, or left its room) after being in it. */
  left: boolean;
  /** In the call's room right now. */
  inRoom: boolean;
  timer: unknown;
  /** How this member is in the call: the call's type for the caller, the accepted type for a callee. */
  callType?: CallType;
}

interface Call {
  id: string;
  roomId: string;
  callType: CallType;
  from: { userId: string; name: string };
  members: Map<string, Member>;
  everAccepted: boolean;
}

const isActive = (m: Member) => (m.status === 'caller' || m.status === 'accepted') && !m.left;

export class CallManager {
  private readonly calls = new Map<string, Call>();
  private readonly presence: Presence;
  private readonly answerTimeoutMs: number;
  private readonly maxParticipants: number;
  private readonly roomOccupancy: (roomId: string) => number;
  private readonly timers: Timers;
  private readonly newId: () => string;

  constructor(options: CallManagerOptions) {
    this.presence = options.presence;
    this.answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    this.maxParticipants = options.maxParticipants;
    this.roomOccupancy = options.roomOccupancy ?? (() => 0);
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.newId = options.newId ?? randomUUID;
  }

  get size(): number {
    return this.calls.size;
  }

  /** In a room, or an active member of a call. */
  isInCall(userId: string): boolean {
    if (this.presence.isInRoom(userId)) return true;
    for (const call of this.calls.values()) {
      const m = call.members.get(userId);
      if (m && isActive(m)) return true;
    }
    return false;
  }

  /** How `userId` is in call `callId` (the accepted callType), or null if not accepted (or unknown). */
  callTypeOf(callId: string, userId: string): CallType | null {
    return this.calls.get(callId)?.members.get(userId)?.callType ?? null;
  }

  /** Calls ringing for `userId` now. */
  ringingFor(userId: string): IncomingCall[] {
    return [...this.calls.values()].filter((c) => c.members.get(userId)?.status === 'ringing').map((c) => this.incoming(c));
  }

  start(caller: CallPeer, params: { userIds: string[]; callType: CallType; meetingId?: string }): CallInfo {
    const callees = [...new Set(params.userIds)];
    if (callees.includes(caller.userId)) throw new ProtocolError('invalid-params', 'you cannot call yourself');
    const roomId = params.meetingId ?? `call-${this.newId()}`;
    this.checkRoom(roomId, 1 + callees.length);
    const call: Call = {
      id: this.newId(),
      roomId,
      callType: params.callType,
      from: { userId: caller.userId, name: caller.name },
      members: new Map([[caller.userId, { userId: caller.userId, status: 'caller', left: false, inRoom: false, timer: null, callType: params.callType }]]),
      everAccepted: false,
    };
    this.calls.set(call.id, call);
    for (const userId of callees) call.members.set(userId, { userId, status: 'ringing', left: false, inRoom: false, timer: null });
    for (const userId of callees) this.ring(call, userId);
    const info = this.info(call);
    this.checkEnd(call);
    return info;
  }

  accept(peer: CallPeer, callId: string, callType?: CallType): CallInfo {
    const { call, member } = this.ringingMember(peer, callId);
    this.clearTimer(member);
    member.status = 'accepted';
    member.callType = callType ?? call.callType;
    call.everAccepted = true;
    this.presence.send(peer.userId, 'callHandled', { callId, status: 'accepted' }, peer);
    this.broadcastStatus(call, member);
    return this.info(call);
  }

  decline(peer: CallPeer, callId: string, busy = false): void {
    const { call, member } = this.ringingMember(peer, callId);
    this.clearTimer(member);
    member.status = busy ? 'busy' : 'declined';
    this.presence.send(peer.userId, 'callHandled', { callId, status: busy ? 'busy' : 'declined' }, peer);
    this.broadcastStatus(call, member);
    this.checkEnd(call);
  }

  /** Hang-up. From a callee still ringing it is a decline. */
  end(peer: CallPeer, callId: string): void {
    const call = this.get(callId);
    const member = call.members.get(peer.userId);
    if (!member) throw new ProtocolError('forbidden', `you are not in call ${callId}`);
    if (member.status === 'ringing') return this.decline(peer, callId);
    if (!isActive(member)) return;
    member.left = true;
    this.presence.send(peer.userId, 'callEnded', { callId, reason: 'hang-up' }, peer);
    this.checkEnd(call, member.status === 'caller' && !call.everAccepted ? 'cancelled' : undefined);
  }

  invite(peer: CallPeer, callId: string, userIds: string[]): CallInfo {
    const call = this.get(callId);
    const self = call.members.get(peer.userId);
    if (!self || !isActive(self)) throw new ProtocolError('forbidden', `only people in call ${callId} can invite`);
    const fresh = [...new Set(userIds)].filter((id) => {
      const m = call.members.get(id);
      return !m || (!isActive(m) && m.status !== 'ringing');
    });
    const current = [...call.members.values()].filter((m) => isActive(m) || m.status === 'ringing').length;
    this.checkRoom(call.roomId, current + fresh.length);
    for (const userId of fresh) {
      call.members.set(userId, { userId, status: 'ringing', left: false, inRoom: false, timer: null });
      this.ring(call, userId);
    }
    return this.info(call);
  }

  /** A participant of `userId` entered room `roomId` (any connection). */
  roomJoined(userId: string, roomId: string): void {
    this.presence.roomEntered(userId, roomId);
    for (const call of this.calls.values()) {
      const m = call.roomId === roomId ? call.members.get(userId) : undefined;
      if (m && isActive(m)) m.inRoom = true;
    }
  }

  /** A participant of `userId` left room `roomId`. `replaced` (a rejoin) does not leave the call. */
  roomLeft(userId: string, roomId: string, replaced = false): void {
    const gone = this.presence.roomLeft(userId, roomId);
    if (!gone || replaced) return;
    for (const call of [...this.calls.values()]) {
      const m = call.roomId === roomId ? call.members.get(userId) : undefined;
      if (!m || !isActive(m) || !m.inRoom) continue;
      m.inRoom = false;
      m.left = true;
      this.checkEnd(call);
    }
  }

  /** A socket went offline. The user's last socket: ringing stops (`offline`), an active member who never joined leaves. */
  peerGone(peer: CallPeer): void {
    if (!this.presence.remove(peer)) return;
    for (const call of [...this.calls.values()]) {
      const m = call.members.get(peer.userId);
      if (!m) continue;
      if (m.status === 'ringing') {
        this.clearTimer(m);
        m.status = 'offline';
        this.broadcastStatus(call, m);
        this.checkEnd(call);
      } else if (isActive(m) && !m.inRoom) {
        m.left = true;
        this.checkEnd(call, m.status === 'caller' && !call.everAccepted ? 'cancelled' : undefined);
      }
    }
  }

  /** Ends every call (server shutdown); clears the timers. */
  closeAll(): void {
    for (const call of this.calls.values()) for (const m of call.members.values()) this.clearTimer(m);
    this.calls.clear();
  }

  // -------------------------------------------------------------------------

  private get(callId: string): Call {
    const call = this.calls.get(callId);
    if (!call) throw new ProtocolError('not-found', `no call ${callId} (it may have ended)`);
    return call;
  }

  private ringingMember(peer: CallPeer, callId: string): { call: Call; member: Member } {
    const call = this.get(callId);
    const member = call.members.get(peer.userId);
    if (!member || member.status === 'caller') throw new ProtocolError('forbidden', `call ${callId} was not for you`);
    if (member.status !== 'ringing') {
      throw new ProtocolError('not-found', `call ${callId} is no longer ringing for you (${member.status})`);
    }
    return { call, member };
  }

  private checkRoom(roomId: string, members: number): void {
    const total = members + this.roomOccupancy(roomId);
    if (total > this.maxParticipants) {
      throw new ProtocolError('room-full', `a call holds at most ${this.maxParticipants} people; this would make ${total}`);
    }
  }

  private ring(call: Call, userId: string): void {
    const member = call.members.get(userId)!;
    member.left = false;
    member.inRoom = false;
    const peers = this.presence.peersOf(userId);
    if (peers.length === 0) {
      member.status = 'offline';
    } else if (this.isInCall(userId) && peers.every((p) => p.autoBusy)) {
      member.status = 'busy';
    } else {
      member.status = 'ringing';
      member.timer = this.timers.setTimeout(() => this.timeout(call, member), this.answerTimeoutMs);
      const incoming = this.incoming(call);
      for (const peer of peers) peer.notify('incomingCall', incoming);
    }
    this.broadcastStatus(call, member);
  }

  private timeout(call: Call, member: Member): void {
    member.timer = null;
    if (this.calls.get(call.id) !== call || member.status !== 'ringing') return;
    member.status = 'no-answer';
    this.presence.send(member.userId, 'callEnded', { callId: call.id, reason: 'no-answer' });
    this.broadcastStatus(call, member);
    this.checkEnd(call);
  }

  /** Ends the call when nobody else can still be in it: no active member, or one alone with nobody ringing. */
  private checkEnd(call: Call, ringingReason?: CallEndReason): void {
    if (this.calls.get(call.id) !== call) return;
    const members = [...call.members.values()];
    const active = members.filter(isActive);
    const ringing = members.filter((m) => m.status === 'ringing');
    if (active.length > 1 || (active.length === 1 && ringing.length > 0)) return;
    this.calls.delete(call.id);
    for (const m of ringing) {
      this.clearTimer(m);
      m.status = 'cancelled';
      this.presence.send(m.userId, 'callEnded', { callId: call.id, reason: ringingReason ?? 'cancelled' });
    }
    const reason = this.endReason(call, members);
    for (const m of active) this.presence.send(m.userId, 'callEnded', { callId: call.id, reason });
  }

  private endReason(call: Call, members: Member[]): CallEndReason {
    if (call.everAccepted) return 'everyone-left';
    const callees = members.filter((m) => m.status !== 'caller');
    if (callees.length > 0 && callees.every((m) => m.status === 'offline')) return 'offline';
    if (callees.some((m) => m.status === 'declined' || m.status === 'busy')) return 'declined';
    return 'no-answer';
  }

  /** Tells everyone in the call (caller and accepted callees) about one callee's status. */
  private broadcastStatus(call: Call, member: Member): void {
    if (member.status === 'caller') return;
    const data = { callId: call.id, userId: member.userId, status: member.status };
    for (const m of call.members.values()) if (isActive(m)) this.presence.send(m.userId, 'callStatus', data);
  }

  private clearTimer(member: Member): void {
    if (member.timer !== null) this.timers.clearTimeout(member.timer);
    member.timer = null;
  }

  private incoming(call: Call): IncomingCall {
    return {
      callId: call.id,
      roomId: call.roomId,
      from: { ...call.from },
      participantIds: [...call.members.keys()],
      callType: call.callType,
    };
  }

  private info(call: Call): CallInfo {
    const statuses: CallInfo['statuses'] = [];
    for (const m of call.members.values()) if (m.status !== 'caller') statuses.push({ userId: m.userId, status: m.status });
    return { callId: call.id, roomId: call.roomId, callType: call.callType, participantIds: [...call.members.keys()], statuses };
  }
}
