import { css } from 'lit';
import { buttonStyles } from '../theme.js';
import { menuStyles } from '../menu.styles.js';

export const qualityMenuStyles = [
  buttonStyles,
  menuStyles,
  css`
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
      min-width: 190px;
      max-height: 360px;
    }
    [part~='separator'] {
      height: 1px;
      margin: 6px 4px;
      background: var(--conf-border, #2f3440);
    }
    [part~='item'] {
      padding: 7px 10px;
    }
    [part~='item'][aria-disabled='true'] {
      opacity: 0.45;
      cursor: default;
    }
  `,
];
