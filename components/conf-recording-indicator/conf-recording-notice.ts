import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { StringsController } from '../i18n/controller.js';
import { buttonStyles } from '../theme.js';
import { define } from '../define.js';
import { ConfRecordingNoticeDismissEvent } from './recording-events.js';

/**
 * @summary The notice for people who join a room that is being recorded (docs/recording.md).
 * <conf-prejoin> shows it on the pre-join screen (its `recording` property) and
 * <conf-recording-indicator> in the room, for those who joined while it was recording.
 *
 * A `role="note"`: it is read when reached, not announced (the indicator announces the
 * recording once). With `dismissible`, an OK button fires `conf-recording-notice-dismiss`.
 *
 * @event conf-recording-notice-dismiss - The OK button was pressed. `detail: {}`.
 *
 * @csspart base - The notice.
 * @csspart title - The heading line.
 * @csspart text - The explanation.
 * @csspart dismiss - The OK button (with `dismissible`).
 *
 * @cssproperty [--conf-recording-color=var(--conf-danger)] - The recording dot and border.
 */
export class ConfRecordingNotice extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        font-family: var(--conf-font-family, system-ui, sans-serif);
      }
      [part~='base'] {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 10px 12px;
        border-radius: var(--conf-radius, 10px);
        border: 1px solid var(--conf-recording-color, var(--conf-danger, #d93036));
        background: var(--conf-surface-raised, #262a33);
        color: var(--conf-text, #eef0f4);
        font-size: 14px;
      }
      .dot {
        width: 10px;
        height: 10px;
        flex: none;
        border-radius: 50%;
        background: var(--conf-recording-color, var(--conf-danger, #d93036));
      }
      .body {
        flex: 1;
      }
      [part~='title'] {
        display: block;
        font-weight: 600;
      }
      [part~='text'] {
        margin: 2px 0 0;
        color: var(--conf-text-muted, #9aa1ae);
      }
      [part~='dismiss'] {
        height: 36px;
      }
    `,
  ];

  /** Show an OK button that fires `conf-recording-notice-dismiss`. */
  @property({ type: Boolean, reflect: true }) dismissible = false;

  readonly #t = new StringsController(this);

  protected override render() {
    const t = this.#t.value;
    return html`<div part="base" role="note" aria-label=${t.recordingNoticeTitle}>
      <span class="dot" aria-hidden="true"></span>
      <div class="body">
        <strong part="title">${t.recordingNoticeTitle}</strong>
        <p part="text">${t.recordingNoticeText}</p>
      </div>
      ${this.dismissible
        ? html`<button part="dismiss" @click=${() => this.dispatchEvent(new ConfRecordingNoticeDismissEvent())}>
            ${t.recordingNoticeDismiss}
          </button>`
        : nothing}
    </div>`;
  }
}

define('conf-recording-notice', ConfRecordingNotice);

declare global {
  interface HTMLElementTagNameMap {
    'conf-recording-notice': ConfRecordingNotice;
  }
}
