/** Events of the stats panel (docs/network-quality.md). Bubbling and composed, like components/events.ts. */

/** A tile's or the controls' Stats button asks for the stats panel (`userId` null: everyone). */
export class ConfStatsOpenEvent extends CustomEvent<{ userId: string | null }> {
  constructor(detail: { userId: string | null }) {
    super('conf-stats-open', { bubbles: true, composed: true, detail });
  }
}

/** The stats panel was closed. */
export class ConfStatsCloseEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('conf-stats-close', { bubbles: true, composed: true, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-stats-open': ConfStatsOpenEvent;
    'conf-stats-close': ConfStatsCloseEvent;
  }
}
