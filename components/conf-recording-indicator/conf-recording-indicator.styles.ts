import { css } from 'lit';

export const recordingIndicatorStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 8px;
    font-family: var(--conf-font-family, system-ui, sans-serif);
  }
  [part~='base'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 10px;
    border-radius: 999px;
    background: var(--conf-recording-background, rgba(10, 12, 16, 0.72));
    color: var(--conf-text, #eef0f4);
    font-size: 12px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part~='dot'] {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--conf-recording-color, var(--conf-danger, #d93036));
    animation: blink 1.6s ease-in-out infinite;
  }
  [part~='mark'] {
    letter-spacing: 0.05em;
  }
  [part~='elapsed'] {
    font-weight: 500;
  }
  [part~='notice'] {
    max-width: min(420px, 80vw);
  }
  @keyframes blink {
    50% {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='dot'] {
      animation: none;
    }
  }
`;
