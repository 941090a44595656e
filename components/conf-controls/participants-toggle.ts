/**
 * <conf-controls>' participants button (with a count badge) and the <conf-participants> panel it
 * opens (docs/auth.md). Escape inside the panel closes it and returns focus to the button.
 */
import { html } from 'lit';
import type { ConfStrings } from '../i18n/strings.js';
import type { SessionLike } from '../../src/session/types.js';

interface ToggleHost extends HTMLElement {
  participantsOpen: boolean;
  session?: SessionLike;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

function close(host: ToggleHost): void {
  host.participantsOpen = false;
  host.renderRoot.querySelector<HTMLElement>('[part~="participants-button"]')?.focus();
}

export function participantsToggle(host: ToggleHost, count: number, t: ConfStrings) {
  const label = t.participantsOpen(count);
  return html`<span class="participants">
    <button part="participants-button" aria-expanded=${host.participantsOpen ? 'true' : 'false'} aria-controls="participants-panel"
      aria-label=${label} title=${label} @click=${() => (host.participantsOpen = !host.participantsOpen)}>
      <span part="participants-count" class="badge">${count}</span>
    </button>
    <conf-participants id="participants-panel" part="participants-panel" .session=${host.session} ?hidden=${!host.participantsOpen}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.stopPropagation();
          close(host);
        }
      }}></conf-participants>
  </span>`;
}
