import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { sessionContext } from '../../src/context.js';
import type { SessionLike } from '../../src/session/types.js';
import { define } from '../define.js';
import { ConfDeviceSelectEvent, type DeviceKind } from '../events.js';
import { cameraIcon, checkIcon, chevronIcon, micIcon, speakerIcon } from '../icons.js';
import { devicePickerStyles } from './device-picker.styles.js';

/** Device methods a session may offer (added by a later issue); feature-checked before use. */
interface DeviceCapableSession {
  switchCamera?(deviceId: string): Promise<void>;
  switchMicrophone?(deviceId: string): Promise<void>;
  selectAudioOutput?(deviceId: string): Promise<void>;
}

const methods = { videoinput: 'switchCamera', audioinput: 'switchMicrophone', audiooutput: 'selectAudioOutput' } as const;
const nouns = { videoinput: 'Camera', audioinput: 'Microphone', audiooutput: 'Speaker' } as const;
const icons = { videoinput: cameraIcon, audioinput: micIcon, audiooutput: speakerIcon } as const;

/**
 * @summary A popover menu listing the media devices of one kind; picking one switches to it.
 *
 * Lists `navigator.mediaDevices.enumerateDevices()` filtered by `kind`, refreshed when opened and
 * on `devicechange`. The menu is anchored with @floating-ui/dom and fully keyboard operable:
 * Enter, Space or ArrowDown opens it; ArrowUp/ArrowDown/Home/End move; Enter or Space picks;
 * Escape or Tab closes. Picking emits `conf-device-select`; unless that event is cancelled, the
 * picker then calls the session's `switchCamera` / `switchMicrophone` / `selectAudioOutput`,
 * only if the session has that method.
 *
 * @event conf-device-select - A device was picked. `detail: { deviceId, kind }`. Cancelable.
 *
 * @csspart trigger - The button that opens the menu.
 * @csspart menu - The popover list (`role="menu"`).
 * @csspart heading - The menu title.
 * @csspart item - Each device (`role="menuitemradio"`).
 * @csspart empty - Shown when there is no device.
 *
 * @cssproperty [--conf-surface-raised] - Menu background.
 * @cssproperty [--conf-accent] - Check mark and focus colour.
 */
export class DevicePicker extends LitElement {
  static override styles = devicePickerStyles;

  /** Which devices to list. */
  @property({ reflect: true }) kind: DeviceKind = 'audioinput';

  /** Whether the menu is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The selected device id ('' until one is known or picked). */
  @property({ attribute: 'selected-id' }) selectedId = '';

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** The listed devices. */
  @state() devices: MediaDeviceInfo[] = [];

  @query('[part~="trigger"]') private trigger!: HTMLButtonElement;
  @query('[part~="menu"]') private menu!: HTMLElement;

  #cleanupPosition?: () => void;
  readonly #onDeviceChange = (): void => void this.refresh();
  readonly #onDocumentPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.hide();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
    document.addEventListener('pointerdown', this.#onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown);
    this.#cleanupPosition?.();
    this.#cleanupPosition = undefined;
  }

  /** Re-reads the device list. */
  async refresh(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    this.devices = all.filter((d) => d.kind === this.kind && d.deviceId !== '');
    if (!this.selectedId) this.selectedId = this.#currentDeviceId() ?? '';
  }

  /** Opens the menu and focuses the selected (or first) device. */
  async show(): Promise<void> {
    await this.refresh();
    this.open = true;
    await this.updateComplete;
    this.#items()[Math.max(0, this.#selectedIndex())]?.focus();
  }

  /** Closes the menu. */
  hide(returnFocus = false): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  /** Picks a device: emits `conf-device-select`, then asks the session to switch if it can. */
  async select(deviceId: string): Promise<void> {
    this.selectedId = deviceId;
    this.hide(true);
    const event = new ConfDeviceSelectEvent({ deviceId, kind: this.kind });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    const session = this.session as (SessionLike & DeviceCapableSession) | undefined;
    const method = session?.[methods[this.kind]];
    if (typeof method !== 'function') return;
    try {
      await method.call(session, deviceId);
    } catch (error) {
      console.warn(`[device-picker] ${methods[this.kind]} failed`, error);
    }
  }

  /** The device in use by the local stream, for the initial check mark. */
  #currentDeviceId(): string | undefined {
    if (this.kind === 'audiooutput') return undefined;
    const stream = this.session?.state.getSnapshot().self.stream;
    const track = this.kind === 'videoinput' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
    return track?.getSettings().deviceId;
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  #selectedIndex(): number {
    return this.devices.findIndex((d) => d.deviceId === this.selectedId);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    this.#cleanupPosition?.();
    this.#cleanupPosition = undefined;
    if (this.open && this.trigger && this.menu) {
      const place = () =>
        computePosition(this.trigger, this.menu, {
          placement: 'top-start',
          strategy: 'fixed',
          middleware: [offset(8), flip(), shift({ padding: 8 })],
        }).then(({ x, y }) => {
          Object.assign(this.menu.style, { left: `${x}px`, top: `${y}px` });
        });
      this.#cleanupPosition = autoUpdate(this.trigger, this.menu, () => void place());
    }
  }

  #onTriggerKeyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.show();
    }
  }

  #onMenuKeyDown(event: KeyboardEvent): void {
    const items = this.#items();
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Enter':
      case ' ': {
        const id = items[index]?.dataset.deviceId;
        if (id !== undefined) void this.select(id);
        break;
      }
      case 'Escape':
        this.hide(true);
        break;
      case 'Tab':
        this.hide(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  }

  protected override render() {
    const noun = nouns[this.kind];
    return html`
      <button
        part="trigger"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${`Choose ${noun.toLowerCase()}`}
        title=${`Choose ${noun.toLowerCase()}`}
        @click=${() => (this.open ? this.hide() : void this.show())}
        @keydown=${this.#onTriggerKeyDown}
      >
        ${icons[this.kind]}<span class="chevron">${chevronIcon}</span>
      </button>
      <div part="menu" role="menu" aria-label=${noun} ?hidden=${!this.open} @keydown=${this.#onMenuKeyDown}>
        <div part="heading" aria-hidden="true">${noun}</div>
        ${this.devices.length === 0 ? html`<div part="empty">No ${noun.toLowerCase()} found</div>` : nothing}
        ${this.devices.map(
          (d, i) => html`
            <div
              part="item"
              role="menuitemradio"
              tabindex="-1"
              data-device-id=${d.deviceId}
              aria-checked=${d.deviceId === this.selectedId ? 'true' : 'false'}
              @click=${() => void this.select(d.deviceId)}
            >
              <span class="check">${checkIcon}</span>${d.label || `${noun} ${i + 1}`}
            </div>
          `,
        )}
      </div>
    `;
  }
}

define('device-picker', DevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'device-picker': DevicePicker;
  }
}
