/**
 * Request handlers of the call methods (issue 12), spread into `handlers` in server/handlers.ts.
 * They work without joining a room; all but `callsConnect` need `callsConnect` first.
 */
import type { RequestMethod, RequestResult } from '../../src/protocol/protocol.js';
import type { CallRequests } from '../../src/protocol/calls.js';
import { ProtocolError, type ValidParams } from '../protocol-schema.js';
import type { ConnectionCalls } from './service.js';

/** What the call handlers need of their connection. */
export interface CallsHandlerContext {
  readonly calls: ConnectionCalls | null;
}

type CallMethod = keyof CallRequests & RequestMethod;
type CallHandlers = { [M in CallMethod]: (ctx: CallsHandlerContext, params: ValidParams<M>) => Promise<RequestResult<M>> };

function calls(ctx: CallsHandlerContext): ConnectionCalls {
  if (!ctx.calls) throw new ProtocolError('not-found', 'calls are not enabled on this server');
  return ctx.calls;
}

export const callHandlers: CallHandlers = {
  async callsConnect(ctx, params) {
    return calls(ctx).connect(params);
  },
  async callsPresence(ctx, { userIds }) {
    const c = calls(ctx);
    void c.peer;
    return {
      users: [...new Set(userIds)].map((userId) => ({
        userId,
        online: c.presence.isOnline(userId),
        inCall: c.manager.isInCall(userId),
      })),
    };
  },
  async callStart(ctx, params) {
    const c = calls(ctx);
    return c.manager.start(c.peer, params);
  },
  async callAccept(ctx, { callId, callType }) {
    const c = calls(ctx);
    return c.manager.accept(c.peer, callId, callType);
  },
  async callDecline(ctx, { callId, busy }) {
    const c = calls(ctx);
    c.manager.decline(c.peer, callId, busy ?? false);
    return {};
  },
  async callEnd(ctx, { callId }) {
    const c = calls(ctx);
    c.manager.end(c.peer, callId);
    return {};
  },
  async callInvite(ctx, { callId, userIds }) {
    const c = calls(ctx);
    return c.manager.invite(c.peer, callId, userIds);
  },
};
