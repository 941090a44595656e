import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AudioLevelController } from '../controllers/audio-level-controller.js';
import { StringsController } from '../i18n/controller.js';
import type { ConferenceError } from '../../src/errors.js';
import { isAudioOutputSelectionSupported } from '../../src/session/audio-output.js';
import type { CallType } from '../../src/protocol/protocol.js';
import { define } from '../define.js';
import { ConfPrejoinJoinEvent, type ConfDeviceSelectEvent, type PrejoinChoice } from '../events.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon } from '../icons.js';
import '../device-picker/device-picker.js';
import { LazyElementsController } from '../lazy-elements.js'; // conf-recording-notice loads when shown
import { openPreview, openTrack, playTestSound } from './preview.js';
import { confPrejoinStyles } from './conf-prejoin.styles.js';

/**
 * @summary The pre-join screen: camera preview, microphone meter, device pickers (including the
 * audio output, with a test sound), a name field and a Join button.
 *
 * It opens its own preview of the chosen camera and microphone while connected, follows the
 * pickers (and devices that are plugged in or removed: a preview track that ends is reopened on
 * the default device), and releases the devices when Join is pressed or it is removed. Join emits
 * `conf-prejoin-join` with the choices; `<conf-room prejoin>` shows this element before joining
 * and joins with them. Without camera permission or devices it says so, and still lets the user
 * join (audio only, or receive only).
 *
 * @event conf-prejoin-join - Join was pressed. `detail: { name, audioInput, videoInput, audioOutput, audioEnabled, videoEnabled }` (device ids '' = default). Cancelable: cancelling keeps the preview running.
 *
 * @slot heading - Replaces the heading ("Ready to join?").
 *
 * @csspart base - The layout wrapper.
 * @csspart heading - The heading.
 * @csspart preview-box - The box holding the preview and the toggles.
 * @csspart preview - The camera preview <video>.
 * @csspart preview-off - Shown instead of the preview when the camera is off or missing.
 * @csspart toggles - The microphone and camera toggles.
 * @csspart mic-toggle - Microphone on/off (`aria-pressed="true"` when off).
 * @csspart camera-toggle - Camera on/off (`aria-pressed="true"` when off).
 * @csspart meter - The microphone level meter (`role="meter"`).
 * @csspart meter-fill - Its bar.
 * @csspart devices - The device pickers and the test-sound button.
 * @csspart test-sound - Plays a short tone on the chosen output.
 * @csspart notice - Why the camera or microphone is missing.
 * @csspart name-input - The name field.
 * @csspart join-button - The Join button.
 * @csspart recording-notice - The <conf-recording-notice> (with `recording`: the room is being recorded).
 *
 * @cssproperty [--conf-prejoin-width=560px] - Maximum width.
 * @cssproperty [--conf-prejoin-padding=20px] - Inner padding.
 * @cssproperty [--conf-prejoin-preview-background=#111318] - Behind the preview.
 * @cssproperty --conf-prejoin-level - The microphone level 0..1 (set by the element).
 */
export class ConfPrejoin extends LitElement {
  static override styles = confPrejoinStyles;

  /** The display name (editable). */
  @property() name = '';
  /** `video` shows the camera preview and picker; `audio` only the microphone. */
  @property({ attribute: 'call-type' }) callType: CallType = 'video';
  /** The room's name, shown in the heading. */
  @property() room = '';
  /** The Join button's text ('' = the `prejoinJoin` string, "Join" in English). */
  @property({ attribute: 'join-label' }) joinLabel = '';
  /** Disables the form (for example while joining). */
  @property({ type: Boolean, reflect: true }) busy = false;
  /** The room is being recorded: show a <conf-recording-notice> above the Join button. */
  @property({ type: Boolean, reflect: true }) recording = false;

  /** Chosen devices ('' = default until the preview tells which one opened). */
  @state() audioInput = '';
  @state() videoInput = '';
  @state() audioOutput = '';
  @state() audioEnabled = true;
  @state() videoEnabled = true;
  /** The local preview stream, or null. */
  @state() stream: MediaStream | null = null;
  /** Why a device is missing (permission denied, none found), or null. */
  @state() notice: ConferenceError | null = null;
  @state() private playing = false;

