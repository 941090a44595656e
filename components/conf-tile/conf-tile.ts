import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../../src/context.js';
import { StoreController } from '../../src/controllers/store-controller.js';
import type { SessionLike } from '../../src/session/types.js';
import type { PublisherState, SelfState } from '../../src/state/types.js';
import { define } from '../define.js';
import { cameraOffIcon, micOffIcon, userIcon } from '../icons.js';
import '../mic-meter/mic-meter.js';
import { confTileStyles } from './conf-tile.styles.js';

type Participant = SelfState | PublisherState;

/** "Ada Lovelace" -> "AL", "ada" -> "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}

/**
 * @summary One participant: video, or initials when the camera is off, or a placeholder when
 * there is no track yet; plus the name, mute badges and a live <mic-meter>.
 *
 * With `local`, the tile shows the session's own user (`self`): the video is mirrored and the
 * media element is muted (you never hear yourself). Otherwise it shows the publisher `user-id`.
 * Remote audio plays through the tile's media element, which stays in the DOM while video is off.
 *
 * State is reflected as attributes for styling: `muted`, `video-off`, `speaking`.
 *
 * @csspart base - The tile's inner wrapper.
 * @csspart video - The <video> element.
 * @csspart avatar - The initials shown while the camera is off.
 * @csspart placeholder - Shown while there is no video track (not subscribed, not yet received).
 * @csspart footer - The bottom bar holding the label.
 * @csspart label - The name plate: meter, name and badges.
 * @csspart name - The participant's name.
 * @csspart meter - The <mic-meter>.
 * @csspart badges - The badge group.
 * @csspart badge - Each badge. Also `badge-muted` and `badge-video-off`.
 *
 * @cssproperty [--conf-tile-radius=12px] - Corner radius.
 * @cssproperty [--conf-tile-background=var(--conf-surface)] - Background behind video and avatar.
 * @cssproperty [--conf-tile-aspect-ratio=16 / 9] - Aspect ratio of the tile.
 * @cssproperty [--conf-tile-object-fit=cover] - How the video fills the tile.
 * @cssproperty [--conf-tile-label-background=rgba(0,0,0,.55)] - Name plate background.
 * @cssproperty [--conf-avatar-background] - Initials circle background.
 * @cssproperty [--conf-speaking-color] - Outline colour while speaking.
 */
export class ConfTile extends LitElement {
  static override styles = confTileStyles;

  /** The participant to show. Ignored with `local`, which always shows the session's user. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** Show the local participant (mirrored, media element muted). */
  @property({ type: Boolean, reflect: true }) local = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #participant = new StoreController(
    this,
    () => this.session?.state,
    (s): Participant | null => (this.local ? s.self : (s.publishers[this.userId] ?? null)),
  );

  /** Speaking: the active speaker, or clearly audible. A boolean slice, so 4 Hz levels rarely re-render. */
  readonly #speaking = new StoreController(
    this,
    () => this.session?.levels,
    (s) => {
      const id = this.#id;
      return !!id && (s.activeSpeaker === id || (s.levels[id] ?? 0) > 0.35);
    },
  );

  #boundStream: MediaStream | null = null;

  get #id(): string {
    return this.local ? (this.session?.userId ?? this.userId) : this.userId;
  }

  /** The participant shown, or null when unknown. */
  get participant(): Participant | null {
    return this.#participant.value ?? null;
  }

  get #videoTrack(): MediaStreamTrack | null {
    const p = this.participant;
    if (!p) return null;
    if ('tracks' in p) return p.tracks.video;
    return p.stream?.getVideoTracks()[0] ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId') || changed.has('local')) {
      this.#participant.invalidate();
      this.#speaking.invalidate();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const p = this.participant;
    this.toggleAttribute('muted', !!p?.audioMuted);
    this.toggleAttribute('video-off', !!p && !p.videoEnabled);
    this.toggleAttribute('speaking', !!this.#speaking.value && !p?.audioMuted);
    // Bind the stream only when the object changes: reassigning srcObject restarts playback.
    const stream = p?.stream ?? null;
    const video = this.renderRoot.querySelector('video');
    if (video && stream !== this.#boundStream) {
      this.#boundStream = stream;
      video.srcObject = stream;
      if (stream) void video.play().catch(() => undefined);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    this.#boundStream = null;
  }

  protected override render() {
    const p = this.participant;
    const name = p?.name || p?.userId || this.userId;
    const showVideo = !!p && p.videoEnabled && !!this.#videoTrack;
    const label = this.local ? `${name || 'You'} (you)` : name;
    return html`
      <video
        part="video"
        class=${this.local ? 'mirrored' : ''}
        ?hidden=${!showVideo}
        .muted=${this.local}
        ?muted=${this.local}
        autoplay
        playsinline
        disablepictureinpicture
      ></video>
      ${showVideo
        ? nothing
        : html`<div class="center">
            ${p && !p.videoEnabled
              ? html`<div part="avatar" role="img" aria-label=${name}>${initials(name) || '?'}</div>`
              : html`<div part="placeholder">${userIcon}<span>${p ? 'Connecting video…' : 'Waiting…'}</span></div>`}
          </div>`}
      <div part="footer">
        <div part="label">
          ${p?.audioMuted ? nothing : html`<mic-meter part="meter" user-id=${this.#id} ?local=${this.local}></mic-meter>`}
          <span part="name" title=${label}>${label}</span>
          <span part="badges">
            ${p?.audioMuted
              ? html`<span part="badge badge-muted" title="Microphone off" aria-label="Microphone off">${micOffIcon}</span>`
              : nothing}
            ${p && !p.videoEnabled && p.callType === 'video'
              ? html`<span part="badge badge-video-off" title="Camera off" aria-label="Camera off">${cameraOffIcon}</span>`
              : nothing}
          </span>
        </div>
      </div>
    `;
  }
}

define('conf-tile', ConfTile);

declare global {
  interface HTMLElementTagNameMap {
    'conf-tile': ConfTile;
  }
}
