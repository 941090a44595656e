import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { MenuPopoverController } from '../controllers/menu-popover-controller.js';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { DEVICE_LIST_KEYS } from '../../src/state/devices.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import type { DeviceSummary } from '../../src/state/types.js';
import { define } from '../define.js';
import { ConfDeviceSelectEvent, type DeviceKind } from '../events.js';
import { cameraIcon, checkIcon, chevronIcon, micIcon, speakerIcon } from '../icons.js';
import { createLogger } from '../../src/logger.js';
import { devicePickerStyles } from './device-picker.styles.js';

const log = createLogger('conf-kit:device-picker');

/** A listed device: the session's DeviceSummary or the browser's MediaDeviceInfo. */
type ListedDevice = Pick<DeviceSummary, 'deviceId' | 'label'> & { kind: string };

const listMethods = { videoinput: 'getCameras', audioinput: 'getAudioInputs', audiooutput: 'getAudioOutputs' } as const;
const methods = { videoinput: 'switchCamera', audioinput: 'switchMicrophone', audiooutput: 'selectAudioOutput' } as const;
const icons = { videoinput: cameraIcon, audioinput: micIcon, audiooutput: speakerIcon } as const;

/**
 * @summary A popover menu listing the media devices of one kind; picking one switches to it.
 *
 * With a device-capable session (one with `getCameras()` etc., as ConferenceSession and
 * FakeSession are), the list and the check mark come from `state.devices`: the list updates live
 * when devices are plugged in or removed, and the mark follows the device in use, including an
 * automatic fallback. Otherwise it lists `navigator.mediaDevices.enumerateDevices()` filtered by
 * `kind`, refreshed when opened and on `devicechange`. A list read before permission was granted
 * (no labels) says so instead of showing anonymous entries.
 *
 * The menu is anchored with @floating-ui/dom and fully keyboard operable: Enter, Space or
 * ArrowDown opens it; ArrowUp/ArrowDown/Home/End move; Enter or Space picks; Escape or Tab closes.
 * Picking emits `conf-device-select`; unless that event is cancelled, the picker then calls the
 * session's `switchCamera({deviceId})` / `switchMicrophone` / `selectAudioOutput`, only if the
 * session has that method.
 *
 * @event conf-device-select - A device was picked. `detail: { deviceId, kind }`. Cancelable.
 *
 * @csspart trigger - The button that opens the menu.
 * @csspart menu - The popover (heading, notices and the list).
 * @csspart list - The device list (`role="menu"`), present when there are devices.
 * @csspart heading - The menu title.
 * @csspart item - Each device (`role="menuitemradio"`).
 * @csspart empty - Shown when there is no device.
 * @csspart notice - Shown when the list was read before permission was granted (no names).
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

  /** The listed devices (browser list mode; with a device-capable session see `state.devices`). */
  @state() devices: ListedDevice[] = [];

  /** False when the list came before permission was granted (no labels). */
  @state() labelled = true;

  /** The session's device state for this kind, when the session manages devices. */
  readonly #sessionDevices = new StoreController(
    this,
    () => (this.#capable ? this.session?.state : undefined),
    (s) => ({
      list: s.devices?.[DEVICE_LIST_KEYS[this.kind]] ?? [],
      labelled: s.devices?.labelled ?? true,
      current: s.devices?.current[this.kind] ?? null,
      supported: this.kind !== 'audiooutput' || (s.devices?.audioOutputSupported ?? true),
    }),
    {
      equals: shallowEqual,
      onChange: (next, prev) => {
        if (next.current !== prev.current && next.current !== null) this.selectedId = next.current;
      },
    },
  );

  get #capable(): boolean {
    return typeof (this.session as Record<string, unknown> | undefined)?.[listMethods[this.kind]] === 'function';
  }

  readonly #t = new StringsController(this);

  @query('[part~="trigger"]') private trigger!: HTMLButtonElement;
  @query('[part~="menu"]') private menu!: HTMLElement;

  readonly #popover = new MenuPopoverController(this, { placement: 'top-start', offset: 8 });
  readonly #onDeviceChange = (): void => {
    if (!this.#capable) void this.refresh();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
  }

  /** Re-reads the device list (through the session when it manages devices). */
  async refresh(): Promise<void> {
    const session = this.session;
    if (this.#capable && session) {
      try {
        await session[listMethods[this.kind]]!();
      } catch (error) {
        log.warn('listing devices failed', error);
      }
    } else {
      const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
      const ofKind = all.filter((d) => d.kind === this.kind);
      this.labelled = all.length === 0 || all.some((d) => d.label !== '');
      this.devices = ofKind.filter((d) => d.deviceId !== '');
    }
    if (!this.selectedId) this.selectedId = this.#currentDeviceId() ?? '';
  }

  /** What the menu lists now. */
  get listed(): readonly ListedDevice[] {
    const fromSession = this.#capable ? this.#sessionDevices.value : undefined;
    return fromSession ? fromSession.list.filter((d) => d.deviceId !== '') : this.devices;
  }

  get #labelled(): boolean {
    return (this.#capable ? this.#sessionDevices.value?.labelled : undefined) ?? this.labelled;
  }

  /** Opens the menu and focuses the selected (or first) device. */
  async show(): Promise<void> {
    await this.refresh();
    this.open = true;
    await this.updateComplete;
    this.#popover.items()[Math.max(0, this.#selectedIndex())]?.focus();
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
    const session = this.session;
    if (typeof session?.[methods[this.kind]] !== 'function') return;
    try {
      if (this.kind === 'videoinput') await session.switchCamera!({ deviceId });
      else if (this.kind === 'audioinput') await session.switchMicrophone!(deviceId);
      else await session.selectAudioOutput!(deviceId);
    } catch (error) {
      log.warn(`${methods[this.kind]} failed`, error);
    }
  }

  /** The device in use, for the initial check mark. */
  #currentDeviceId(): string | undefined {
    const fromState = this.#capable ? this.#sessionDevices.value?.current : undefined;
    if (fromState) return fromState;
    if (this.kind === 'audiooutput') return undefined;
    const stream = this.session?.state.getSnapshot().self.stream;
    const track = this.kind === 'videoinput' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
    return track?.getSettings().deviceId;
  }

  #selectedIndex(): number {
    return this.listed.findIndex((d) => d.deviceId === this.selectedId);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#popover.syncPosition();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') || changed.has('session')) this.#sessionDevices.invalidate();
  }

  protected override render() {
    const t = this.#t.value;
    const heading = t.deviceHeading[this.kind];
    const devices = this.listed;
    const supported = (this.#capable ? this.#sessionDevices.value?.supported : undefined) ?? true;
    const title = supported ? t.deviceChoose[this.kind] : t.deviceUnavailable[this.kind];
    return html`
      <button
        part="trigger"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${title}
        title=${title}
        ?disabled=${!supported}
        @click=${() => (this.open ? this.hide() : void this.show())}
        @keydown=${this.#popover.onTriggerKeyDown}
      >
        ${icons[this.kind]}<span class="chevron">${chevronIcon}</span>
      </button>
      <div part="menu" ?hidden=${!this.open} @keydown=${this.#popover.onMenuKeyDown}>
        <div part="heading" aria-hidden="true">${heading}</div>
        ${!this.#labelled
          ? html`<div part="notice" role="note">${t.deviceNeedsPermission}</div>`
          : nothing}
        ${devices.length === 0 && this.#labelled ? html`<div part="empty">${t.deviceNone[this.kind]}</div>` : nothing}
        ${devices.length === 0
          ? nothing
          : html`<div part="list" role="menu" aria-label=${heading}>
              ${devices.map(
                (d, i) => html`
                  <div
                    part="item"
                    role="menuitemradio"
                    tabindex="-1"
                    data-device-id=${d.deviceId}
                    aria-checked=${d.deviceId === this.selectedId ? 'true' : 'false'}
                    @click=${() => void this.select(d.deviceId)}
                  >
                    <span class="check">${checkIcon}</span>${d.label || t.deviceUnnamed(this.kind, i + 1)}
                  </div>
                `,
              )}
            </div>`}
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
