/**
 * Request handlers, one per method of `Requests`. Each receives params that already passed
 * protocol-schema.ts and returns the protocol's result type; errors are ProtocolErrors.
 */
import type { types as ms } from 'mediasoup';
import { PROTOCOL_VERSION, type RequestMethod, type RequestResult } from '../src/protocol/protocol.js';
import { accessHandlers } from './auth/handlers.js';
import { assertCanPublish, assertCanSubscribe, type AccessControl } from './auth/access.js';
import type { Participant } from './participant.js';
import { ProtocolError, type ValidParams } from './protocol-schema.js';
import type { Room } from './room.js';
import type { RoomRegistry } from './room-registry.js';
import { ingestHandlers } from './ingest/handlers.js';
// --- calls (issue 12) ---
import { callHandlers, type CallsHandlerContext } from './calls/handlers.js';
import { CALL_METHODS } from '../src/protocol/calls-schema.js';
// --- end calls ---
import { resumeHandlers, SwitchableChannel, type ResumeManager, type SessionHolder } from './resume.js';

/** What a handler may use of its connection. */
export interface HandlerContext extends CallsHandlerContext /* calls (issue 12) */ {
  readonly registry: RoomRegistry;
  readonly access: AccessControl;
  /** The client's IP (per-IP rate limits). */
  readonly remoteIp: string;
  readonly channel: SessionHolder;
  /** Reliability: resume tokens and grace (server/resume.ts). */
  readonly resume: ResumeManager;
  /** The current session, if joined. */
  session: { room: Room; participant: Participant } | null;
  /** Whether the socket has closed (a join that finishes after that must be undone). */
  readonly socketClosed: boolean;
  /** Called when a join (or a rejoin replacing the same userId, or a resume) succeeded. */
  attach(room: Room, participant: Participant, how?: 'join' | 'rejoin' | 'resume'): void;
}

export type Handler<M extends RequestMethod> = (ctx: HandlerContext, params: ValidParams<M>) => Promise<RequestResult<M>>;
type Handlers = { [M in RequestMethod]: Handler<M> };

/** Methods that work before `join`. */
export const PRE_JOIN_METHODS: ReadonlySet<RequestMethod> = new Set<RequestMethod>(['join', 'ping', 'resume', ...CALL_METHODS /* calls (issue 12) */]);

function session(ctx: HandlerContext): { room: Room; participant: Participant } {
  if (!ctx.session || ctx.session.participant.closed) throw new ProtocolError('not-joined', 'join a room first');
  return ctx.session;
}

/**
 * A join repeated on a socket that already joined that room as that user (the client retried a
 * join that timed out, docs/reliability.md): the same session's join result again, no new
 * participant. Another user on the same socket is still `already-joined`.
 */
async function retriedJoin(ctx: HandlerContext, current: { room: Room; participant: Participant }, userId: string): Promise<RequestResult<'join'>> {
  const { room, participant } = current;
  if (participant.userId !== userId) {
    throw new ProtocolError('already-joined', `this connection already joined room ${room.id} as ${participant.userId}`);
  }
  const result = room.joinResult(participant);
  if (ctx.registry.chat) result.chat = await ctx.registry.chat.joinInfo(room.id);
  return { ...result, resumeToken: ctx.resume.tokenOf(participant) ?? ctx.resume.register(room, participant) };
}

