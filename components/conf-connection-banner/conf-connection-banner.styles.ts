import { css } from 'lit';

export const connectionBannerStyles = css`
  :host {
    display: block;
    font-family: var(--conf-font-family, system-ui, sans-serif);
    pointer-events: none;
  }
  :host([phase='hidden']) [part~='base'] {
    display: none;
  }
  [part~='base'] {
    pointer-events: auto;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 8px 14px;
    max-width: min(560px, calc(100% - 20px));
    margin: 0 auto;
    padding: 10px 16px;
    border-radius: var(--conf-radius, 10px);
    color: var(--conf-connection-banner-color, var(--conf-text, #eef0f4));
    background: var(--conf-connection-banner-background, var(--conf-surface-raised, #262a33));
    border-left: 4px solid var(--conf-connection-banner-accent, var(--conf-warning, #f5a524));
    box-shadow: var(--conf-shadow, 0 8px 24px rgba(0, 0, 0, 0.45));
    font-size: 14px;
    line-height: 1.4;
  }
  :host([phase='restored']) [part~='base'] {
    border-left-color: var(--conf-connection-banner-restored-accent, var(--conf-success, #30a46c));
  }
  :host([phase='failed']) [part~='base'] {
    border-left-color: var(--conf-connection-banner-failed-accent, var(--conf-danger, #d93036));
    flex-direction: column;
    text-align: center;
    padding: 18px 22px;
  }
  [part~='spinner'] {
    width: 14px;
    height: 14px;
    flex: none;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-top-color: transparent;
    animation: spin 900ms linear infinite;
  }
  [part~='message'] {
    margin: 0;
    font-weight: 600;
  }
  [part~='advice'] {
    margin: 0;
    color: var(--conf-text-muted, #9aa1ae);
  }
  [part~='code'] {
    font-family: ui-monospace, monospace;
    font-size: 12px;
    opacity: 0.8;
  }
  [part~='rejoin'] {
    font: inherit;
    font-weight: 600;
    min-height: 36px;
    padding: 0 18px;
    border: 0;
    border-radius: var(--conf-radius, 10px);
    background: var(--conf-accent, #3b6fe0);
    color: var(--conf-on-accent, #fff);
    cursor: pointer;
  }
  [part~='rejoin']:focus-visible {
    outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #3b6fe0));
    outline-offset: var(--conf-focus-ring-offset, 2px);
  }
  [part~='rejoin'][disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='spinner'] {
      animation: none;
      border-top-color: currentColor;
      opacity: 0.6;
    }
  }
`;
