/**
 * Events of <conf-connection-banner> (docs/reliability.md). Prefixed `conf-`, bubbling and
 * composed, like components/events.ts.
 */
import type { BannerPhase } from './phase.js';

/** The banner changed what it shows (<conf-room> hides its own closed overlay while `failed`). */
export class ConfConnectionPhaseEvent extends CustomEvent<{ phase: BannerPhase }> {
  constructor(detail: { phase: BannerPhase }) {
    super('conf-connection-phase', { bubbles: true, composed: true, detail });
  }
}

/**
 * Rejoin was pressed after reconnecting gave up. Cancel it to rejoin yourself; otherwise the
 * banner calls `session.join(roomId)` on the same session (same identity, token and mute state).
 */
export class ConfRejoinEvent extends CustomEvent<{ roomId: string }> {
  constructor(detail: { roomId: string }) {
    super('conf-rejoin', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-connection-phase': ConfConnectionPhaseEvent;
    'conf-rejoin': ConfRejoinEvent;
  }
}
