/**
 * `client.calls`: being online for calls, ringing people, answering, hanging up, inviting.
 * No UI and no media: a call gives a `roomId`, which the app joins with a ConferenceSession
 * (or a <conf-room>). State is an immutable snapshot (`subscribe`/`getSnapshot`) plus typed events.
 */
import { ConferenceError } from '../errors.js';
import type { CallType, RequestParams, RequestResult } from '../protocol/protocol.js';
import type { CallEndReason, CallInfo, CallRequests, CallPresence, CallStatus, CallsConnectParams, IncomingCall } from '../protocol/calls.js';
import { Emitter } from '../util/emitter.js';
import { SignalingClient, type SignalingClientOptions } from '../signaling/SignalingClient.js';
import { Store } from '../state/store.js';
import type { ReadableStore } from '../state/types.js';

/** A call you started or accepted. */
export interface ActiveCall {
  readonly callId: string;
  readonly roomId: string;
  readonly callType: CallType;
  readonly role: 'caller' | 'callee';
  readonly participantIds: readonly string[];
  /** Each callee's status (you excluded). */
  readonly statuses: Readonly<Record<string, CallStatus>>;
  /** Why it ended, or null while it goes on. Ended calls stay until `dismiss(callId)`. */
  readonly ended: CallEndReason | null;
}

export type CallsConnection = 'idle' | 'connecting' | 'online' | 'offline';

export interface CallsSnapshot {
  readonly connection: CallsConnection;
  readonly userId: string | null;
  readonly name: string | null;
  /** Calls ringing for you, oldest first. */
  readonly incoming: readonly IncomingCall[];
  /** Calls you are in (or were in, until dismissed), by callId. */
  readonly calls: Readonly<Record<string, ActiveCall>>;
}

export type CallsEventMap = {
  incomingCall: IncomingCall;
  callStatus: { callId: string; userId: string; status: CallStatus };
  /** A ringing call stopped ringing here: handled in another tab, cancelled, or no answer. */
  ringingStopped: { callId: string; reason: CallEndReason | 'accepted' | 'declined' | 'busy' };
  callEnded: { callId: string; reason: CallEndReason };
  disconnected: { code: number; reason: string };
};

/** What CallsClient needs of a signalling connection (SignalingClient fits). */
export type CallsSignaling = Pick<SignalingClient, 'connect' | 'request' | 'on' | 'close'>;

export interface CallsClientOptions extends SignalingClientOptions {
  signalingUrl: string;
  /** Makes the connection (default: a SignalingClient on `signalingUrl`). Tests inject fakes. */
  createSignaling?: (url: string, options: SignalingClientOptions) => CallsSignaling;
}

/** A caller hanging up before anyone accepted cancels the ringing (the server says so to the callees only). */
function cancelledRinging(call: ActiveCall): ActiveCall['statuses'] {
  const statuses = Object.entries(call.statuses);
  if (call.role !== 'caller' || statuses.some(([, s]) => s === 'accepted')) return call.statuses;
  return Object.fromEntries(statuses.map(([u, s]) => [u, s === 'ringing' ? 'cancelled' : s]));
}

const EMPTY: CallsSnapshot = { connection: 'idle', userId: null, name: null, incoming: [], calls: {} };

export class CallsClient extends Emitter<CallsEventMap> implements ReadableStore<CallsSnapshot> {
  readonly #options: CallsClientOptions;
  readonly #store = new Store<CallsSnapshot>(EMPTY);
  #signaling: CallsSignaling | null = null;
  /** callEnded that arrived before the callStart answer (everyone offline or busy). */
  readonly #earlyEnds = new Map<string, CallEndReason>();

  constructor(options: CallsClientOptions) {
    super();
    this.#options = options;
  }

  getSnapshot = (): CallsSnapshot => this.#store.getSnapshot();
  subscribe = (listener: (snapshot: CallsSnapshot) => void): (() => void) => this.#store.subscribe(listener);

