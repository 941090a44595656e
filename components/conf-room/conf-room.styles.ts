import { css } from 'lit';
import { buttonStyles, themeTokens } from '../theme.js';

export const confRoomStyles = [
  themeTokens,
  buttonStyles,
  css`
    :host {
      display: block;
      position: relative;
      min-height: 240px;
      height: 100%;
      box-sizing: border-box;
      overflow: hidden;
      font-family: var(--conf-font-family);
      color: var(--conf-text);
      background: var(--conf-background);
    }
    :host([hidden]) {
      display: none;
    }
    [part~='base'] {
      display: flex;
      flex-direction: column;
      gap: var(--conf-gap);
      height: 100%;
      box-sizing: border-box;
      padding: var(--conf-room-padding, 12px);
    }
    [part~='stage'] {
      position: relative;
      flex: 1;
      min-height: 0;
      container-type: size;
    }
    [part~='grid'] {
      display: grid;
      grid-template-columns: repeat(var(--_cols, 1), minmax(0, 1fr));
      grid-auto-rows: minmax(0, 1fr);
      gap: var(--conf-gap);
      height: 100%;
    }
    [part~='grid'] > conf-tile {
      aspect-ratio: auto;
      width: 100%;
      height: 100%;
    }
    [part~='layout'] {
      display: flex;
      flex-direction: column;
      gap: var(--conf-gap);
      height: 100%;
    }
    [part~='layout'] > [part~='grid'] {
      flex: 1;
      min-height: 0;
      height: auto;
    }
    [part~='screens'] {
      flex: 3;
      min-height: 0;
      display: grid;
      grid-template-columns: repeat(min(var(--_screens, 1), 2), minmax(0, 1fr));
      grid-auto-rows: minmax(0, 1fr);
      gap: var(--conf-gap);
    }
    [part~='screens'][data-count='1'] {
      --_screens: 1;
    }
    [part~='screens']:not([data-count='1']) {
      --_screens: 2;
    }
    [part~='screens'] > conf-screen-tile {
      aspect-ratio: auto;
      width: 100%;
      height: 100%;
    }
    [part~='layout'][presenting] > [part~='grid'] {
      grid-template-columns: repeat(var(--_strip, 4), minmax(0, 1fr));
      grid-auto-rows: 100%;
      overflow-y: auto;
    }
    @container (max-width: 640px) {
      [part~='grid'] {
        grid-template-columns: repeat(var(--_cols-narrow, 1), minmax(0, 1fr));
        grid-auto-rows: minmax(140px, 1fr);
        overflow-y: auto;
      }
    }
    [part~='status'] {
      position: absolute;
      top: 10px;
      left: 10px;
      z-index: 2;
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      font-size: 12px;
      font-weight: 500;
      background: var(--conf-overlay);
      color: var(--conf-text);
      backdrop-filter: blur(6px);
    }
    [part~='status']::before {
      content: '';
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--conf-text-muted);
    }
    :host([connection='joined']) [part~='status']::before {
      background: var(--conf-success);
    }
    :host([connection='connecting']) [part~='status']::before,
    :host([connection='reconnecting']) [part~='status']::before {
      background: var(--conf-warning);
      animation: blink 1s ease-in-out infinite;
    }
    :host([connection='reconnecting']) [part~='status'] {
      left: 50%;
      transform: translateX(-50%);
      padding: 8px 14px;
      font-size: 14px;
      background: var(--conf-warning);
      color: #111;
    }
    [part~='overlay'] {
      position: absolute;
      inset: 0;
      z-index: 3;
      display: grid;
      place-items: center;
      padding: 16px;
      background: var(--conf-overlay);
      backdrop-filter: blur(4px);
      border-radius: var(--conf-tile-radius);
    }
    .card {
      display: grid;
      justify-items: center;
      gap: 10px;
      max-width: 420px;
      padding: 24px;
      text-align: center;
      border-radius: var(--conf-radius);
      background: var(--conf-surface-raised);
      box-shadow: var(--conf-shadow);
    }
    .card h2 {
      margin: 0;
      font-size: 18px;
    }
    .card p {
      margin: 0;
      color: var(--conf-text-muted);
      font-size: 14px;
      line-height: 1.5;
    }
    .card .code {
      font-family: ui-monospace, monospace;
      font-size: 12px;
      opacity: 0.7;
    }
    .card .actions {
      display: flex;
      gap: 8px;
      margin-top: 6px;
    }
    .card button.primary {
      background: var(--conf-accent);
      color: var(--conf-on-accent);
      border-radius: var(--conf-radius);
      padding: 0 18px;
    }
    .card button.secondary {
      border-radius: var(--conf-radius);
      padding: 0 18px;
    }
    [part~='error'].toast {
      position: absolute;
      top: 10px;
      right: 10px;
      z-index: 4;
      max-width: min(380px, calc(100% - 20px));
      justify-items: start;
      text-align: start;
      border-left: 4px solid var(--conf-danger);
    }
    .spinner {
      width: 32px;
      height: 32px;
      border-radius: 50%;
      border: 3px solid var(--conf-border);
      border-top-color: var(--conf-accent);
      animation: spin 800ms linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @keyframes blink {
      50% {
        opacity: 0.3;
      }
    }
  `,
];
