/**
 * The chat side of the signalling layer: what `join` adds to its result (`chat: {enabled,
 * history}`) and the `sendChatMessage` method. Wired by server/app.ts into the room registry
 * (`registry.chat`); the handler lives in server/handlers.ts.
 */
import type { ChatInfo, ChatMessage } from '../../src/protocol/protocol.js';
import { ProtocolError } from '../protocol-schema.js';
import type { ChatRateLimiter, RoomChat } from './chat.js';
import { ApiError } from './errors.js';
import type { MeetingsRepository } from './repository.js';

export interface ChatSocketApi {
  /** The chat part of a join result: whether chat is on in this room, and its last 100 messages. */
  joinInfo(roomId: string): Promise<ChatInfo>;
  /** Validates, rate-limits and stores one message; the caller broadcasts it. Throws ProtocolErrors. */
  send(roomId: string, sender: { userId: string; name: string }, text: string): Promise<ChatMessage>;
  /** The room closed: drops an in-memory room's chat. */
  roomClosed(roomId: string): Promise<void>;
}

/** ApiErrors of the chat store become protocol errors with the same code. */
function toProtocolError(error: unknown): unknown {
  if (error instanceof ApiError) {
    const code = error.code === 'too-large' ? 'invalid-params' : error.code;
    return new ProtocolError(code, error.message);
  }
  return error;
}

export function chatSocketApi(deps: { meetings: MeetingsRepository; chat: RoomChat; limiter: ChatRateLimiter }): ChatSocketApi {
  /** Chat is on in rooms that are not meetings, and in meetings created `withChat`. */
  const enabled = async (roomId: string) => {
    const meeting = await deps.meetings.get(roomId);
    return meeting === undefined || meeting.withChat;
  };
  return {
    async joinInfo(roomId) {
      if (!(await enabled(roomId))) return { enabled: false, history: [] };
      return { enabled: true, history: await deps.chat.history(roomId) };
    },
    async send(roomId, sender, text) {
      if (!(await enabled(roomId))) throw new ProtocolError('forbidden', 'chat is off in this meeting');
      try {
        deps.limiter.check(sender.userId);
        return await deps.chat.post(roomId, sender, text);
      } catch (error) {
        throw toProtocolError(error);
      }
    },
    roomClosed: (roomId) => deps.chat.roomClosed(roomId),
  };
}
