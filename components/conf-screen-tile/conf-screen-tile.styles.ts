import { css } from 'lit';

export const confScreenTileStyles = css`
  :host {
    position: relative;
    display: block;
    min-width: 0;
    min-height: 0;
    aspect-ratio: var(--conf-screen-tile-aspect-ratio, 16 / 9);
    overflow: hidden;
    border-radius: var(--conf-tile-radius, 12px);
    background: var(--conf-screen-tile-background, #000);
    color: var(--conf-text, #eef0f4);
    font-family: var(--conf-font-family, system-ui, sans-serif);
  }
  [part~='video'] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  [part~='video'][hidden] {
    display: block;
    visibility: hidden;
  }
  [part~='placeholder'] {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    align-content: center;
    gap: 8px;
    font-size: 14px;
    color: var(--conf-text-muted, #9aa1ae);
  }
  [part~='placeholder'] svg {
    width: 40px;
    height: 40px;
  }
  [part~='label'] {
    position: absolute;
    left: 8px;
    bottom: 8px;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-width: calc(100% - 16px);
    padding: 4px 10px;
    border-radius: 999px;
    font-size: 13px;
    background: var(--conf-tile-label-background, rgba(0, 0, 0, 0.55));
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='label'] svg {
    width: 16px;
    height: 16px;
    flex: none;
  }
  /* The shared pin button: ../pin-button.styles.ts */
  [part~='pin-button'] {
    position: absolute;
    top: 8px;
    right: 8px;
    color: #fff;
  }
  [part~='pin-button'][aria-pressed='true'] {
    background: var(--conf-accent, #4f8cff);
  }
  [part~='pin-button']:focus-visible {
    outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #4f8cff));
    outline-offset: var(--conf-focus-ring-offset, 2px);
  }
`;
