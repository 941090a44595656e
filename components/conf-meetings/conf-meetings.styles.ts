import { css } from 'lit';
import { buttonStyles, themeTokens } from '../theme.js';

export const confMeetingsStyles = [
  themeTokens,
  buttonStyles,
  css`
    :host {
      display: block;
      font-family: var(--conf-font-family);
      color: var(--conf-text);
      background: var(--conf-background);
      padding: 12px;
      border-radius: var(--conf-radius);
    }
    :host([hidden]) {
      display: none;
    }
    h2,
    h3 {
      margin: 0 0 10px;
    }
    [part~='toolbar'],
    .actions,
    [part~='pager'],
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    [part~='toolbar'] {
      justify-content: space-between;
      margin-bottom: 10px;
    }
    [role='tab'][aria-selected='true'],
    .primary {
      background: var(--conf-accent);
      color: var(--conf-on-accent, #fff);
    }
    [part~='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    [part~='meeting'] {
      padding: 10px 12px;
      border-radius: var(--conf-radius);
      background: var(--conf-surface);
    }
    .name {
      font-weight: 600;
      margin: 0;
    }
    .meta {
      margin: 2px 0 8px;
      font-size: 0.85rem;
      color: var(--conf-text-muted);
    }
    [part~='form'] {
      display: grid;
      gap: 10px;
      padding: 12px;
      margin-bottom: 12px;
      border-radius: var(--conf-radius);
      background: var(--conf-surface);
    }
    label {
      display: grid;
      gap: 4px;
      font-size: 0.9rem;
    }
    label.check {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    input {
      font: inherit;
    }
    [part~='input'] {
      min-height: 40px;
      padding: 0 10px;
      border-radius: var(--conf-radius);
      border: 1px solid var(--conf-border);
      color: var(--conf-text);
      background: var(--conf-background);
    }
    input:focus-visible {
      outline: var(--conf-focus-ring);
      outline-offset: var(--conf-focus-ring-offset);
    }
    input[type='checkbox'] {
      width: 20px;
      height: 20px;
    }
    [part~='error'] {
      margin: 0 0 10px;
      color: var(--conf-text);
    }
  `,
];
