/**
 * The access-control requests (docs/auth.md): refreshToken and the admin-only moderation
 * requests. Merged into server/handlers.ts.
 */
import type { Handler, HandlerContext } from '../handlers.js';
import type { Participant } from '../participant.js';
import { ProtocolError } from '../protocol-schema.js';
import type { Room } from '../room.js';
import { assertAdmin } from './access.js';

type AccessMethod = 'refreshToken' | 'muteParticipant' | 'removeParticipant' | 'endMeetingForAll';

function session(ctx: HandlerContext): { room: Room; participant: Participant } {
  if (!ctx.session || ctx.session.participant.closed) throw new ProtocolError('not-joined', 'join a room first');
  return ctx.session;
}

function target(room: Room, userId: string): Participant {
  const found = room.find(userId);
  if (!found) throw new ProtocolError('not-found', `no participant ${userId} in this room`);
  return found;
}

export const accessHandlers: { [M in AccessMethod]: Handler<M> } = {
  async refreshToken(ctx, { token }) {
    const { room, participant } = session(ctx);
    const identity = await ctx.access.refresh(participant, token, room.id);
    if (participant.closed) throw new ProtocolError('not-joined', 'the session ended while refreshing');
    participant.setPermissions(identity.grants, identity.expiresAt);
    return { permissions: participant.permissions, tokenExpiresAt: identity.expiresAt };
  },

  async muteParticipant(ctx, { userId, source }) {
    const { room, participant } = session(ctx);
    assertAdmin(participant.permissions, 'muteParticipant');
    await room.muteParticipant(target(room, userId), source, participant.userId);
    return {};
  },

  async removeParticipant(ctx, { userId }) {
    const { room, participant } = session(ctx);
    assertAdmin(participant.permissions, 'removeParticipant');
    room.removeParticipant(target(room, userId), participant.userId);
    return {};
  },

  async endMeetingForAll(ctx) {
    const { room, participant } = session(ctx);
    assertAdmin(participant.permissions, 'endMeetingForAll');
    ctx.session = null;
    room.close(`ended by ${participant.userId}`, 'ended by a moderator', participant.userId);
    return {};
  },
};
