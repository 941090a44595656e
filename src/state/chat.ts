/**
 * The room chat in the session state (`state.chat`): the messages (oldest first, deduplicated by
 * id), the unread count, and whether the room has chat on. Pure reducers, no I/O.
 */
import type { ChatInfo, ChatMessage } from '../protocol/protocol.js';
import type { SessionSnapshot } from './types.js';

export type { ChatMessage } from '../protocol/protocol.js';

export interface ChatState {
  /** False in a meeting created without chat (`withChat: false`); true elsewhere. */
  readonly enabled: boolean;
  /** Oldest first; at most CHAT_KEPT. */
  readonly messages: readonly ChatMessage[];
  /** Messages from others since the last `markChatRead()` (history from the join does not count). */
  readonly unread: number;
}

/** How many messages the client keeps (the server sends the last 100 at join). */
export const CHAT_KEPT = 500;

export const EMPTY_CHAT: ChatState = { enabled: true, messages: [], unread: 0 };

function merge(existing: readonly ChatMessage[], added: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of added) byId.set(m.id, m);
  const all = [...byId.values()].sort((a, b) => a.sentAt - b.sentAt);
  return all.length > CHAT_KEPT ? all.slice(-CHAT_KEPT) : all;
}

/** The join result's chat (absent from servers without chat: chat stays as it is). */
export function applyChatHistory(s: SessionSnapshot, info: ChatInfo | undefined): SessionSnapshot {
  if (!info) return s;
  return { ...s, chat: { ...s.chat, enabled: info.enabled, messages: merge(s.chat.messages, info.history) } };
}

/** One new message; `own` messages (this session's) never count as unread. A known id is a no-op. */
export function applyChatMessage(s: SessionSnapshot, message: ChatMessage, own: boolean): SessionSnapshot {
  if (s.chat.messages.some((m) => m.id === message.id)) return s;
  return { ...s, chat: { ...s.chat, messages: merge(s.chat.messages, [message]), unread: own ? s.chat.unread : s.chat.unread + 1 } };
}

export function markChatRead(s: SessionSnapshot): SessionSnapshot {
  return s.chat.unread === 0 ? s : { ...s, chat: { ...s.chat, unread: 0 } };
}
