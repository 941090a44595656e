/**
 * The room chat of a session (docs/meetings.md): sending, and marking messages read. Incoming
 * messages arrive in notifications.ts; the join result's history in lifecycle.ts.
 */
import { ConferenceError } from '../errors.js';
import type { ChatMessage } from '../protocol/protocol.js';
import { applyChatMessage, markChatRead } from '../state/chat.js';
import { StaleError, toConferenceError } from './connection.js';
import type { SessionCore } from './core.js';

/** The server's bound: 1..4000 characters (code points) after trim. */
export const CHAT_MAX_CHARS = 4000;

/** Trims `text` and checks 1..4000 characters; throws ConferenceError('invalid-params') otherwise. */
export function validateChatText(text: unknown): string {
  if (typeof text !== 'string') throw new ConferenceError('invalid-params', 'text: must be a string');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ConferenceError('invalid-params', 'text: must not be empty');
  if ([...trimmed].length > CHAT_MAX_CHARS) throw new ConferenceError('invalid-params', `text: must be at most ${CHAT_MAX_CHARS} characters`);
  return trimmed;
}

export class SessionChat {
  readonly #c: SessionCore;

  constructor(core: SessionCore) {
    this.#c = core;
  }

  /**
   * Sends one message. Rejects with `not-joined`, `invalid-params` (empty, too long), `forbidden`
   * (chat is off in this meeting) or `rate-limited`; those are reported like other failures.
   */
  async send(text: string): Promise<ChatMessage> {
    const c = this.#c;
    return c.reporting(async () => {
      const valid = validateChatText(text);
      const conn = c.joinedConnection();
      if (!conn) throw new ConferenceError('not-joined', 'sendChatMessage() needs a joined session');
      if (!c.state.getSnapshot().chat.enabled) throw new ConferenceError('forbidden', 'chat is off in this meeting');
      try {
        const { message } = await conn.signaling.request('sendChatMessage', { text: valid });
        const before = c.state.getSnapshot();
        c.state.update((s) => applyChatMessage(s, message, true));
        if (c.state.getSnapshot() !== before) c.events.emit('chatmessage', { message, own: true });
        return message;
      } catch (error) {
        if (error instanceof StaleError) throw new ConferenceError('not-joined', 'the session left or reconnected');
        throw toConferenceError(error);
      }
    });
  }

  markRead(): void {
    this.#c.state.update(markChatRead);
  }
}