  /** Goes online for calls. In secure mode pass `token`; in open mode `userId`. */
  async connect(params: CallsConnectParams): Promise<void> {
    if (this.#signaling) throw new ConferenceError('invalid-params', 'calls.connect() was already called; close() first');
    const { createSignaling, signalingUrl, ...signalingOptions } = this.#options;
    const signaling = createSignaling
      ? createSignaling(signalingUrl, signalingOptions)
      : new SignalingClient(signalingUrl, signalingOptions);
    this.#signaling = signaling;
    this.#patch({ connection: 'connecting' });
    signaling.on('incomingCall', (call) => this.#onIncoming(call));
    signaling.on('callStatus', (data) => this.#onStatus(data));
    signaling.on('callHandled', ({ callId, status }) => this.#stopRinging(callId, status));
    signaling.on('callEnded', ({ callId, reason }) => this.#onEnded(callId, reason));
    signaling.on('disconnected', (info) => {
      if (this.#signaling !== signaling) return;
      this.#signaling = null;
      this.#patch({ connection: 'offline', incoming: [] });
      this.emit('disconnected', info);
    });
    try {
      await signaling.connect();
      const result = await signaling.request('callsConnect', params);
      const known = new Set(this.getSnapshot().incoming.map((c) => c.callId));
      this.#patch({
        connection: 'online',
        userId: result.userId,
        name: result.name,
        incoming: [...this.getSnapshot().incoming, ...result.incoming.filter((c) => !known.has(c.callId))],
      });
    } catch (error) {
      if (this.#signaling === signaling) this.#signaling = null;
      signaling.close();
      this.#patch({ connection: 'offline' });
      throw error;
    }
  }

  /** Rings `userIds`. Then join the returned `roomId` (the caller joins at once). */
  async start(userIds: string[], options: { callType: CallType; meetingId?: string }): Promise<ActiveCall> {
    const info = await this.#request('callStart', { userIds, ...options });
    this.#setCall(info, 'caller');
    const early = this.#earlyEnds.get(info.callId);
    if (early) {
      this.#earlyEnds.delete(info.callId);
      this.#onEnded(info.callId, early);
    }
    return this.getSnapshot().calls[info.callId]!;
  }

  /** Accepts a ringing call; join the returned `roomId` with `callType`. */
  async accept(callId: string, options: { callType: CallType }): Promise<ActiveCall> {
    const info = await this.#request('callAccept', { callId, callType: options.callType });
    this.#removeIncoming(callId);
    this.#setCall(info, 'callee');
    // Your own call type is the one you accepted with (an audio-only answer to a video call).
    this.#updateCall(info.callId, (c) => ({ ...c, callType: options.callType }));
    return this.getSnapshot().calls[info.callId]!;
  }

  /** Declines a ringing call (`busy: true` answers busy). */
  async decline(callId: string, options: { busy?: boolean } = {}): Promise<void> {
    this.#removeIncoming(callId);
    await this.#request('callDecline', { callId, ...(options.busy ? { busy: true } : {}) });
  }

  /** Leaves a call; a caller hanging up before anyone answered cancels the ringing. */
  async hangUp(callId: string): Promise<void> {
    const call = this.getSnapshot().calls[callId];
    if (call && !call.ended) this.#updateCall(callId, (c) => ({ ...c, ended: 'hang-up', statuses: cancelledRinging(c) }));
    await this.#request('callEnd', { callId });
  }

  /** Rings more people into a call you are in. */
  async invite(callId: string, userIds: string[]): Promise<ActiveCall> {
    const info = await this.#request('callInvite', { callId, userIds });
    const role = this.getSnapshot().calls[callId]?.role ?? 'callee';
    this.#setCall(info, role);
    return this.getSnapshot().calls[callId]!;
  }

  /** Who of `userIds` is online, and who is in a call. */
  async presence(userIds: string[]): Promise<CallPresence[]> {
    return (await this.#request('callsPresence', { userIds })).users;
  }

  /** Forgets an ended call. */
  dismiss(callId: string): void {
    const { [callId]: _gone, ...rest } = this.getSnapshot().calls;
    if (_gone) this.#patch({ calls: rest });
  }

  /** Goes offline. */
  close(): void {
    const signaling = this.#signaling;
    this.#signaling = null;
    signaling?.close();
    this.#patch({ connection: 'offline', incoming: [] });
  }

  // -------------------------------------------------------------------------

  async #request<M extends keyof CallRequests>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    if (!this.#signaling || this.getSnapshot().connection !== 'online') {
      throw new ConferenceError('not-joined', `calls.${method}: connect() first`);
    }
    return this.#signaling.request(method, params);
  }

  #patch(patch: Partial<CallsSnapshot>): void {
    this.#store.update((s) => ({ ...s, ...patch }));
  }

  #setCall(info: CallInfo, role: ActiveCall['role']): void {
    const statuses: Record<string, CallStatus> = {};
    for (const { userId, status } of info.statuses) if (userId !== this.getSnapshot().userId) statuses[userId] = status;
    const callType = this.getSnapshot().calls[info.callId]?.callType ?? info.callType;
    const call: ActiveCall = { callId: info.callId, roomId: info.roomId, callType, role, participantIds: info.participantIds, statuses, ended: null };
    this.#patch({ calls: { ...this.getSnapshot().calls, [call.callId]: call } });
  }

  #updateCall(callId: string, fn: (c: ActiveCall) => ActiveCall): boolean {
    const call = this.getSnapshot().calls[callId];
    if (!call) return false;
    this.#patch({ calls: { ...this.getSnapshot().calls, [callId]: fn(call) } });
    return true;
  }

  #removeIncoming(callId: string): boolean {
    const incoming = this.getSnapshot().incoming;
    const next = incoming.filter((c) => c.callId !== callId);
    if (next.length === incoming.length) return false;
    this.#patch({ incoming: next });
    return true;
  }

  #onIncoming(call: IncomingCall): void {
    if (this.getSnapshot().incoming.some((c) => c.callId === call.callId)) return;
    this.#patch({ incoming: [...this.getSnapshot().incoming, call] });
    this.emit('incomingCall', call);
  }

  #onStatus(data: { callId: string; userId: string; status: CallStatus }): void {
    const changed = this.#updateCall(data.callId, (c) => ({
      ...c,
      statuses: { ...c.statuses, [data.userId]: data.status },
      participantIds: c.participantIds.includes(data.userId) ? c.participantIds : [...c.participantIds, data.userId],
    }));
    if (changed) this.emit('callStatus', data);
  }

  #stopRinging(callId: string, reason: CallsEventMap['ringingStopped']['reason']): void {
    if (this.#removeIncoming(callId)) this.emit('ringingStopped', { callId, reason });
  }

  #onEnded(callId: string, reason: CallEndReason): void {
    this.#stopRinging(callId, reason);
    const call = this.getSnapshot().calls[callId];
    if (!call) {
      // The answer to callStart may still be on its way.
      this.#earlyEnds.set(callId, reason);
      if (this.#earlyEnds.size > 32) this.#earlyEnds.delete(this.#earlyEnds.keys().next().value!);
      return;
    }
    if (call.ended && call.ended !== 'hang-up') return;
    this.#updateCall(callId, (c) => ({ ...c, ended: c.ended ?? reason }));
    this.emit('callEnded', { callId, reason: call.ended ?? reason });
  }
}
