/**
 * Events of <quality-menu> (docs/quality.md). Prefixed `conf-`, bubbling and composed, like
 * components/events.ts.
 */
import type { QualityPreference, TemporalLayer } from '../../src/state/quality.js';

/** A quality was picked in a <quality-menu>. Cancel it to stop the menu calling the session. */
export class ConfQualityChangeEvent extends CustomEvent<{ userId: string; quality: QualityPreference }> {
  constructor(detail: { userId: string; quality: QualityPreference }) {
    super('conf-quality-change', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

/** A frame-rate (temporal) layer was picked in a <quality-menu>. Cancelable like conf-quality-change. */
export class ConfLayerChangeEvent extends CustomEvent<{ userId: string; layer: TemporalLayer }> {
  constructor(detail: { userId: string; layer: TemporalLayer }) {
    super('conf-layer-change', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-quality-change': ConfQualityChangeEvent;
    'conf-layer-change': ConfLayerChangeEvent;
  }
}
