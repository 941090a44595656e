import { css } from 'lit';
import { buttonStyles } from '../theme.js';

export const qualityMenuStyles = [
  buttonStyles,
  css`
    :host {
      display: inline-block;
      position: relative;
      font-family: var(--conf-font-family, system-ui, sans-serif);
    }
    [part~='trigger'] {
      min-width: 32px;
      height: 32px;
      padding: 0 8px;
      font-size: 12px;
      font-weight: 600;
      background: var(--conf-quality-menu-trigger-background, rgba(0, 0, 0, 0.55));
      color: #fff;
    }
    [part~='trigger'] svg {
      width: 16px;
      height: 16px;
    }
    [part~='menu'] {
      position: fixed;
      top: 0;
      left: 0;
      z-index: 1000;
      box-sizing: border-box;
      min-width: 190px;
      max-height: 360px;
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
    [part~='separator'] {
      height: 1px;
      margin: 6px 4px;
      background: var(--conf-border, #2f3440);
    }
    [part~='item'] {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 7px 10px;
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
    [part~='item'][aria-disabled='true'] {
      opacity: 0.45;
      cursor: default;
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
  `,
];
