/**
 * Events of the <conf-room> layouts (docs/layouts.md). Prefixed `conf-`, bubbling and composed,
 * like components/events.ts.
 */
import type { LayoutMode } from './layout.js';

export interface PinDetail {
  /** The participant; for a screen share, its sharer. */
  userId: string;
  source: 'camera' | 'screen';
  /** True to pin, false to unpin. */
  pinned: boolean;
}

/** A tile's pin button was pressed. <conf-room> pins the tile to the stage (or unpins it). */
export class ConfPinEvent extends CustomEvent<PinDetail> {
  constructor(detail: PinDetail) {
    super('conf-pin', { bubbles: true, composed: true, detail });
  }
}

/** The layout picker chose a layout or toggled the self view. Cancelable. */
export class ConfLayoutChangeEvent extends CustomEvent<{ layout: LayoutMode; hideSelf: boolean }> {
  constructor(detail: { layout: LayoutMode; hideSelf: boolean }) {
    super('conf-layout-change', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conf-pin': ConfPinEvent;
    'conf-layout-change': ConfLayoutChangeEvent;
  }
}
