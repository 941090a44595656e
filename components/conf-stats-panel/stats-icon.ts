import { svg } from 'lit';

/** A small bar-chart icon for the Stats buttons. */
export const statsIcon = svg`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 20h16v-2H4v2zm1-4h3V9H5v7zm5 0h3V4h-3v12zm5 0h3v-5h-3v5z"/></svg>`;
