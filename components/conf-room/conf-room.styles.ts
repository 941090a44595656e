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
    [part~='chat'] {
      position: absolute;
      z-index: 3;
      top: 0;
      right: 0;
      bottom: 0;
      width: min(360px, 100%);
    }
    [part~='layout'] {
      display: flex;
      flex-direction: column;
      gap: var(--conf-gap);
      height: 100%;
      min-height: 0;
    }
    /* Grid: tiles sized by the layout maths (--_tile-w/h), wrapped and centred: the last row too. */
    [part~='grid'] {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-wrap: wrap;
      align-content: center;
      justify-content: center;
      gap: var(--conf-gap);
      overflow: hidden;
    }
    [part~='grid']:focus-visible,
    [part~='filmstrip']:focus-visible {
      outline: var(--conf-focus-ring);
      outline-offset: -2px;
    }
    [part~='grid'] > * {
      flex: none;
      aspect-ratio: auto;
      width: var(--_tile-w, 160px);
      height: var(--_tile-h, 90px);
    }
    [part~='grid'] > [offpage] {
      display: none;
    }
    [part~='pager'] {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 12px;
      height: 36px;
      font-size: 14px;
    }
    [part~='pager'] button {
      min-width: 36px;
      height: 36px;
    }
    [part~='pager'] svg {
      width: 18px;
      height: 18px;
    }
    /* Speaker view: the stage, and a filmstrip that scrolls visibly. */
    [part~='stage-main'] {
      flex: 1;
      min-height: 0;
      display: grid;
    }
    [part~='stage-main'] > * {
      aspect-ratio: auto;
      width: 100%;
      height: 100%;
      min-height: 0;
    }
    [part~='filmstrip'] {
      flex: none;
      display: flex;
      gap: var(--conf-gap);
      overflow-x: auto;
      overflow-y: hidden;
      padding-bottom: 6px;
      scrollbar-width: thin;
      scrollbar-color: var(--conf-text-muted) transparent;
      scroll-snap-type: x proximity;
    }
    [part~='filmstrip'] > * {
      flex: none;
      width: var(--_strip-w, 160px);
      aspect-ratio: 16 / 9;
      height: auto;
      scroll-snap-align: start;
    }
    [part~='self-view'] {
      position: absolute;
      z-index: 2;
      width: clamp(96px, 22%, 200px);
      cursor: grab;
      touch-action: none;
      border-radius: var(--conf-tile-radius);
      box-shadow: var(--conf-shadow);
    }
    [part~='self-view']:focus-visible {
      outline: var(--conf-focus-ring, 2px solid var(--conf-accent));
      outline-offset: var(--conf-focus-ring-offset, 2px);
    }
    [part~='self-view'] > conf-tile {
      width: 100%;
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
    [part~='recording'] {
      position: absolute;
      top: 42px;
      left: 10px;
      z-index: 3;
    }
    [part~='connection-banner'] {
      position: absolute;
      top: 10px;
      left: 0;
      right: 0;
      z-index: 5;
    }
    [part~='connection-banner'][phase='failed'] {
      top: 50%;
      transform: translateY(-50%);
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
