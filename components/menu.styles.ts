import { css } from 'lit';

/**
 * Styles shared by the popover menus (device-picker, quality-menu): the fixed-position menu that
 * MenuPopoverController anchors, its heading, and checkable items with a visible focus ring.
 * Each element adds its own trigger and sizes.
 */
export const menuStyles = css`
  :host {
    display: inline-block;
    position: relative;
    font-family: var(--conf-font-family, system-ui, sans-serif);
  }
  [part~='menu'] {
    position: fixed;
    top: 0;
    left: 0;
    z-index: 1000;
    box-sizing: border-box;
    overflow: auto;
    margin: 0;
    padding: 6px;
    border: 1px solid var(--conf-border, #2f3440);
    border-radius: var(--conf-radius, 10px);
    background: var(--conf-surface-raised, #262a33);
    color: var(--conf-text, #eef0f4);
    box-shadow: var(--conf-shadow, 0 8px 24px rgba(0, 0, 0, 0.45));
  }
  [part~='menu'][hidden] {
    display: none;
  }
  [part~='heading'] {
    padding: 6px 10px 4px;
    font-size: 12px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--conf-text-muted, #9aa1ae);
  }
  [part~='item'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 10px;
    border-radius: 6px;
    font-size: 14px;
    cursor: pointer;
    outline: none;
  }
  [part~='item']:hover,
  [part~='item']:focus-visible {
    background: var(--conf-surface-hover, #323743);
  }
  [part~='item']:focus-visible {
    outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #3b6fe0));
    outline-offset: -2px;
  }
  .check {
    width: 16px;
    height: 16px;
    visibility: hidden;
    color: var(--conf-accent, #3b6fe0);
  }
  [aria-checked='true'] .check {
    visibility: visible;
  }
  .check svg {
    width: 16px;
    height: 16px;
  }
`;
