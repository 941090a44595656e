import { css } from 'lit';

/** The pin button that <conf-tile> and <conf-screen-tile> share (docs/layouts.md); each adds its own placement. */
export const pinButtonStyles = css`
  [part~='pin-button'] {
    display: inline-grid;
    place-items: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border: 0;
    border-radius: 8px;
    background: var(--conf-tile-label-background, rgba(0, 0, 0, 0.55));
    cursor: pointer;
  }
  [part~='pin-button'] svg {
    width: 16px;
    height: 16px;
  }
`;
