import { css } from 'lit';
import { buttonStyles } from '../theme.js';

export const screenShareButtonStyles = [
  buttonStyles,
  css`
    :host {
      display: inline-block;
      font-family: var(--conf-font-family, system-ui, sans-serif);
    }
    :host([state='sharing']) [part~='button'] {
      background: var(--conf-accent, #3b6fe0);
      color: var(--conf-on-accent, #fff);
    }
    :host([state='error']) [part~='button'] {
      box-shadow: inset 0 0 0 2px var(--conf-warning, #f5a524);
    }
    :host([state='starting']) svg {
      animation: pulse 900ms ease-in-out infinite;
    }
    .label {
      font-size: 14px;
      font-weight: 500;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (max-width: 480px) {
      .label {
        display: none;
      }
    }
  `,
];
