import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { applySinkId } from '../../src/session/audio-output.js';
import type { SessionLike } from '../../src/session/types.js';
import type { PublisherState, SelfState } from '../../src/state/types.js';
import { define } from '../define.js';
import { visuallyHiddenStyles } from '../theme.js';
import { cameraOffIcon, micOffIcon, pinIcon, userIcon } from '../icons.js';
import { AdaptiveStreamController } from '../controllers/adaptive-stream-controller.js';
import { ConfPinEvent } from '../conf-room/layout-events.js';
import '../mic-meter/mic-meter.js';
// quality-badge, quality-menu and conf-network-indicator load on first use (lazy-elements.ts).
import { LazyElementsController } from '../lazy-elements.js';
import { ConfStatsOpenEvent } from '../conf-stats-panel/stats-events.js';
import { statsIcon } from '../conf-stats-panel/stats-icon.js';
import { isQualityPreference, publisherQuality, type QualityPreference } from '../../src/state/quality.js';
import { createLogger } from '../../src/logger.js';
import { pinButtonStyles } from '../pin-button.styles.js';
import { confTileStyles } from './conf-tile.styles.js';

const log = createLogger('conf-kit:conf-tile');

type Participant = SelfState | PublisherState;

/**
 * What a tile renders of its participant. The stats loop and the network monitor replace the
 * publisher object every second or two (bitrate, scores, network quality): those parts have their
 * own elements (<quality-badge>, <conf-network-indicator>), so the tile itself does not re-render.
 */
export function sameTileView(a: Participant | null, b: Participant | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.userId === b.userId && a.name === b.name && a.callType === b.callType && a.audioMuted === b.audioMuted &&
    a.videoEnabled === b.videoEnabled && a.stream === b.stream &&
    ('reconnecting' in a && a.reconnecting === true) === ('reconnecting' in b && b.reconnecting === true) &&
    ('tracks' in a ? a.tracks.video : null) === ('tracks' in b ? b.tracks.video : null) &&
    publisherQuality(a as PublisherState).audioOnly === publisherQuality(b as PublisherState).audioOnly
  );
}

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
 * That element follows the session's selected audio output (`state.devices.current.audiooutput`,
 * via `setSinkId`), from its first render on.
 *
 * State is reflected as attributes for styling: `muted`, `video-off`, `speaking` (a ring in
 * `--conf-speaking-color`, pulsing unless `prefers-reduced-motion`), `pinned`, and
 * `reconnecting` while a remote participant's connection is lost and the server keeps them
 * (`PublisherState.reconnecting`, docs/reliability.md): the picture is dimmed and labelled
 * "Reconnecting…" (no fade under `prefers-reduced-motion`).
 *
 * With `pinnable` (set by <conf-room>) a pin button emits `conf-pin` (`detail: { userId, source:
 * 'camera', pinned }`); the room then pins the tile to its stage and sets `pinned`.
 *
 * Adaptive stream (remote tiles with `adaptive-stream`, which <conf-room> sets unless its own
 * `adaptive-stream="off"`; docs/layouts.md): the tile
 * asks for the smallest simulcast stream covering its rendered size × devicePixelRatio, and
 * pauses its video consumer while hidden (off-screen, `display: none`, document hidden). A manual
 * choice in the quality menu or the `quality` attribute wins until Auto is picked.
 *
 * Remote tiles also show, at the top, a live <quality-badge> (received bitrate, forwarded layer
 * and decoded size; hide it with `hide-stats`) and a <quality-menu> (auto, high, medium, low,
 * audio-only, frame rate). The `quality` attribute sets the same preference declaratively
 * (docs/quality.md); with `audio-only` the video consumer is paused server-side and the tile
 * shows the initials.
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
 * @csspart top - The top bar of remote tiles, holding the stats badge and the quality menu.
 * @csspart stats-badge - The <quality-badge> (remote tiles).
 * @csspart quality-menu - The <quality-menu> (remote tiles).
 * @csspart pin-button - The pin toggle (`aria-pressed="true"` while pinned).
 * @csspart network - The <conf-network-indicator> in the name plate (docs/network-quality.md).
 * @csspart stats-button - Opens the stats panel for this participant (`conf-stats-open`).
 * @csspart reconnecting - The "Reconnecting…" label (with the `reconnecting` attribute).
 *
 * @event conf-pin - The pin button was pressed. `detail: { userId, source: 'camera', pinned }`.
 * @event conf-stats-open - The Stats button was pressed. `detail: { userId }`.
 *
 * @cssproperty [--conf-tile-radius=12px] - Corner radius.
 * @cssproperty [--conf-tile-background=var(--conf-surface)] - Background behind video and avatar.
 * @cssproperty [--conf-tile-aspect-ratio=16 / 9] - Aspect ratio of the tile.
 * @cssproperty [--conf-tile-object-fit=cover] - How the video fills the tile.
 * @cssproperty [--conf-tile-label-background=rgba(0,0,0,.55)] - Name plate background.
 * @cssproperty [--conf-avatar-background] - Initials circle background.
 * @cssproperty [--conf-speaking-color] - Outline colour while speaking.
 * @cssproperty [--conf-speaking-ring-width=3px] - Width of the speaking ring.
 * @cssproperty [--conf-tile-reconnecting-opacity=0.4] - Opacity of the picture while the participant reconnects.
 */
