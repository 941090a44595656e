/**
 * The conf-kit signalling protocol: one JSON protocol over one WebSocket.
 * Shared by the server and the client; no runtime dependency (the browser imports only this
 * module's constants). The message types are generated from the zod schemas of ./schema.ts into
 * ./wire.gen.ts (`npm run gen:protocol`), so they cannot drift from what the server validates.
 * See docs/protocol.md for the prose version.
 */

/** Bumped on every incompatible change. A `join` with another version gets `protocol-mismatch`. */
export const PROTOCOL_VERSION = 1;

/** Messages larger than this (in bytes, UTF-8) are refused with `too-large`. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

// The wire's types, generated from the zod schemas of ./schema.ts (the one source of truth).
export type {
  CallType,
  ConsumerInfo,
  ErrorCode,
  JoinParams,
  JoinResult,
  MediaKind,
  MediaSource,
  Notifications,
  Permissions,
  PlainTransportInfo,
  IngestStats,
  RecordingState,
  ChatMessage,
  ChatInfo,
  ResumeResult,
  PreferredLayersItem,
  ProducerInfo,
  PublisherInfo,
  Requests,
  TransportDirection,
  TransportInfo,
} from './wire.gen.js';
import type { ErrorCode, Notifications, Requests } from './wire.gen.js';
// Calls (docs/calls.md): CallStatus, IncomingCall, CallInfo, …
export type * from './calls.js';

// ---------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------

export interface RequestMessage<M extends string = string, D = unknown> {
  id: number;
  method: M;
  data: D;
}

export interface ResponseOk<D = unknown> {
  id: number;
  ok: true;
  data: D;
}

export interface ResponseError {
  /** `null` when the request's id could not be read. */
  id: number | null;
  ok: false;
  error: { code: ErrorCode; message: string };
}

export type ResponseMessage<D = unknown> = ResponseOk<D> | ResponseError;

export interface NotificationMessage<M extends string = string, D = unknown> {
  method: M;
  data: D;
}

// ---------------------------------------------------------------------------
// Requests (client -> server) and notifications (server -> client), from ./schema.ts.
// ---------------------------------------------------------------------------

export type RequestMethod = keyof Requests;
export type RequestParams<M extends RequestMethod> = Requests[M][0];
export type RequestResult<M extends RequestMethod> = Requests[M][1];

export type NotificationMethod = keyof Notifications;

/** The WebSocket path the server listens on. */
export const SIGNALING_PATH = '/ws';
