/** What an admin does to a participant from <conf-participants>. */
export type ModerationAction = 'mute-mic' | 'stop-video' | 'remove';

/** An admin picked a moderation action; cancel it (preventDefault) to act yourself. */
export class ConfModerateEvent extends CustomEvent<{ userId: string; action: ModerationAction }> {
  constructor(detail: { userId: string; action: ModerationAction }) {
    super('conf-moderate', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'conf-moderate': ConfModerateEvent;
  }
}