export class ConfTile extends LitElement {
  static override styles = [pinButtonStyles, visuallyHiddenStyles, confTileStyles];

  /** The participant to show. Ignored with `local`, which always shows the session's user. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** Show the local participant (mirrored, media element muted). */
  @property({ type: Boolean, reflect: true }) local = false;

  /**
   * Receive quality of this remote participant: `auto`, `high`, `medium`, `low` or `audio-only`
   * (mapped to preferred simulcast layers; audio-only pauses the video consumer). Unset: the tile
   * leaves the preference alone. Ignored with `local`.
   */
  @property({ reflect: true }) quality?: QualityPreference;

  /** Pinned to the stage of the surrounding <conf-room> (set by the room). */
  @property({ type: Boolean, reflect: true }) pinned = false;

  /** Show a pin button (<conf-room> sets it). */
  @property({ type: Boolean }) pinnable = false;

  /** Adaptive stream for this remote tile (<conf-room> sets it; `adaptive-stream="off"` also turns it off). */
  @property({
    attribute: 'adaptive-stream',
    converter: { fromAttribute: (v: string | null) => v !== null && v !== 'off' && v !== 'false' },
  })
  adaptiveStream = false;

  /** Hide the live stats badge of remote tiles. */
  @property({ attribute: 'hide-stats', type: Boolean }) hideStats = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #participant = new StoreController(
    this,
    () => this.session?.state,
    (s): Participant | null => (this.local ? s.self : (s.publishers[this.userId] ?? null)),
    { equals: sameTileView },
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

  /** The selected audio output (`state.devices.current.audiooutput`), applied to remote tiles. */
  readonly #sinkId = new StoreController(this, () => this.session?.state, (s) => s.devices?.current.audiooutput ?? '');

  readonly #t = new StringsController(this);
  readonly #lazy = new LazyElementsController(this);

  /** Adaptive stream: picks the layer from the rendered size, pauses video while hidden. */
  readonly adaptive = new AdaptiveStreamController(this, {
    userId: () => (this.local ? null : this.userId || null),
    session: () => this.session,
    enabled: () => this.adaptiveStream,
  });

  #boundStream: MediaStream | null = null;
  /** `session|userId|quality` last applied from the `quality` attribute. */
  #appliedQuality: { session: SessionLike; key: string } | null = null;

