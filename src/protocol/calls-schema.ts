/**
 * The calls part of the wire (docs/calls.md) as zod schemas: presence, ringing, accept/decline/busy,
 * hang-up and invitations, carried over the same signalling socket as the rooms. Spread into
 * `requestSchemas` and `notificationSchemas` of ./schema.ts; the types are generated from them
 * into ./wire.gen.ts like the rest of the wire. The browser only imports types from here.
 */
import { z } from 'zod';

export const CALL_LIMITS = {
  userId: 128,
  name: 256,
  roomId: 128,
  callId: 64,
  token: 4096,
  /** Callees in one callStart/callInvite, and ids in one callsPresence. */
  userIds: 64,
} as const;

const userId = z.string().min(1).max(CALL_LIMITS.userId);
const userIds = z.array(userId).min(1).max(CALL_LIMITS.userIds);
const callId = z.string().min(1).max(CALL_LIMITS.callId);
const callType = z.enum(['video', 'audio']);
const empty = z.strictObject({});

export const callStatus = z
  .enum(['ringing', 'accepted', 'declined', 'busy', 'no-answer', 'offline', 'cancelled'])
  .describe("One callee's state as the people in the call see it.");

export const callEndReason = z
  .enum(['hang-up', 'cancelled', 'no-answer', 'declined', 'handled-elsewhere', 'everyone-left', 'offline'])
  .describe('Why a call (or its ringing, for one callee) ended.');

export const incomingCall = z.object({
  callId: z.string(),
  roomId: z.string(),
  from: z.object({ userId: z.string(), name: z.string() }),
  participantIds: z.array(z.string()),
  callType,
});

export const callInfo = z.object({
  callId: z.string(),
  roomId: z.string(),
  callType,
  participantIds: z.array(z.string()).describe('Everyone invited, the caller first.'),
  statuses: z
    .array(z.object({ userId: z.string(), status: callStatus }))
    .describe("Each callee's status so far (`offline` and `busy` are known at once)."),
});

export const callPresence = z.object({
  userId: z.string(),
  online: z.boolean(),
  inCall: z.boolean().describe('In a room or an accepted call.'),
});

export const callsConnectParams = z.strictObject({
  userId: userId.optional().describe("Open mode: who you are. Secure mode: ignored in favour of the token's `sub`."),
  name: z.string().max(CALL_LIMITS.name).optional().describe("Display name shown to callees (secure mode: the token's `name` wins)."),
  token: z.string().min(1).max(CALL_LIMITS.token).optional().describe('Secure mode: the access token.'),
  autoBusy: z.boolean().optional().describe('Answer `busy` automatically while you are in a call or room (default true).'),
});

export const callsConnectResult = z.object({
  userId: z.string(),
  name: z.string(),
  incoming: z.array(incomingCall).describe('Calls ringing for you right now (for example a tab opened while ringing).'),
});

export const callStartParams = z.strictObject({
  userIds,
  callType,
  meetingId: z.string().min(1).max(CALL_LIMITS.roomId).optional().describe("Use this meeting's room id; default: a fresh room id."),
});

const request = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R, doc?: string) => ({ params, result, doc });
const notification = <D extends z.ZodType>(data: D, doc?: string) => ({ data, doc });

export const callRequestSchemas = {
  callsConnect: request(callsConnectParams, callsConnectResult, 'Goes online for calls on this socket. One user may be online on several sockets.'),
  callsPresence: request(z.strictObject({ userIds }), z.object({ users: z.array(callPresence) }), 'Who of `userIds` is online and who is in a call.'),
  callStart: request(callStartParams, callInfo, 'Rings `userIds`; the caller then joins `roomId` with `join`.'),
  callAccept: request(
    z.strictObject({ callId, callType }),
    callInfo,
    "Accepts a call ringing for you; then join `roomId`. Others' tabs get `callHandled`.",
  ),
  callDecline: request(z.strictObject({ callId, busy: z.boolean().optional() }), empty, 'Declines (or answers busy).'),
  callEnd: request(
    z.strictObject({ callId }),
    empty,
    'Hangs up: leaves the call; a caller hanging up before anyone answered cancels the ringing.',
  ),
  callInvite: request(z.strictObject({ callId, userIds }), callInfo, 'Rings more people into a call you are in.'),
};

export const callNotificationSchemas = {
  incomingCall: notification(incomingCall, 'A call rings for you (every socket of yours that is online for calls).'),
  callStatus: notification(
    z.object({ callId: z.string(), userId: z.string(), status: callStatus }),
    "A callee's status changed (sent to the people in the call).",
  ),
  callHandled: notification(
    z.object({ callId: z.string(), status: z.enum(['accepted', 'declined', 'busy']) }),
    'You accepted or declined this call on another socket: stop ringing here.',
  ),
  callEnded: notification(
    z.object({ callId: z.string(), reason: callEndReason }),
    'The call is over for you (ringing stopped, or the call ended for everyone).',
  ),
};

/** Named types printed into wire.gen.ts. */
export const callNamedSchemas = {
  CallStatus: callStatus,
  CallEndReason: callEndReason,
  IncomingCall: incomingCall,
  CallInfo: callInfo,
  CallPresence: callPresence,
  CallsConnectParams: callsConnectParams,
  CallsConnectResult: callsConnectResult,
  CallStartParams: callStartParams,
};

/** Call methods work without joining a room. */
export const CALL_METHODS = Object.keys(callRequestSchemas) as (keyof typeof callRequestSchemas)[];
