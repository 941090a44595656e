import { css } from 'lit';
import { buttonStyles } from '../theme.js';

export const confPrejoinStyles = [
  buttonStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      width: min(100%, var(--conf-prejoin-width, 560px));
      padding: var(--conf-prejoin-padding, 20px);
      border-radius: var(--conf-radius, 10px);
      background: var(--conf-surface-raised, #262a33);
      color: var(--conf-text, #eef0f4);
      font-family: var(--conf-font-family, system-ui, sans-serif);
      box-shadow: var(--conf-shadow, 0 8px 24px rgba(0, 0, 0, 0.45));
    }
    [part~='base'] {
      display: grid;
      gap: 12px;
    }
    [part~='heading'] {
      margin: 0;
      font-size: 18px;
    }
    [part~='preview-box'] {
      position: relative;
      aspect-ratio: 16 / 9;
      overflow: hidden;
      border-radius: var(--conf-tile-radius, 12px);
      background: var(--conf-prejoin-preview-background, #111318);
    }
    [part~='preview'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
      transform: scaleX(-1);
    }
    [part~='preview'][hidden] {
      display: none;
    }
    [part~='preview-off'] {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      color: var(--conf-text-muted, #9aa1ae);
      font-size: 14px;
    }
    [part~='toggles'] {
      position: absolute;
      left: 50%;
      bottom: 10px;
      transform: translateX(-50%);
      display: flex;
      gap: 8px;
    }
    [part~='toggles'] button[aria-pressed='true'] {
      background: var(--conf-danger, #e5484d);
      color: #fff;
    }
    [part~='meter'] {
      height: 6px;
      border-radius: 3px;
      background: var(--conf-border, #2f3440);
      overflow: hidden;
    }
    [part~='meter-fill'] {
      height: 100%;
      width: calc(var(--conf-prejoin-level, 0) * 100%);
      background: var(--conf-speaking-color, #3dd68c);
      transition: width 90ms linear;
    }
    [part~='devices'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    [part~='test-sound'] {
      padding: 0 12px;
      font-size: 14px;
    }
    [part~='notice'] {
      margin: 0;
      padding: 8px 12px;
      border-left: 3px solid var(--conf-warning, #f5a524);
      border-radius: 6px;
      background: var(--conf-surface, #1b1e25);
      font-size: 14px;
      line-height: 1.4;
    }
    label {
      display: grid;
      gap: 4px;
      font-size: 13px;
      color: var(--conf-text-muted, #9aa1ae);
    }
    [part~='name-input'] {
      box-sizing: border-box;
      height: 40px;
      padding: 0 12px;
      border: 1px solid var(--conf-border, #2f3440);
      border-radius: var(--conf-radius, 10px);
      background: var(--conf-surface, #1b1e25);
      color: var(--conf-text, #eef0f4);
      font: inherit;
      font-size: 15px;
    }
    [part~='join-button'] {
      justify-self: stretch;
      background: var(--conf-accent, #3b6fe0);
      color: var(--conf-on-accent, #fff);
      border-radius: var(--conf-radius, 10px);
      font-size: 15px;
      font-weight: 600;
    }
  `,
];
