import { css } from 'lit';
import { buttonStyles } from '../theme.js';

export const confControlsStyles = [
  buttonStyles,
  css`
    :host {
      display: flex;
      justify-content: center;
      min-width: 0;
      font-family: var(--conf-font-family, system-ui, sans-serif);
      color: var(--conf-text, #eef0f4);
    }
    [part~='base'] {
      display: flex;
      flex: none;
      flex-wrap: nowrap;
      white-space: nowrap;
      align-items: center;
      justify-content: center;
      gap: var(--conf-controls-gap, 10px);
      padding: var(--conf-controls-padding, 10px 14px);
      border-radius: 999px;
      background: var(--conf-controls-background, var(--conf-surface, #1b1e25));
      box-shadow: var(--conf-shadow, none);
    }
    button[aria-pressed='true'] {
      background: var(--conf-danger, #d93036);
      color: var(--conf-on-danger, #fff);
    }
    button[aria-pressed='true']:hover:not(:disabled) {
      background: color-mix(in srgb, var(--conf-danger, #d93036) 85%, white);
    }
    [part~='leave-button'] {
      padding: 0 18px;
      background: var(--conf-danger, #d93036);
      color: var(--conf-on-danger, #fff);
    }
    [part~='leave-button']:hover:not(:disabled) {
      background: color-mix(in srgb, var(--conf-danger, #d93036) 85%, black);
    }
    .label {
      font-size: 14px;
      font-weight: 500;
    }
    .divider {
      width: 1px;
      height: 28px;
      background: var(--conf-border, #2f3440);
    }
    [part~='base'] > *,
    ::slotted(*) {
      flex: none;
    }
    .participants {
      position: relative;
    }
    .badge {
      min-width: 18px;
      padding: 0 5px;
      border-radius: 9px;
      background: var(--conf-accent, #4f8cff);
      color: var(--conf-on-accent, #fff);
      font-size: 12px;
      font-weight: 600;
      line-height: 18px;
    }
    conf-participants {
      position: absolute;
      right: 0;
      bottom: calc(100% + 8px);
      z-index: 20;
    }
    conf-participants[hidden] {
      display: none;
    }
    /* The overflow menu (./overflow.ts): a compact bar is tighter; the panel opens above More. */
    :host([compact]) [part~='base'] {
      gap: var(--conf-controls-gap, 6px);
      padding: var(--conf-controls-padding, 8px 10px);
    }
    .more {
      position: relative;
      flex: none;
    }
    [part~='more-button'][aria-expanded='true'] {
      background: var(--conf-surface-hover, #323743);
    }
    [part~='more-panel'] {
      position: absolute;
      right: 0;
      bottom: calc(100% + 8px);
      z-index: 20;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      width: max-content;
      max-width: min(320px, calc(100vw - 24px));
      padding: 10px;
      border-radius: var(--conf-radius, 10px);
      background: var(--conf-surface, #1b1e25);
      box-shadow: var(--conf-shadow, 0 8px 24px rgb(0 0 0 / 0.35));
    }
    [part~='more-panel'][hidden] {
      display: none;
    }
    [part~='more-panel'] .label {
      display: inline;
    }
    @media (max-width: 480px) {
      .label {
        display: none;
      }
    }
  `,
];
