import { css } from 'lit';

export const micMeterStyles = css`
  :host {
    --conf-mic-level: 0;
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    width: var(--conf-mic-meter-width, 18px);
    height: var(--conf-mic-meter-height, 14px);
    contain: layout paint;
  }
  :host([hidden]) {
    display: none;
  }
  [part~='bar'] {
    flex: 1;
    height: 100%;
    border-radius: 2px;
    background: var(--conf-mic-meter-color, var(--conf-speaking-color, #3dd68c));
    transform-origin: bottom;
    /* No transition by default: Chromium ticks a transform transition on these small bars on the main
       thread, so a 90 ms easing cost about five rendered frames per level change, per meter. */
    transition: var(--conf-mic-meter-transition, none);
    /* Each bar reacts to the level with its own gain: a small, calm equaliser. */
    transform: scaleY(max(0.18, min(1, calc(var(--conf-mic-level) * var(--gain)))));
  }
  [part~='bar']:nth-child(1) {
    --gain: 0.9;
  }
  [part~='bar']:nth-child(2) {
    --gain: 1.4;
  }
  [part~='bar']:nth-child(3) {
    --gain: 1.1;
  }
  :host([silent]) [part~='bar'] {
    background: var(--conf-mic-meter-idle-color, var(--conf-text-muted, #9aa1ae));
  }
`;
