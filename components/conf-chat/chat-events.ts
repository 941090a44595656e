/** Events of <conf-chat> and <conf-chat-button> (docs/meetings.md). Bubbling and composed, like every conf- event. */

/** The chat button was pressed: open the chat when `detail.open`, else close it. */
export class ConfChatToggleEvent extends CustomEvent<{ open: boolean }> {
  constructor(detail: { open: boolean }) {
    super('conf-chat-toggle', { bubbles: true, composed: true, detail });
  }
}

/** A message was sent from the chat panel. */
export class ConfChatSendEvent extends CustomEvent<{ text: string }> {
  constructor(detail: { text: string }) {
    super('conf-chat-send', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'conf-chat-toggle': ConfChatToggleEvent;
    'conf-chat-send': ConfChatSendEvent;
  }
}