  get #id(): string {
    return this.local ? (this.session?.userId ?? this.userId) : this.userId;
  }

  /** The participant shown, or null when unknown. */
  get participant(): Participant | null {
    // Read fresh: the controller's value only changes when what the tile shows does (sameTileView).
    const s = this.#participant.value === undefined ? undefined : this.session?.state.getSnapshot();
    return s ? (this.local ? s.self : (s.publishers[this.userId] ?? null)) : (this.#participant.value ?? null);
  }

  /** A remote participant whose connection is lost (docs/reliability.md). */
  get #reconnecting(): boolean {
    const p = this.participant;
    return !this.local && !!p && 'reconnecting' in p && p.reconnecting === true;
  }

  get #videoTrack(): MediaStreamTrack | null {
    const p = this.participant;
    if (!p) return null;
    if ('tracks' in p) return p.tracks.video;
    return p.stream?.getVideoTracks()[0] ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before rendering, so the state change it causes lands in this very update.
    this.#applyQuality();
    this.adaptive.manual = !this.local && isQualityPreference(this.quality) && this.quality !== 'auto' ? true : this.adaptive.manual;
    if (changed.has('session') || changed.has('userId') || changed.has('adaptiveStream')) this.adaptive.schedule();
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
    this.toggleAttribute('reconnecting', this.#reconnecting);
    this.toggleAttribute('speaking', !!this.#speaking.value && !p?.audioMuted);
    // Bind the stream only when the object changes: reassigning srcObject restarts playback.
    const stream = p?.stream ?? null;
    const video = this.renderRoot.querySelector('video');
    if (video && stream !== this.#boundStream) {
      this.#boundStream = stream;
      video.srcObject = stream;
      if (stream) void video.play().catch(() => undefined);
    }
    // Remote audio plays through this element: follow the selected output, also in tiles made later.
    if (video && !this.local && this.#sinkId.value !== undefined) void applySinkId(video, this.#sinkId.value);
  }

  /** Sends the `quality` attribute to the session once per session/user/value. */
  #applyQuality(): void {
    const session = this.session;
    if (this.local || !session?.setOpponentQuality || !this.userId || !isQualityPreference(this.quality)) return;
    const key = `${this.userId}|${this.quality}`;
    if (this.#appliedQuality?.session === session && this.#appliedQuality.key === key) return;
    this.#appliedQuality = { session, key };
    session.setOpponentQuality(this.userId, this.quality).catch((error: unknown) => {
      log.warn('setOpponentQuality failed', error);
    });
  }

  readonly #togglePin = (): void => {
    const userId = this.#id;
    if (userId) this.dispatchEvent(new ConfPinEvent({ userId, source: 'camera', pinned: !this.pinned }));
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    this.#boundStream = null;
  }

  protected override render() {
    const t = this.#t.value;
    const p = this.participant;
    const name = p?.name || p?.userId || this.userId;
    const audioOnly = !this.local && publisherQuality(p as PublisherState | null).audioOnly;
    const showVideo = !!p && p.videoEnabled && !!this.#videoTrack && !audioOnly;
    const label = this.local ? t.tileLocalName(name || t.tileYou) : name;
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
            ${p && (!p.videoEnabled || audioOnly)
              ? html`<div part="avatar" role="img" aria-label=${name}>${initials(name) || '?'}</div>`
              : html`<div part="placeholder">${userIcon}<span>${p ? t.tileConnectingVideo : t.tileWaiting}</span></div>`}
          </div>`}
      ${!p || (this.local && !this.pinnable)
        ? nothing
        : html`<div part="top">
            ${this.local || this.hideStats
              ? nothing
              : html`<quality-badge part="stats-badge" user-id=${this.userId} .session=${this.session}></quality-badge>`}
            ${this.local
              ? nothing
              : html`<quality-menu part="quality-menu" user-id=${this.userId} .session=${this.session}
                  .adaptive=${this.adaptive.active}></quality-menu>
                <button part="stats-button" aria-label=${t.statsOpen(label)} title=${t.statsOpen(label)}
                  @click=${(e: Event) => e.currentTarget!.dispatchEvent(new ConfStatsOpenEvent({ userId: this.#id }))}>${statsIcon}</button>`}
            ${!this.pinnable
              ? nothing
              : html`<button part="pin-button" aria-pressed=${this.pinned ? 'true' : 'false'}
                  aria-label=${this.pinned ? t.unpin(label) : t.pin(label)} title=${this.pinned ? t.unpin(label) : t.pin(label)}
                  @click=${this.#togglePin}>${pinIcon}</button>`}
          </div>`}
      ${this.#reconnecting
        ? html`<div part="reconnecting" role="status"><span aria-hidden="true">${t.tileReconnecting}</span>
            <span class="visually-hidden">${t.tileReconnectingFor(name)}</span></div>`
        : nothing}
      <div part="footer">
        <div part="label">
          ${p?.audioMuted ? nothing : html`<mic-meter part="meter" user-id=${this.#id} ?local=${this.local}></mic-meter>`}
          <span part="name" title=${label}>${label}</span>
          ${p ? html`<conf-network-indicator part="network" user-id=${this.#id} ?local=${this.local} .session=${this.session}></conf-network-indicator>` : nothing}
          <span part="badges">
            ${p?.audioMuted
              ? html`<span part="badge badge-muted" role="img" title=${t.tileMicOff} aria-label=${t.tileMicOff}>${micOffIcon}</span>`
              : nothing}
            ${p && !p.videoEnabled && p.callType === 'video'
              ? html`<span part="badge badge-video-off" role="img" title=${t.tileCameraOff} aria-label=${t.tileCameraOff}>${cameraOffIcon}</span>`
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
