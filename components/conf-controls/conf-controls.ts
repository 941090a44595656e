import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import { define } from '../define.js';
import { cameraIcon, cameraOffIcon, leaveIcon, micIcon, micOffIcon } from '../icons.js';
import { createLogger } from '../../src/logger.js';
import { confControlsStyles } from './conf-controls.styles.js';
import { canPublish } from '../../src/state/permissions.js';
import { participantsToggle } from './participants-toggle.js';
import { ControlsOverflow } from './overflow.js';
// conf-network-indicator and conf-participants load on first use (lazy-elements.ts).
import { LazyElementsController } from '../lazy-elements.js';
import { ConfStatsOpenEvent } from '../conf-stats-panel/stats-events.js';
import { statsIcon } from '../conf-stats-panel/stats-icon.js';

const log = createLogger('conf-kit:conf-controls');

/**
 * @summary The call's control bar: toggle microphone, toggle camera, leave, plus slots for a
 * <screen-share-button> and <device-picker>s.
 *
 * The buttons reflect the session's state (`self.audioMuted`, `self.videoEnabled`) and act
 * through session methods (`setMicrophoneMute`, `setVideoEnabled`, `leave`). The camera button is
 * hidden in audio calls. Buttons are disabled unless the session is joined (or reconnecting).
 *
 * @slot screen-share - A <screen-share-button>.
 * @slot devices - One or more <device-picker>s.
 * @slot - Extra controls, placed before the leave button.
 *
 * @csspart base - The bar.
 * @csspart mic-button - The microphone toggle (`aria-pressed="true"` while muted).
 * @csspart camera-button - The camera toggle (`aria-pressed="true"` while the camera is off).
 * @csspart leave-button - The leave button.
 * @csspart participants-button - Opens the <conf-participants> panel (`aria-expanded`); its badge is the count.
 * @csspart participants-count - The count badge.
 * @csspart participants-panel - The <conf-participants> panel (Escape closes it).
 *
 * Access control (docs/auth.md): the mic and camera toggles are hidden when `self.permissions`
 * does not allow publishing them (a listener sees neither).
 * @csspart network - Your <conf-network-indicator> (docs/network-quality.md).
 * @csspart stats-button - Opens the stats panel (`conf-stats-open`, `userId: null`).
 * @csspart more-button - "More" (`aria-expanded`), shown when the bar is too narrow for every control.
 * @csspart more-panel - The panel it opens, holding the secondary controls (Escape closes it).
 *
 * The bar never wraps (`overflow="auto"`): when it does not fit its width, its buttons first drop
 * their text labels, then the default and `devices` slots and the stats button move into the
 * More panel (the `compact` attribute is set), and on a very narrow bar the `screen-share` slot
 * too. `overflow="always"` or `"never"` forces it.
 *
 * @event conf-stats-open - The Stats button was pressed. `detail: { userId: null }`.
 *
 * @cssproperty [--conf-controls-background=var(--conf-surface)] - Bar background.
 * @cssproperty [--conf-controls-gap=10px] - Space between controls.
 * @cssproperty [--conf-controls-padding=10px 14px] - Bar padding.
 */
export class ConfControls extends LitElement {
  static override styles = confControlsStyles;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Hide the text labels next to the icons. */
  @property({ type: Boolean, reflect: true, attribute: 'icons-only' }) iconsOnly = false;

  /** `auto`: secondary controls go behind "More" when the bar is too narrow; `always` / `never` force it. */
  @property({ reflect: true }) overflow: 'auto' | 'always' | 'never' = 'auto';

  /** Whether the More panel is open (only while the bar is compact). */
  @property({ type: Boolean, reflect: true, attribute: 'more-open' }) moreOpen = false;

  readonly #overflow = new ControlsOverflow(this);

  @state() private busy = { mic: false, camera: false, leave: false };
  /** Whether the participants panel is open. */
  @property({ type: Boolean, reflect: true, attribute: 'participants-open' }) participantsOpen = false;

  readonly #t = new StringsController(this);
  readonly #lazy = new LazyElementsController(this);