export const handlers: Handlers = {
  async join(ctx, params) {
    const current = ctx.session && !ctx.session.participant.closed ? ctx.session : null;
    if (current && current.room.id !== params.roomId) {
      throw new ProtocolError('already-joined', `this connection already joined room ${current.room.id}`);
    }
    if (params.protocolVersion !== PROTOCOL_VERSION) {
      throw new ProtocolError(
        'protocol-mismatch',
        `client speaks protocol version ${params.protocolVersion}, server speaks ${PROTOCOL_VERSION}`,
      );
    }
    const identity = await ctx.access.identifyJoin(params, ctx.remoteIp);
    if (current) return retriedJoin(ctx, current, identity.userId);
    if (ctx.socketClosed) throw new ProtocolError('not-joined', 'connection closed while joining');
    const { room, participant, result, replaced } = await ctx.registry.join(
      {
        roomId: params.roomId,
        userId: identity.userId,
        name: identity.name,
        callType: params.callType,
        permissions: identity.permissions,
        tokenExpiresAt: identity.tokenExpiresAt,
      },
      new SwitchableChannel(ctx.channel),
    );
    const resumeToken = ctx.resume.register(room, participant);
    if (ctx.socketClosed) {
      room.leave(participant, 'disconnected');
      throw new ProtocolError('not-joined', 'connection closed while joining');
    }
    ctx.attach(room, participant, replaced ? 'rejoin' : 'join');
    return { ...result, resumeToken };
  },

  async leave(ctx) {
    const { room, participant } = session(ctx);
    ctx.session = null;
    room.leave(participant, 'left');
    return {};
  },

  async createTransport(ctx, { direction }) {
    return session(ctx).participant.createTransport(direction);
  },

  async connectTransport(ctx, { transportId, dtlsParameters }) {
    await session(ctx).participant.connectTransport(transportId, dtlsParameters as ms.DtlsParameters);
    return {};
  },

  async produce(ctx, params) {
    const { participant } = session(ctx);
    assertCanPublish(participant.permissions, params.source);
    return participant.produce({
      transportId: params.transportId,
      kind: params.kind,
      rtpParameters: params.rtpParameters as ms.RtpParameters,
      source: params.source,
      paused: params.paused,
    });
  },

  async closeProducer(ctx, { producerId }) {
    session(ctx).participant.closeProducer(producerId);
    return {};
  },

  async setProducerPaused(ctx, { producerId, paused }) {
    await session(ctx).participant.setProducerPaused(producerId, paused);
    return {};
  },

  async consume(ctx, { producerId, rtpCapabilities }) {
    const { room, participant } = session(ctx);
    assertCanSubscribe(participant.permissions);
    return room.consume(participant, producerId, rtpCapabilities as ms.RtpCapabilities);
  },

  async resumeConsumer(ctx, { consumerId }) {
    await session(ctx).participant.resumeConsumer(consumerId);
    return {};
  },

  async closeConsumer(ctx, { consumerId }) {
    session(ctx).participant.closeConsumer(consumerId);
    return {};
  },

  async requestKeyFrame(ctx, { consumerId }) {
    await session(ctx).participant.requestKeyFrame(consumerId);
    return {};
  },

  async ping() {
    return { now: Date.now() };
  },

  async setPreferredLayers(ctx, { items }) {
    await session(ctx).participant.setPreferredLayers(items);
    return {};
  },

  async setConsumerPaused(ctx, { consumerId, paused }) {
    await session(ctx).participant.setConsumerPaused(consumerId, paused);
    return {};
  },

  async reportUplinkQuality(ctx, { quality }) {
    const { room, participant } = session(ctx);
    room.broadcast('uplinkQuality', { userId: participant.userId, quality }, participant);
    return {};
  },

  async setSendBitrateCap(ctx, { kbps }) {
    await session(ctx).participant.setSendBitrateCap(kbps);
    return {};
  },

  ...accessHandlers,
  // ingest (server/ingest/, docs/bots.md): createPlainTransport, getIngestStats
  ...ingestHandlers,
  ...callHandlers, // calls (issue 12)
  // --- chat (server/meetings/socket.ts, docs/meetings.md) ---
  async sendChatMessage(ctx, { text }) {
    const { room, participant } = session(ctx);
    if (!ctx.registry.chat) throw new ProtocolError('not-found', 'chat is not available on this server');
    const message = await ctx.registry.chat.send(room.id, { userId: participant.userId, name: participant.name }, text);
    if (!participant.closed) room.broadcast('chatMessage', { message }, participant);
    return { message };
  },

  // --- recording (server/recording/socket.ts) ---
  async startRecording(ctx) {
    const { room, participant } = session(ctx);
    if (!ctx.registry.recording) throw new ProtocolError('not-found', 'recording is not available on this server');
    return { recording: await ctx.registry.recording.start(room, participant) };
  },

  async stopRecording(ctx) {
    const { room, participant } = session(ctx);
    if (!ctx.registry.recording) throw new ProtocolError('not-found', 'recording is not available on this server');
    return { recording: await ctx.registry.recording.stop(room, participant) };
  },
  ...resumeHandlers,
};
