import { css } from 'lit';

/**
 * The --conf-* design tokens. <conf-room> declares them on its host (light or dark, following
 * `prefers-color-scheme` unless its `theme` attribute says otherwise); they inherit into every
 * element inside it. Elements used on their own fall back to the dark values.
 * Override any of them on <conf-room> (or on an element) to restyle the kit.
 */
const dark = css`
  --conf-background: #0f1115;
  --conf-surface: #1b1e25;
  --conf-surface-raised: #262a33;
  --conf-surface-hover: #323743;
  --conf-text: #eef0f4;
  --conf-text-muted: #9aa1ae;
  --conf-border: #2f3440;
  --conf-accent: #3b6fe0;
  --conf-on-accent: #ffffff;
  --conf-danger: #d93036;
  --conf-on-danger: #ffffff;
  --conf-warning: #f5a524;
  --conf-success: #30a46c;
  --conf-speaking-color: #3dd68c;
  --conf-avatar-background: #3a4150;
  --conf-overlay: rgba(10, 12, 16, 0.72);
  --conf-shadow: 0 8px 24px rgba(0, 0, 0, 0.45);
`;

const light = css`
  --conf-background: #f4f5f7;
  --conf-surface: #dfe3ea;
  --conf-surface-raised: #ffffff;
  --conf-surface-hover: #eceff4;
  --conf-text: #161a22;
  --conf-text-muted: #5b6373;
  --conf-border: #cfd5df;
  --conf-accent: #2563eb;
  --conf-on-accent: #ffffff;
  --conf-danger: #d92d36;
  --conf-on-danger: #ffffff;
  --conf-warning: #b86e00;
  --conf-success: #1f8a55;
  --conf-speaking-color: #16a34a;
  --conf-avatar-background: #5b6578;
  --conf-overlay: rgba(244, 245, 247, 0.8);
  --conf-shadow: 0 8px 24px rgba(20, 24, 33, 0.18);
`;

/** `.visually-hidden`: text for screen readers only (included in buttonStyles). */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

export const themeTokens = css`
  :host {
    --conf-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --conf-radius: 10px;
    --conf-tile-radius: 12px;
    --conf-gap: 8px;
    /* An outline (not a box-shadow): it stays visible in forced-colors (Windows high contrast) mode. */
    --conf-focus-ring: 2px solid var(--conf-accent);
    --conf-focus-ring-offset: 2px;
    color-scheme: light;
    ${light}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color-scheme: dark;
      ${dark}
    }
  }
  :host([theme='dark']) {
    color-scheme: dark;
    ${dark}
  }
`;

/** Shared button look for the control bar elements. */
export const buttonStyles = css`
  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-width: 44px;
    height: 44px;
    padding: 0 12px;
    border: none;
    border-radius: 999px;
    color: var(--conf-text, #eef0f4);
    background: var(--conf-surface-raised, #262a33);
    cursor: pointer;
    transition: background 120ms ease, transform 80ms ease;
  }
  button:hover:not(:disabled) {
    background: var(--conf-surface-hover, #323743);
  }
  button:active:not(:disabled) {
    transform: scale(0.96);
  }
  /* Keyboard focus: a visible outline on every control (WCAG 2.4.7), restyled through --conf-focus-ring. */
  button:focus-visible,
  input:focus-visible {
    outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #3b6fe0));
    outline-offset: var(--conf-focus-ring-offset, 2px);
  }
  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  svg {
    width: 20px;
    height: 20px;
    flex: none;
  }
  ${visuallyHiddenStyles}
`;
