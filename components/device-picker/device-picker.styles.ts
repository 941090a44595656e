import { css } from 'lit';
import { buttonStyles } from '../theme.js';

export const devicePickerStyles = [
  buttonStyles,
  css`
    :host {
      display: inline-block;
      position: relative;
      font-family: var(--conf-font-family, system-ui, sans-serif);
    }
    [part~='trigger'] {
      min-width: 36px;
      padding: 0 10px;
      gap: 4px;
    }
    [part~='trigger'] .chevron svg {
      width: 14px;
      height: 14px;
    }
    [part~='menu'] {
      position: fixed;
      top: 0;
      left: 0;
      z-index: 1000;
      box-sizing: border-box;
      min-width: 220px;
      max-width: min(360px, calc(100vw - 16px));
      max-height: 320px;
      overflow: auto;
      margin: 0;
      padding: 6px;
      list-style: none;
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
    [part~='item'] .check {
      width: 16px;
      height: 16px;
      visibility: hidden;
      color: var(--conf-accent, #3b6fe0);
    }
    [part~='item'][aria-checked='true'] .check {
      visibility: visible;
    }
    [part~='item'] .check svg {
      width: 16px;
      height: 16px;
    }
    [part~='empty'],
    [part~='notice'] {
      padding: 8px 10px;
      font-size: 14px;
      color: var(--conf-text-muted, #9aa1ae);
    }
  `,
];
