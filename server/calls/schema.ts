/**
 * zod schemas of the call requests (issue 12), spread into `paramSchemas` in protocol-schema.ts
 * so they are decoded, size-checked and rate-limited like every other request.
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

export const callParamSchemas = {
  callsConnect: z.strictObject({
    userId: userId.optional(),
    name: z.string().max(CALL_LIMITS.name).optional(),
    token: z.string().min(1).max(CALL_LIMITS.token).optional(),
    autoBusy: z.boolean().optional(),
  }),
  callsPresence: z.strictObject({ userIds }),
  callStart: z.strictObject({
    userIds,
    callType,
    meetingId: z.string().min(1).max(CALL_LIMITS.roomId).optional(),
  }),
  callAccept: z.strictObject({ callId, callType }),
  callDecline: z.strictObject({ callId, busy: z.boolean().optional() }),
  callEnd: z.strictObject({ callId }),
  callInvite: z.strictObject({ callId, userIds }),
};

/** For the compile-time schema/type check in protocol-schema.ts. */
export const CALL_SCHEMA_CHECKS = {
  callsConnect: true,
  callsPresence: true,
  callStart: true,
  callAccept: true,
  callDecline: true,
  callEnd: true,
  callInvite: true,
} as const;

/** Call methods work without joining a room. */
export const CALL_METHODS = Object.keys(callParamSchemas) as (keyof typeof callParamSchemas)[];
