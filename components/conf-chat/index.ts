export { ConfChat } from './conf-chat.js';
export { ConfChatButton } from './conf-chat-button.js';
export { ConfChatSendEvent, ConfChatToggleEvent } from './chat-events.js';
export { chatParts, type ChatPart } from './linkify.js';
