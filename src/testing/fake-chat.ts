/** FakeSession's chat (docs/meetings.md): sending validates like the server, receiving simulates others. */
import { ConferenceError } from '../errors.js';
import type { ChatMessage } from '../protocol/protocol.js';
import { validateChatText } from '../session/chat.js';
import { applyChatHistory, applyChatMessage } from '../state/chat.js';
import type { Store } from '../state/store.js';
import type { SessionSnapshot } from '../state/types.js';
import type { SessionEventMap } from '../session/types.js';

interface FakeChatHost {
  readonly userId: string;
  readonly state: Store<SessionSnapshot>;
  readonly calls: { method: string; args: unknown[] }[];
  emit<K extends keyof SessionEventMap>(event: K, payload: SessionEventMap[K]): void;
  setError(code: ConferenceError['code'], message?: string): ConferenceError;
}

let seq = 0;

function add(host: FakeChatHost, message: ChatMessage, own: boolean): ChatMessage {
  const before = host.state.getSnapshot();
  host.state.update((s) => applyChatMessage(s, message, own));
  if (host.state.getSnapshot() !== before) host.emit('chatmessage', { message, own });
  return message;
}

/** Like ConferenceSession.sendChatMessage: not-joined, invalid-params and forbidden (chat off) are reported. */
export async function fakeSendChat(host: FakeChatHost, text: string): Promise<ChatMessage> {
  host.calls.push({ method: 'sendChatMessage', args: [text] });
  const s = host.state.getSnapshot();
  let valid: string;
  try {
    valid = validateChatText(text);
  } catch (error) {
    throw host.setError((error as ConferenceError).code, (error as ConferenceError).message);
  }
  if (s.connection !== 'joined') throw host.setError('not-joined', 'sendChatMessage() needs a joined session');
  if (!s.chat.enabled) throw host.setError('forbidden', 'chat is off in this meeting');
  const message = { id: `fake-${++seq}`, roomId: s.roomId ?? '', userId: host.userId, name: s.self.name, text: valid, sentAt: Date.now() };
  return add(host, message, true);
}

/** Simulates a message from someone else (unread + 1, `chatmessage` event). */
export function fakeReceiveChat(host: FakeChatHost, message: Partial<ChatMessage> & { text: string }): ChatMessage {
  const s = host.state.getSnapshot();
  const full: ChatMessage = { id: `fake-${++seq}`, roomId: s.roomId ?? '', userId: 'other', name: 'Other', sentAt: Date.now(), ...message };
  return add(host, full, full.userId === host.userId);
}

/** Like a join result's `chat`: sets `enabled` and merges history. */
export function fakeChatHistory(host: FakeChatHost, enabled: boolean, history: ChatMessage[] = []): void {
  host.state.update((s) => applyChatHistory(s, { enabled, history }));
}