  readonly #view = new StoreController(
    this,
    () => this.session?.state,
    (s) => ({
      connection: s.connection,
      audioMuted: s.self.audioMuted,
      videoEnabled: s.self.videoEnabled,
      callType: s.self.callType,
      mic: canPublish(s.self.permissions, 'mic'),
      camera: canPublish(s.self.permissions, 'camera'),
      count: 1 + Object.keys(s.publishers).length,
    }),
    { equals: shallowEqual },
  );

  async #run(key: keyof ConfControls['busy'], action: (session: SessionLike) => Promise<void>): Promise<void> {
    const session = this.session;
    if (!session || this.busy[key]) return;
    this.busy = { ...this.busy, [key]: true };
    try {
      await action(session);
    } catch (error) {
      // The session reports failures in its state (shown by <conf-room>); nothing else to do here.
      log.warn(`${key} failed`, error);
    } finally {
      this.busy = { ...this.busy, [key]: false };
    }
  }

  /** Mutes or unmutes the microphone. */
  toggleMicrophone(): Promise<void> {
    const muted = this.#view.value?.audioMuted ?? false;
    return this.#run('mic', (s) => s.setMicrophoneMute(!muted));
  }

  /** Turns the camera on or off. */
  toggleCamera(): Promise<void> {
    const enabled = this.#view.value?.videoEnabled ?? false;
    return this.#run('camera', (s) => s.setVideoEnabled(!enabled));
  }

  /** Leaves the call. */
  leave(): Promise<void> {
    return this.#run('leave', (s) => s.leave());
  }

  protected override render() {
    const v = this.#view.value;
    const live = v?.connection === 'joined' || v?.connection === 'reconnecting';
    const muted = v?.audioMuted ?? false;
    const videoOff = !(v?.videoEnabled ?? false);
    const t = this.#t.value;
    const level = this.#overflow.level;
    // A bar short of room drops its labels first (./overflow.ts); the names stay in aria-label.
    const showLabels = !this.iconsOnly && level === 0;
    const micLabel = muted ? t.micUnmute : t.micMute;
    const cameraLabel = videoOff ? t.cameraStart : t.cameraStop;
    this.toggleAttribute('compact', level >= 2);
    const stats = (labelled: boolean) => html`<button part="stats-button" aria-label=${labelled ? t.statsOpenShort : t.statsTitle}
      title=${t.statsTitle} @click=${(e: Event) => e.currentTarget!.dispatchEvent(new ConfStatsOpenEvent({ userId: null }))}>
      ${statsIcon}${labelled ? html`<span class="label">${t.statsOpenShort}</span>` : nothing}
    </button>`;
    const screen = html`<slot name="screen-share"></slot>`;
    const secondary = html`<slot name="devices"></slot><slot></slot>`;
    return html`
      <div part="base" role="toolbar" aria-label=${t.controlsLabel} data-overflow=${level}>
        ${v && !v.mic ? nothing : html`<button
          part="mic-button"
          aria-pressed=${muted ? 'true' : 'false'}
          aria-label=${micLabel}
          title=${micLabel}
          ?disabled=${!live || this.busy.mic}
          @click=${() => this.toggleMicrophone()}
        >
          ${muted ? micOffIcon : micIcon}${showLabels
            ? html`<span class="label">${muted ? t.micUnmuteShort : t.micMuteShort}</span>`
            : nothing}
        </button>`}
        ${v?.callType === 'audio' || (v && !v.camera)
          ? nothing
          : html`<button
              part="camera-button"
              aria-pressed=${videoOff ? 'true' : 'false'}
              aria-label=${cameraLabel}
              title=${videoOff ? t.cameraTurnOn : t.cameraTurnOff}
              ?disabled=${!live || this.busy.camera}
              @click=${() => this.toggleCamera()}
            >
              ${videoOff ? cameraOffIcon : cameraIcon}${showLabels
                ? html`<span class="label">${cameraLabel}</span>`
                : nothing}
            </button>`}
        ${level < 3 ? screen : nothing}
        ${level < 2 ? secondary : nothing}
        ${participantsToggle(this, v?.count ?? 0, t)}
        <conf-network-indicator part="network" local .session=${this.session}></conf-network-indicator>
        ${level < 2 ? stats(showLabels) : nothing}
        ${this.#overflow.render(t, html`${level === 3 ? screen : nothing}${secondary}${stats(true)}`)}
        <span class="divider" aria-hidden="true"></span>
        <button
          part="leave-button"
          aria-label=${t.leave}
          title=${t.leave}
          ?disabled=${!live || this.busy.leave}
          @click=${() => this.leave()}
        >
          ${leaveIcon}${showLabels ? html`<span class="label">${t.leaveShort}</span>` : nothing}
        </button>
      </div>
    `;
  }
}

define('conf-controls', ConfControls);

declare global {
  interface HTMLElementTagNameMap {
    'conf-controls': ConfControls;
  }
}
