import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { createLogger } from '../../src/logger.js';
import type { SessionLike } from '../../src/session/types.js';
import { mayRecord } from '../../src/state/recording.js';
import { define } from '../define.js';
import { buttonStyles } from '../theme.js';
import { ConfRecordingToggleEvent } from '../conf-recording-indicator/recording-events.js';

const log = createLogger('conf-kit:conf-record-button');

const recordIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="6" fill="currentColor"/></svg>`;
const stopIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor"/></svg>`;

/**
 * @summary Starts and stops recording the room (docs/recording.md). <conf-room> puts one in its
 * control bar; it shows only for those allowed to record: `self.permissions.record` or `admin`
 * (the join result's permissions), and only on a session with `startRecording`.
 *
 * A toggle (`aria-pressed="true"` while recording) that follows `state.recording`, so a
 * recording started or stopped by someone else shows here too. Clicking calls
 * `session.startRecording()` or `session.stopRecording()`; a failure (for example `forbidden`)
 * is reported by the session in `state.error`, which <conf-room> shows.
 *
 * @event conf-recording-toggle - Recording started or stopped from this button. `detail: { recording }`.
 *
 * @csspart button - The button.
 * @csspart label - The text label.
 *
 * @cssproperty [--conf-recording-color=var(--conf-danger)] - Background while recording.
 */
export class ConfRecordButton extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-block;
        font-family: var(--conf-font-family, system-ui, sans-serif);
      }
      :host([hidden]) {
        display: none;
      }
      :host([recording]) [part~='button'] {
        background: var(--conf-recording-color, var(--conf-danger, #d93036));
        color: var(--conf-on-danger, #fff);
      }
      svg {
        color: var(--conf-recording-color, var(--conf-danger, #d93036));
      }
      :host([recording]) svg {
        color: inherit;
      }
      .label {
        font-size: 14px;
        font-weight: 500;
      }
      @media (max-width: 480px) {
        .label {
          display: none;
        }
      }
    `,
  ];

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Hide the text label next to the icon. */
  @property({ type: Boolean, reflect: true, attribute: 'icons-only' }) iconsOnly = false;

  /** Reflects whether the room is being recorded. */
  @property({ type: Boolean, reflect: true }) recording = false;

  @state() private busy = false;

  readonly #t = new StringsController(this);

  readonly #view = new StoreController(
    this,
    () => this.session?.state,
    (s) => ({ connection: s.connection, allowed: mayRecord(s.self.permissions), active: s.recording.active }),
    { equals: shallowEqual },
  );

  /** Whether this user may record on this session (and so whether the button shows). */
  get allowed(): boolean {
    return !!this.#view.value?.allowed && typeof this.session?.startRecording === 'function';
  }

  /** Starts recording, or stops it when recording. */
  async toggle(): Promise<void> {
    const session = this.session;
    if (!session || this.busy || !this.allowed) return;
    this.busy = true;
    try {
      const recording = this.recording ? await session.stopRecording?.() : await session.startRecording?.();
      if (recording) this.dispatchEvent(new ConfRecordingToggleEvent({ recording }));
    } catch (error) {
      // The session reports it in state.error (shown by <conf-room>).
      log.warn('recording toggle failed', error);
    } finally {
      this.busy = false;
    }
  }

  protected override willUpdate(): void {
    this.recording = !!this.#view.value?.active;
    this.hidden = !this.allowed;
  }

  protected override render() {
    if (!this.allowed) return nothing;
    const v = this.#view.value;
    const live = v?.connection === 'joined' || v?.connection === 'reconnecting';
    const t = this.#t.value;
    const label = this.recording ? t.recordStop : t.recordStart;
    return html`<button
      part="button"
      aria-pressed=${this.recording ? 'true' : 'false'}
      aria-label=${this.iconsOnly ? label : nothing}
      title=${label}
      ?disabled=${!live || this.busy}
      @click=${() => void this.toggle()}
    >
      ${this.recording ? stopIcon : recordIcon}${this.iconsOnly
        ? nothing
        : html`<span part="label" class="label">${this.recording ? t.recordStopShort : t.recordStartShort}</span>`}
    </button>`;
  }
}

define('conf-record-button', ConfRecordButton);

declare global {
  interface HTMLElementTagNameMap {
    'conf-record-button': ConfRecordButton;
  }
}
