import { css } from 'lit';
import { buttonStyles } from '../theme.js';
import { menuStyles } from '../menu.styles.js';

export const devicePickerStyles = [
  buttonStyles,
  menuStyles,
  css`
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
      min-width: 220px;
      max-width: min(360px, calc(100vw - 16px));
      max-height: 320px;
    }
    [part~='empty'],
    [part~='notice'] {
      padding: 8px 10px;
      font-size: 14px;
      color: var(--conf-text-muted, #9aa1ae);
    }
  `,
];
