import { css } from 'lit';

export const confStatsPanelStyles = css`
  :host {
    display: block;
    position: absolute;
    top: 8px;
    right: 8px;
    bottom: 8px;
    z-index: 20;
    width: min(360px, calc(100% - 16px));
    font-family: var(--conf-font-family, system-ui, sans-serif);
    color: var(--conf-text, #f4f6fb);
  }
  :host(:not([open])) {
    display: none;
  }
  [part~='base'] {
    box-sizing: border-box;
    height: 100%;
    overflow: auto;
    padding: 12px;
    border-radius: 10px;
    background: var(--conf-stats-panel-background, #14171f);
    box-shadow: 0 8px 30px rgba(0, 0, 0, 0.45);
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 15px;
  }
  h3 {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 12px 0 4px;
    font-size: 13px;
  }
  button {
    font: inherit;
    font-size: 12px;
    color: inherit;
    background: var(--conf-stats-panel-button, #2a2f3c);
    border: 1px solid #4a5164;
    border-radius: 6px;
    padding: 4px 8px;
    min-height: 24px;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--conf-focus-ring, #8ab4ff);
    outline-offset: 1px;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 8px;
    margin: 0 0 6px;
    font-size: 12px;
  }
  dt {
    color: var(--conf-text-muted, #b9c0d0);
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  [part~='metrics'] {
    display: grid;
    grid-template-columns: 80px auto 1fr;
    align-items: center;
    gap: 2px 8px;
    font-size: 12px;
  }
  [part~='metric-value'] {
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  [part~='sparkline'] {
    color: var(--conf-stats-sparkline-color, #8ab4ff);
  }
  [part~='status'] {
    font-size: 12px;
    min-height: 16px;
    margin-top: 8px;
  }
`;
