/**
 * The calls part of the protocol (docs/calls.md): presence, ringing, accept/decline/busy,
 * hang-up and invitations, carried over the same signalling socket as the rooms.
 * Types only; merged into `Requests` and `Notifications` in protocol.ts.
 */
import type { CallType } from './protocol.js';

/** One callee's state as the people in the call see it. */
export type CallStatus = 'ringing' | 'accepted' | 'declined' | 'busy' | 'no-answer' | 'offline' | 'cancelled';

/** Why a call (or its ringing, for one callee) ended. */
export type CallEndReason =
  | 'hang-up'
  | 'cancelled'
  | 'no-answer'
  | 'declined'
  | 'handled-elsewhere'
  | 'everyone-left'
  | 'offline';

export interface CallsConnectParams {
  /** Open mode: who you are. Secure mode: ignored in favour of the token's `sub`. */
  userId?: string;
  /** Display name shown to callees (secure mode: the token's `name` wins when present). */
  name?: string;
  /** Secure mode: the access token. */
  token?: string;
  /** Answer `busy` automatically while you are in a call or room (default true). */
  autoBusy?: boolean;
}

export interface CallsConnectResult {
  userId: string;
  name: string;
  /** Calls ringing for you right now (for example a tab opened while ringing). */
  incoming: IncomingCall[];
}

export interface CallPresence {
  userId: string;
  online: boolean;
  /** In a room or an accepted call. */
  inCall: boolean;
}

export interface CallStartParams {
  userIds: string[];
  callType: CallType;
  /** Use this meeting's room id; default: a fresh room id. */
  meetingId?: string;
}

export interface CallInfo {
  callId: string;
  roomId: string;
  callType: CallType;
  /** Everyone invited, the caller first. */
  participantIds: string[];
  /** Each callee's status so far (`offline` and `busy` are known at once). */
  statuses: { userId: string; status: CallStatus }[];
}

export interface IncomingCall {
  callId: string;
  roomId: string;
  from: { userId: string; name: string };
  participantIds: string[];
  callType: CallType;
}

export interface CallRequests {
  /** Goes online for calls on this socket. One user may be online on several sockets. */
  callsConnect: [CallsConnectParams, CallsConnectResult];
  /** Who of `userIds` is online and who is in a call. */
  callsPresence: [{ userIds: string[] }, { users: CallPresence[] }];
  /** Rings `userIds`; the caller then joins `roomId` with `join`. */
  callStart: [CallStartParams, CallInfo];
  /** Accepts a call ringing for you; then join `roomId`. Others' tabs get `callHandled`. */
  callAccept: [{ callId: string; callType: CallType }, CallInfo];
  /** Declines (or answers busy). */
  callDecline: [{ callId: string; busy?: boolean }, Record<string, never>];
  /** Hangs up: leaves the call; a caller hanging up before anyone answered cancels the ringing. */
  callEnd: [{ callId: string }, Record<string, never>];
  /** Rings more people into a call you are in. */
  callInvite: [{ callId: string; userIds: string[] }, CallInfo];
}

export interface CallNotifications {
  /** A call rings for you (every socket of yours that is online for calls). */
  incomingCall: IncomingCall;
  /** A callee's status changed (sent to the people in the call). */
  callStatus: { callId: string; userId: string; status: CallStatus };
  /** You accepted or declined this call on another socket: stop ringing here. */
  callHandled: { callId: string; status: 'accepted' | 'declined' | 'busy' };
  /** The call is over for you (ringing stopped, or the call ended for everyone). */
  callEnded: { callId: string; reason: CallEndReason };
}
