import { css } from 'lit';

export const confTileStyles = css`
  :host {
    position: relative;
    display: block;
    min-width: 0;
    min-height: 0;
    aspect-ratio: var(--conf-tile-aspect-ratio, 16 / 9);
    overflow: hidden;
    border-radius: var(--conf-tile-radius, 12px);
    background: var(--conf-tile-background, var(--conf-surface, #1b1e25));
    color: var(--conf-text, #eef0f4);
    font-family: var(--conf-font-family, system-ui, sans-serif);
    container-type: size;
    isolation: isolate;
  }
  :host::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: inherit;
    pointer-events: none;
    /* The ring is always drawn and faded by opacity alone, the pulse too: the compositor runs both,
       with no main-thread paint per frame (a box-shadow transition or animation repainted the tile
       on the main thread every frame). */
    box-shadow: inset 0 0 0 var(--conf-speaking-ring-width, 3px) var(--conf-speaking-color, #3dd68c);
    opacity: 0;
    transition: opacity 150ms ease;
  }
  :host([speaking])::after {
    opacity: 1;
    animation: conf-speaking-pulse 1.2s ease-in-out infinite alternate;
    will-change: opacity;
  }
  @keyframes conf-speaking-pulse {
    to {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host::after,
    :host([speaking])::after {
      transition: none;
      animation: none;
    }
  }
  /* The shared pin button: ../pin-button.styles.ts */
  [part~='pin-button'] {
    color: inherit;
  }
  [part~='pin-button'][aria-pressed='true'] {
    background: var(--conf-accent, #4f8cff);
    color: var(--conf-on-accent, #fff);
  }
  [part~='pin-button']:focus-visible {
    outline: var(--conf-focus-ring, 2px solid var(--conf-accent, #4f8cff));
    outline-offset: var(--conf-focus-ring-offset, 2px);
  }
  [part~='video'] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: var(--conf-tile-object-fit, cover);
    background: transparent;
  }
  [part~='video'].mirrored {
    transform: scaleX(-1);
  }
  [part~='video'][hidden] {
    /* Kept in the DOM (and playing) so remote audio keeps playing while the camera is off. */
    display: block;
    visibility: hidden;
  }
  .center {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  [part~='avatar'] {
    display: grid;
    place-items: center;
    width: clamp(40px, 28cqmin, 120px);
    aspect-ratio: 1;
    border-radius: 50%;
    background: var(--conf-avatar-background, #3a4150);
    color: var(--conf-avatar-color, #ffffff);
    font-size: clamp(16px, 11cqmin, 48px);
    font-weight: 600;
    letter-spacing: 0.02em;
    user-select: none;
  }
  [part~='placeholder'] {
    display: grid;
    justify-items: center;
    gap: 8px;
    color: var(--conf-text-muted, #9aa1ae);
    font-size: 13px;
  }
  [part~='placeholder'] svg {
    width: clamp(28px, 18cqmin, 72px);
    height: clamp(28px, 18cqmin, 72px);
    opacity: 0.6;
  }
  [part~='footer'] {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    display: flex;
    align-items: center;
    gap: 8px;
    pointer-events: none;
  }
  [part~='label'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-width: 100%;
    min-width: 0;
    padding: 4px 8px;
    border-radius: 6px;
    background: var(--conf-tile-label-background, rgba(0, 0, 0, 0.55));
    color: #fff;
    font-size: 13px;
    line-height: 18px;
  }
  [part~='name'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='badges'] {
    display: inline-flex;
    gap: 4px;
  }
  [part~='badge'] {
    display: inline-grid;
    place-items: center;
    width: 22px;
    height: 22px;
    border-radius: 50%;
    background: var(--conf-danger, #d93036);
    color: var(--conf-on-danger, #fff);
  }
  [part~='badge'] svg {
    width: 13px;
    height: 13px;
  }
  [part~='badge-video-off'] {
    background: rgba(0, 0, 0, 0.55);
  }
  [part~='top'] {
    position: absolute;
    top: 8px;
    left: 8px;
    right: 8px;
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 8px;
    z-index: 1;
  }
  [part~='quality-menu'],
  [part~='pin-button'] {
    margin-left: auto;
  }
  [part~='quality-menu'] + [part~='pin-button'] {
    margin-left: 0;
  }
  mic-meter {
    --conf-mic-meter-height: 12px;
    --conf-mic-meter-width: 14px;
  }
  /* A participant whose connection is lost (docs/reliability.md): dimmed, labelled. */
  [part~='video'],
  .center {
    transition: opacity 200ms ease;
  }
  :host([reconnecting]) [part~='video'],
  :host([reconnecting]) .center {
    opacity: var(--conf-tile-reconnecting-opacity, 0.4);
  }
  [part~='reconnecting'] {
    position: absolute;
    inset: 0;
    z-index: 1;
    display: grid;
    place-items: center;
    pointer-events: none;
    font-size: 14px;
    font-weight: 600;
    text-shadow: 0 1px 3px rgba(0, 0, 0, 0.8);
  }
  [part~='reconnecting'] > span[aria-hidden] {
    padding: 4px 12px;
    border-radius: 999px;
    background: var(--conf-tile-label-background, rgba(0, 0, 0, 0.55));
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='video'],
    .center {
      transition: none;
    }
  }
`;
