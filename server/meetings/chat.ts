/**
 * Chat storage and helpers for the socket layer: text validation, a per-sender rate limit, an
 * in-memory store for rooms that are not meetings, and the router that picks the store per room.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.js';
import { CHAT_HISTORY, type ChatMessage, type ChatRepository } from './repository.js';
import { TokenBucketLimiter } from './rate-limit.js';

export const CHAT_MAX_CHARS = 4000;

/**
 * Trims `text` and checks it has 1 to 4,000 characters (code points). Returns the trimmed text,
 * or throws ApiError('invalid-params') with a message naming `text`.
 */
export function validateChatText(text: unknown): string {
  if (typeof text !== 'string') throw new ApiError('invalid-params', 'text: must be a string');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ApiError('invalid-params', 'text: must not be empty');
  if ([...trimmed].length > CHAT_MAX_CHARS) throw new ApiError('invalid-params', `text: must be at most ${CHAT_MAX_CHARS} characters`);
  return trimmed;
}

/** Per-sender chat rate limit (default: bursts of 10, then 1 message a second). */
export class ChatRateLimiter {
  private readonly bucket: TokenBucketLimiter;
  constructor(options: { burst?: number; perSecond?: number; now?: () => number } = {}) {
    this.bucket = new TokenBucketLimiter({ burst: options.burst ?? 10, perSecond: options.perSecond ?? 1, now: options.now });
  }
  /** Throws ApiError('rate-limited') when `senderId` is sending too fast. */
  check(senderId: string): void {
    if (!this.bucket.take(senderId)) throw new ApiError('rate-limited', 'you are sending messages too fast; wait a moment');
  }
}

/** Chat of rooms that are not meetings: kept in memory, for the life of the room (call `clear` when it closes). */
export class MemoryChatRepository implements ChatRepository {
  private readonly rooms = new Map<string, ChatMessage[]>();

  async append(message: ChatMessage): Promise<void> {
    let list = this.rooms.get(message.roomId);
    if (!list) this.rooms.set(message.roomId, (list = []));
    list.push({ ...message });
    if (list.length > CHAT_HISTORY) list.splice(0, list.length - CHAT_HISTORY);
  }

  async recent(roomId: string, limit = CHAT_HISTORY): Promise<ChatMessage[]> {
    const n = Math.max(0, Math.min(limit, CHAT_HISTORY));
    return n === 0 ? [] : (this.rooms.get(roomId) ?? []).slice(-n).map((m) => ({ ...m }));
  }

  async clear(roomId: string): Promise<void> {
    this.rooms.delete(roomId);
  }

  get roomCount(): number {
    return this.rooms.size;
  }
}

/**
 * Routes each room to the persistent store when it is a meeting, else to memory. The socket
 * layer appends through `post`, which validates and stamps the message.
 */
export class RoomChat {
  constructor(
    private readonly isMeeting: (roomId: string) => Promise<boolean>,
    private readonly persistent: ChatRepository,
    private readonly memory: ChatRepository = new MemoryChatRepository(),
  ) {}

  private async store(roomId: string): Promise<ChatRepository> {
    return (await this.isMeeting(roomId)) ? this.persistent : this.memory;
  }

  /** Validates `text`, stores the message and returns it (to broadcast). */
  async post(roomId: string, sender: { userId: string; name: string }, text: unknown, now = Date.now()): Promise<ChatMessage> {
    const message: ChatMessage = { id: randomUUID(), roomId, userId: sender.userId, name: sender.name, text: validateChatText(text), sentAt: now };
    await (await this.store(roomId)).append(message);
    return message;
  }

  /** The last 100 messages, oldest first, for a late joiner. */
  async history(roomId: string, limit = CHAT_HISTORY): Promise<ChatMessage[]> {
    return (await this.store(roomId)).recent(roomId, limit);
  }

  /** Call when a room closes: forgets an in-memory room's chat (a meeting's chat stays). */
  async roomClosed(roomId: string): Promise<void> {
    if (!(await this.isMeeting(roomId))) await this.memory.clear(roomId);
  }
}
