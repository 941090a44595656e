import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { formatElapsed } from '../i18n/recording-strings.js';
import type { SessionLike } from '../../src/session/types.js';
import { define } from '../define.js';
import { visuallyHiddenStyles } from '../theme.js';
import { recordingIndicatorStyles } from './conf-recording-indicator.styles.js';
import './conf-recording-notice.js';

/**
 * @summary Shows everyone in the room that it is being recorded: a REC mark with the elapsed
 * time (docs/recording.md). <conf-room> shows one for every participant.
 *
 * Follows `state.recording` (`{active, startedAt, by}`; the join result and `recordingChanged`
 * keep it current). Screen readers hear it once: a polite status says "This room is now being
 * recorded" when it starts (or the notice title when you join a room already recording) and
 * "Recording stopped" when it stops; the ticking time is not announced. Someone who joins a room
 * that is already being recorded also sees a <conf-recording-notice> until they dismiss it.
 *
 * @csspart base - The REC pill (only while recording).
 * @csspart dot - The blinking dot.
 * @csspart mark - The "REC" text.
 * @csspart elapsed - The elapsed time (`m:ss`).
 * @csspart notice - The <conf-recording-notice> for people who joined while recording.
 *
 * @cssproperty [--conf-recording-color=var(--conf-danger)] - The dot.
 * @cssproperty [--conf-recording-background=rgba(10,12,16,.72)] - The pill.
 */
export class ConfRecordingIndicator extends LitElement {
  static override styles = [visuallyHiddenStyles, recordingIndicatorStyles];

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  /** Reflects whether the room is being recorded (for styling). */
  @property({ type: Boolean, reflect: true }) active = false;

  /** The one-time announcement for screen readers ('' when nothing to say). */
  @state() private announcement = '';
  /** Shown to someone who joined while recording, until dismissed. */
  @state() private notice = false;
  @state() private now = Date.now();

  readonly #t = new StringsController(this);

  readonly #view = new StoreController(
    this,
    () => this.session?.state,
    (s) => ({
      live: s.connection === 'joined' || s.connection === 'reconnecting',
      active: s.recording.active,
      startedAt: s.recording.startedAt,
    }),
    { equals: shallowEqual },
  );

  #seen = { live: false, active: false };
  #timer: ReturnType<typeof setInterval> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.active) this.#startTimer();
  }

  protected override willUpdate(): void {
    const v = this.#view.value;
    const live = !!v?.live;
    const active = live && !!v?.active;
    const t = this.#t.value;
    const seen = this.#seen;
    if (!live) {
      this.notice = false;
      this.announcement = '';
    } else if (!seen.live) {
      // Just joined (or first saw the session joined): tell them if the room is being recorded.
      this.notice = active;
      this.announcement = active ? t.recordingNoticeTitle : '';
    } else if (active && !seen.active) {
      this.announcement = t.recordingStarted;
    } else if (!active && seen.active) {
      this.notice = false;
      this.announcement = t.recordingStopped;
    }
    this.#seen = { live, active };
    this.active = active;
    if (active) this.#startTimer();
    else this.#stopTimer();
  }

  #startTimer(): void {
    if (this.#timer !== undefined) return;
    this.now = Date.now();
    this.#timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Seconds since the recording started (0 when unknown or not recording). */
  get elapsedSeconds(): number {
    const startedAt = this.#view.value?.startedAt;
    return this.active && startedAt ? Math.max(0, Math.floor((this.now - startedAt) / 1000)) : 0;
  }

  protected override render() {
    const t = this.#t.value;
    const seconds = this.elapsedSeconds;
    // The live region is always in the DOM, so that changing its text is announced (once).
    return html`<span class="visually-hidden" role="status" aria-live="polite">${this.announcement}</span>
      ${this.active
        ? html`<span part="base" title=${t.recordingElapsed(seconds)}>
            <span part="dot" aria-hidden="true"></span>
            <span part="mark">${t.recordingMark}</span>
            <span part="elapsed">${formatElapsed(seconds)}</span>
          </span>`
        : nothing}
      ${this.notice
        ? html`<conf-recording-notice part="notice" dismissible
            @conf-recording-notice-dismiss=${() => (this.notice = false)}></conf-recording-notice>`
        : nothing}`;
  }
}

define('conf-recording-indicator', ConfRecordingIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'conf-recording-indicator': ConfRecordingIndicator;
  }
}
