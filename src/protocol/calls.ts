/**
 * The calls part of the protocol (docs/calls.md): the types, generated from ./calls-schema.ts
 * into ./wire.gen.ts like the rest of the wire.
 */
export type {
  CallEndReason,
  CallInfo,
  CallPresence,
  CallStartParams,
  CallStatus,
  CallsConnectParams,
  CallsConnectResult,
  IncomingCall,
} from './wire.gen.js';

import type { Notifications, Requests } from './wire.gen.js';

/** The call methods of `Requests`. */
export type CallMethod = 'callsConnect' | 'callsPresence' | 'callStart' | 'callAccept' | 'callDecline' | 'callEnd' | 'callInvite';
export type CallRequests = Pick<Requests, CallMethod>;
export type CallNotifications = Pick<Notifications, 'incomingCall' | 'callStatus' | 'callHandled' | 'callEnded'>;
