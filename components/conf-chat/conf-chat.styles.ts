import { css } from 'lit';
import { buttonStyles, themeTokens } from '../theme.js';

export const confChatStyles = [
  themeTokens,
  buttonStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      font-family: var(--conf-font-family);
      color: var(--conf-text);
      background: var(--conf-surface, #1a1d23);
      border-radius: var(--conf-radius);
      box-shadow: var(--conf-shadow);
    }
    :host([hidden]) {
      display: none;
    }
    [part~='header'] {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 6px 6px 6px 14px;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    [part~='messages'] {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      margin: 0;
      padding: 0 14px;
      list-style: none;
    }
    [part~='messages']:focus-visible {
      outline: var(--conf-focus-ring);
      outline-offset: -2px;
    }
    [part~='message'] {
      margin: 0 0 10px;
    }
    .meta {
      display: flex;
      gap: 8px;
      font-size: 0.8rem;
      color: var(--conf-text-muted, #a9b0bd);
    }
    .who {
      font-weight: 600;
      color: var(--conf-text);
    }
    [part~='text'] {
      margin: 2px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: inherit;
      text-decoration: underline;
    }
    a:focus-visible,
    textarea:focus-visible {
      outline: var(--conf-focus-ring);
      outline-offset: var(--conf-focus-ring-offset);
    }
    [part~='form'] {
      display: flex;
      gap: 6px;
      padding: 10px;
      align-items: flex-end;
    }
    textarea {
      flex: 1;
      font: inherit;
      resize: none;
      min-height: 44px;
      max-height: 8em;
      box-sizing: border-box;
      padding: 10px 12px;
      border-radius: var(--conf-radius);
      border: 1px solid var(--conf-border, #3a404c);
      color: var(--conf-text);
      background: var(--conf-background);
    }
    [part~='send-button'] {
      background: var(--conf-accent);
      color: var(--conf-on-accent, #fff);
    }
    .note,
    [part~='error'] {
      margin: 0 14px 8px;
      font-size: 0.85rem;
    }
    [part~='error'] {
      color: var(--conf-danger-text, var(--conf-text));
    }
  `,
];