  @query('[part~="preview"]') private video?: HTMLVideoElement;

  #audio: MediaStreamTrack | null = null;
  #video: MediaStreamTrack | null = null;
  #generation = 0;
  readonly #level = new AudioLevelController(this, () => (this.audioEnabled ? this.#audio : null));
  readonly #t = new StringsController(this);
  readonly #lazy = new LazyElementsController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.startPreview();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPreview();
  }

  /** (Re)opens the preview with the chosen devices. */
  async startPreview(): Promise<void> {
    const generation = ++this.#generation;
    this.#release();
    const result = await openPreview({
      audioInput: this.audioInput,
      videoInput: this.videoInput,
      wantVideo: this.callType === 'video',
    });
    if (generation !== this.#generation || !this.isConnected) {
      result.audio?.stop();
      result.video?.stop();
      return;
    }
    this.#audio = result.audio;
    this.#video = result.video;
    this.notice = result.notice;
    this.#watch(result.audio, 'audio');
    this.#watch(result.video, 'video');
    this.#publish();
  }

  /** Stops the preview and releases the devices. */
  stopPreview(): void {
    this.#generation++;
    this.#release();
    this.stream = null;
  }

  #release(): void {
    this.#audio?.stop();
    this.#video?.stop();
    this.#audio = null;
    this.#video = null;
  }

  #publish(): void {
    const tracks = [this.#audio, this.#video].filter((t): t is MediaStreamTrack => !!t);
    if (this.#audio) this.#audio.enabled = this.audioEnabled;
    if (this.#video) this.#video.enabled = this.videoEnabled;
    this.audioInput = this.#audio?.getSettings().deviceId ?? this.audioInput;
    this.videoInput = this.#video?.getSettings().deviceId ?? this.videoInput;
    this.stream = tracks.length ? new MediaStream(tracks) : null;
  }

  /** A preview track that ends (device unplugged) is reopened on the default device. */
  #watch(track: MediaStreamTrack | null, kind: 'audio' | 'video'): void {
    track?.addEventListener('ended', () => {
      if (track !== (kind === 'audio' ? this.#audio : this.#video)) return;
      if (kind === 'audio') this.audioInput = '';
      else this.videoInput = '';
      void this.#switch(kind, '');
    });
  }

  async #switch(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    const generation = this.#generation;
    const old = kind === 'audio' ? this.#audio : this.#video;
    old?.stop(); // Phones cannot open two cameras at once.
    let track: MediaStreamTrack | null = null;
    try {
      track = await openTrack(kind, deviceId);
      this.notice = null;
    } catch (error) {
      this.notice = error as ConferenceError;
    }
    if (generation !== this.#generation) {
      track?.stop();
      return;
    }
    if (kind === 'audio') this.#audio = track;
    else this.#video = track;
    this.#watch(track, kind);
    this.#publish();
  }

  #onDeviceSelect(event: ConfDeviceSelectEvent): void {
    // The preview owns the devices until Join: the pickers must not switch a session's media.
    event.preventDefault();
    const { kind, deviceId } = event.detail;
    if (kind === 'audiooutput') this.audioOutput = deviceId;
    else if (kind === 'audioinput') {
      this.audioInput = deviceId;
      void this.#switch('audio', deviceId);
    } else {
      this.videoInput = deviceId;
      void this.#switch('video', deviceId);
    }
  }

  /** Plays a short tone on the chosen output. */
  async testSound(): Promise<void> {
    if (this.playing) return;
    this.playing = true;
    try {
      await playTestSound(this.audioOutput);
    } finally {
      this.playing = false;
    }
  }

  /** The current choices. */
  get choice(): PrejoinChoice {
    return {
      name: this.name.trim(),
      audioInput: this.audioInput,
      videoInput: this.videoInput,
      audioOutput: this.audioOutput,
      audioEnabled: this.audioEnabled,
      videoEnabled: this.callType === 'video' && this.videoEnabled,
    };
  }

  /** Emits `conf-prejoin-join` and, unless cancelled, releases the preview's devices. */
  join(): void {
    if (this.busy || !this.name.trim()) return;
    const event = new ConfPrejoinJoinEvent(this.choice);
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.stopPreview();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.video && this.video.srcObject !== this.stream) {
      this.video.srcObject = this.stream;
      if (this.stream) void this.video.play().catch(() => undefined);
    }
    this.style.setProperty('--conf-prejoin-level', String(this.#level.level));
    if (changed.has('callType') && changed.get('callType') !== undefined) void this.startPreview();
  }

  #renderNotice() {
    if (!this.notice) return nothing;
    const t = this.#t.value;
    const known = t.errors[this.notice.code];
    const what = this.#audio ? t.prejoinMicOnly : this.#video ? t.prejoinCameraOnly : t.prejoinWatchOnly;
    return html`<p part="notice" role="status" data-code=${this.notice.code}>
      <strong>${known?.title ?? t.prejoinUnavailable}.</strong> ${what}
    </p>`;
  }

  protected override render() {
    const t = this.#t.value;
    const video = this.callType === 'video';
    const showPreview = video && this.videoEnabled && !!this.#video;
    const level = this.audioEnabled ? this.#level.level : 0;
    return html`
      <form part="base" @submit=${(e: Event) => (e.preventDefault(), this.join())}>
        <slot name="heading"><h2 part="heading">${this.room ? t.prejoinHeadingRoom(this.room) : t.prejoinHeading}</h2></slot>
        <div part="preview-box">
          <video part="preview" ?hidden=${!showPreview} muted playsinline autoplay .muted=${true}></video>
          ${showPreview
            ? nothing
            : html`<div part="preview-off">${!video ? t.prejoinAudioCall : this.#video ? t.prejoinCameraOff : t.prejoinNoCamera}</div>`}
          <div part="toggles">
            <button type="button" part="mic-toggle" aria-pressed=${this.audioEnabled ? 'false' : 'true'}
              aria-label=${this.audioEnabled ? t.micTurnOff : t.micTurnOn}
              @click=${() => ((this.audioEnabled = !this.audioEnabled), this.#publish())}>
              ${this.audioEnabled ? micIcon : micOffIcon}
            </button>
            ${video
              ? html`<button type="button" part="camera-toggle" aria-pressed=${this.videoEnabled ? 'false' : 'true'}
                  aria-label=${this.videoEnabled ? t.cameraTurnOff : t.cameraTurnOn}
                  @click=${() => ((this.videoEnabled = !this.videoEnabled), this.#publish())}>
                  ${this.videoEnabled ? cameraIcon : cameraOffIcon}
                </button>`
              : nothing}
          </div>
        </div>
        <div part="meter" role="meter" aria-label=${t.micLevel} aria-valuemin="0" aria-valuemax="1" aria-valuenow=${level}>
          <div part="meter-fill"></div>
        </div>
        <div part="devices" @conf-device-select=${this.#onDeviceSelect}>
          <device-picker kind="audioinput" selected-id=${this.audioInput}></device-picker>
          ${video ? html`<device-picker kind="videoinput" selected-id=${this.videoInput}></device-picker>` : nothing}
          ${isAudioOutputSelectionSupported()
            ? html`<device-picker kind="audiooutput" selected-id=${this.audioOutput}></device-picker>`
            : nothing}
          <button type="button" part="test-sound" ?disabled=${this.playing} @click=${() => void this.testSound()}>
            ${this.playing ? t.prejoinPlaying : t.prejoinTestSound}
          </button>
        </div>
        ${this.#renderNotice()}
        ${this.recording ? html`<conf-recording-notice part="recording-notice"></conf-recording-notice>` : nothing}
        <label>
          ${t.prejoinName}
          <input part="name-input" name="name" required maxlength="256" autocomplete="name" .value=${this.name}
            ?disabled=${this.busy} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        </label>
        <button part="join-button" type="submit" ?disabled=${this.busy || !this.name.trim()}>${this.joinLabel || t.prejoinJoin}</button>
      </form>
    `;
  }
}

define('conf-prejoin', ConfPrejoin);

declare global {
  interface HTMLElementTagNameMap {
    'conf-prejoin': ConfPrejoin;
  }
}
