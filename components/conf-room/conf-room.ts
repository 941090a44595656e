import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume, provide } from '@lit/context';
import { callContext, type CallContextValue } from '../call-context.js';
import { sessionContext, stringsContext } from '../context.js';
import { StringsController } from '../i18n/controller.js';
import type { PartialConfStrings } from '../i18n/strings.js';
import { StoreController } from '../controllers/store-controller.js';
import { ConferenceError, isConferenceError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import type { CallType } from '../../src/protocol/protocol.js';
import type { SessionLike } from '../../src/session/types.js';
import type { TokenSource } from '../../src/session/auth.js';
import { renderModeratorNotice } from './messages.js';
import type { ErrorInfo, SessionSnapshot } from '../../src/state/types.js';
import { define } from '../define.js';
import {
  ConfErrorEvent,
  ConfJoinedEvent,
  ConfLeftEvent,
  ConfPublisherJoinedEvent,
  ConfPublisherLeftEvent,
  type ConfPrejoinJoinEvent,
  type PrejoinChoice,
} from '../events.js';
import '../conf-tile/conf-tile.js';
import '../conf-controls/conf-controls.js';
import '../screen-share-button/screen-share-button.js';
import '../conf-layout-picker/conf-layout-picker.js';
import '../conf-chat/conf-chat-button.js';
import { confRoomStyles } from './conf-room.styles.js';
import { describeError } from './messages.js';
import { isLayoutMode, type LayoutMode } from './layout.js';
import type { ConfLayoutChangeEvent } from './layout-events.js';
import { RoomLayoutController } from './room-layout.js';
import { sameRoomView } from './room-view.js';
import { PrejoinRecordingController } from './prejoin-recording.js'; // recording (issue 13)
import type { ConfConnectionPhaseEvent } from '../conf-connection-banner/events.js';
import { DEFAULT_MAX_ATTEMPTS } from '../conf-connection-banner/phase.js'; // the banner itself loads right after the first paint (lazy-elements.ts)
import { StatsPanelHost } from '../conf-stats-panel/stats-panel-host.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../src/signaling/timeouts.js';
// Loaded on first use (components/lazy-elements.ts): prejoin, chat, add-participant, recording UI,
// record button, device pickers, screen tiles, the stats panel.
import { LazyElementsController } from '../lazy-elements.js';

const log = createLogger('conf-kit:conf-room');

/**
 * @summary A whole call in one tag: joins a room, provides the session to everything inside it
 * through @lit/context, and lays out up to 12 tiles above a control bar, in a grid or a speaker
 * view (docs/layouts.md).
 *
 * Layouts: `layout="grid|speaker|auto"` (auto: speaker view while someone shares). Grid tiles fill
 * the stage at 16:9 and page below `min-tile-width`; the speaker view puts the held active
 * speaker (`speaker-hold` ms, at least 1.5 s by default), a screen share or the pinned tile
 * (`conf-pin` from a tile) on the stage and the others in a scrolling filmstrip. `hide-self`
 * shows your tile as a small picture instead, moved by dragging or, focused, by the arrow keys
 * (Home / End / Page Up / Page Down snap it to a corner). Remote tiles use adaptive stream unless
 * `adaptive-stream="off"`.
 *
 * Either set `server` + `room` (+ `user-id`, `name`, `call-type`) and `auto-join` (or call
 * `join()`): the room then creates and owns its session, and leaves when removed from the page.
 * Or assign a ready `session` (a ConferenceSession or any SessionLike); the room then only
 * provides and shows it. The connection state (connecting, joined, reconnecting, closed) is
 * reflected as the `connection` attribute and shown in a status pill; errors are shown in plain
 * language (permission denied, room full, server unreachable, protocol mismatch, ...).
 *
 * Theme: light or dark following `prefers-color-scheme`, or forced with `theme="light|dark"`.
 *
 * Strings: every text comes from `ConfStrings` (docs/i18n.md). `setStrings()` changes them for the
 * whole page; the `strings` property (a partial ConfStrings, such as the German `de` locale)
 * changes them for this room and every element inside it only.
 *
 * @event conf-joined - Joined the room. `detail: { roomId, userId }`.
 * @event conf-left - Left the room (or the session closed). `detail: { roomId, userId }`.
 * @event conf-error - An error occurred. `detail: { code, message }`.
 * @event conf-publisher-joined - A participant joined. `detail: { userId, name }`.
 * @event conf-publisher-left - A participant left. `detail: { userId }`.
 *
 * @slot controls - Replaces the default control bar.
 * @slot overlay - Extra content laid over the stage (for example a logo).
 *
 * @csspart base - The room's layout wrapper.
 * @csspart stage - The area holding the grid and overlays.
 * @csspart grid - The tile grid.
 * @csspart tile - Every tile. The local one also has `local-tile`.
 * @csspart status - The connection status pill.
 * @csspart overlay - The full-stage overlay (idle, connecting, closed, fatal error).
 * @csspart error - The error card or toast.
 * @csspart notice - The notice after a moderator muted you (`self.moderatorMute`).
 * @csspart controls - The default <conf-controls>.
 * @csspart layout - The layout area (`data-layout="grid|speaker"`, `presenting` while someone shares).
 * @csspart stage-main - The speaker view's stage.
 * @csspart filmstrip - The speaker view's scrolling strip of the other tiles.
 * @csspart pager - The grid's page buttons (`page-previous`, `page-next`) and `page-status`.
 * @csspart self-view - The floating self view (with `hide-self`): draggable, and focusable to move by keyboard.
 * @csspart screen-tile - Each <conf-screen-tile> (one per sharing participant, yours included).
 * @csspart prejoin - The <conf-prejoin> shown before joining, with the `prejoin` attribute.
 * @csspart chat - The <conf-chat> panel (shown with `chat-open`; its button is in the controls).
 * @csspart recording - The <conf-recording-indicator> (REC mark, notice); the <conf-record-button> is in the controls.
 * @csspart stats-panel - The <conf-stats-panel>, opened by `conf-stats-open` (docs/network-quality.md).
 * @csspart connection-banner - The <conf-connection-banner>: reconnecting (attempt n of N), restored, or gave up with Rejoin (docs/reliability.md).
 *
 * @cssproperty [--conf-background] - Page background of the room.
 * @cssproperty [--conf-surface] - Tile and bar background.
 * @cssproperty [--conf-surface-raised] - Buttons, menus and cards.
 * @cssproperty [--conf-text] - Text colour.
 * @cssproperty [--conf-text-muted] - Secondary text colour.
 * @cssproperty [--conf-accent] - Accent colour.
 * @cssproperty [--conf-danger] - Leave button and mute badges.
 * @cssproperty [--conf-speaking-color] - Speaking outline and meter colour.
 * @cssproperty [--conf-gap=8px] - Space between tiles.
 * @cssproperty [--conf-radius=10px] - Radius of cards and menus.
 * @cssproperty [--conf-tile-radius=12px] - Radius of tiles.
 * @cssproperty [--conf-room-padding=12px] - Padding around the room.
 * @cssproperty [--conf-font-family] - Font.
 * @cssproperty [--conf-focus-ring=2px solid var(--conf-accent)] - Keyboard focus outline of every control (an `outline` value).
 * @cssproperty [--conf-focus-ring-offset=2px] - Gap between a control and its focus outline.
 */
export class ConfRoom extends LitElement {
  static override styles = confRoomStyles;

  /** Server base URL (http(s):// or ws(s)://), used when the room creates its own session. */
  @property() server = '';
  /** Room to join. */
  @property() room = '';
  /** Local user id. Generated when empty. */
  @property({ attribute: 'user-id' }) userId = '';
  /** Whether the chat panel is open (the chat button toggles it). */ @property({ type: Boolean, reflect: true, attribute: 'chat-open' }) chatOpen = false;
  /** Display name. */
  @property() name = '';
  /** The join token (docs/auth.md) for the session the room creates; the property also takes an async function. */
  @property() token: TokenSource = '';
  /** `video` (camera + mic) or `audio` (mic only). */
  @property({ attribute: 'call-type' }) callType: CallType = 'video';
  /** Join as soon as the room is connected and has what it needs. */
  @property({ type: Boolean, attribute: 'auto-join' }) autoJoin = false;
  /**
   * Show a <conf-prejoin> screen (preview, devices, name) before joining; its Join button joins
   * with the chosen name and devices. Takes precedence over `auto-join`.
   */
  @property({ type: Boolean, reflect: true }) prejoin = false;
  /** `grid`, `speaker` or `auto` (speaker view while someone shares, grid otherwise). */
  @property({ reflect: true }) layout: LayoutMode = 'auto';
  /** Hide your own tile from the layout; it floats as a small draggable picture instead. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-self' }) hideSelf = false;
  /** Below this tile width (CSS px) the grid pages. */
  @property({ type: Number, attribute: 'min-tile-width' }) minTileWidth = 160;
  /** How long (ms) someone must be the active speaker before taking the stage. */
  @property({ type: Number, attribute: 'speaker-hold' }) speakerHold = 1500;
  /** Adaptive stream for remote tiles (docs/layouts.md): on unless `adaptive-stream="off"`. */
  @property({
    attribute: 'adaptive-stream',
    converter: { fromAttribute: (v: string | null) => v !== 'off' && v !== 'false' },
  })
  adaptiveStream = true;
  /** Force a theme; follows `prefers-color-scheme` when unset. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Reconnect attempts before giving up (`reconnect.maxAttempts` of the session it creates, and the banner's "of N"); default 30. */
  @property({ type: Number, attribute: 'reconnect-attempts' }) reconnectAttempts: number = DEFAULT_MAX_ATTEMPTS;
  /**
   * How long the socket connect and each request may take, in ms, before it times out and is
   * retried (`socketTimeoutMs` of the client it creates; docs/reliability.md); default 10000.
   * Anything but a positive number means the default.
   */
  @property({ type: Number, attribute: 'request-timeout' }) requestTimeout: number = DEFAULT_REQUEST_TIMEOUT_MS;

  /**
   * String overrides for this room and everything inside it (a partial `ConfStrings`, for example
   * the `de` locale from `conf-kit/i18n/de`), on top of the global ones (`setStrings`).
   * Assign a new object to change them; mutating the object in place is not noticed.
   */
  @provide({ context: stringsContext })
  @property({ attribute: false })
  strings?: PartialConfStrings;

  /** The session shown and provided to the elements inside. Assign one, or let the room create it. */
  @provide({ context: sessionContext })
  @property({ attribute: false })
  session?: SessionLike;

  /** The call this room is, from <conf-call-center>: then <conf-add-participant> is in the controls. */
  @consume({ context: callContext, subscribe: true }) @state() private call?: CallContextValue;

  /** An error not (yet) in the session state, such as a failed session creation. */
  @state() private localError: ErrorInfo | null = null;
  @state() private dismissedError: ErrorInfo | null = null;
  /** The banner shows that reconnecting gave up (with its own Rejoin): no closed overlay then. */
  @state() private reconnectFailed = false;

  #ownedSession: SessionLike | undefined;
  #joining: Promise<void> | undefined;
  #autoJoined = false;

  readonly #t = new StringsController(this, () => this.strings);

  readonly #prejoinRecording = new PrejoinRecordingController(this);

  /** Layout state (page, pin, held speaker) and rendering. */
  readonly layouts = new RoomLayoutController(this);
  /** Opens <conf-stats-panel> on `conf-stats-open` from the tiles and controls. */
  readonly stats = new StatsPanelHost(this);
  readonly #lazy = new LazyElementsController(this);

  /** The tile pinned to the stage (`cam:<userId>` or `screen:<userId>`), or null. */
  get pinned(): string | null {
    return this.layouts.pinned;
  }

  /** The active speaker after the hold time. */
  get activeSpeaker(): string | null {
    return this.layouts.speaker;
  }

  readonly #onLayoutChange = (event: ConfLayoutChangeEvent): void => {
    if (isLayoutMode(event.detail.layout)) this.layout = event.detail.layout;
    this.hideSelf = event.detail.hideSelf;
  };

  /** Re-renders only when what the room itself shows changes (./room-view.ts); tiles follow their own slices. */
  readonly #snapshot = new StoreController(this, () => this.session?.state, (s) => s, {
    equals: sameRoomView,
    onChange: (next, prev) => this.#emitTransitions(next, prev),
  });

  /** The current connection state ('idle' without a session). */
  get connection(): SessionSnapshot['connection'] {
    return this.#snapshot.value?.connection ?? 'idle';
  }

  /** Joins `roomId` (default: the `room` attribute), creating the session first if needed. */
  join(roomId: string = this.room): Promise<void> {
    this.#joining ??= this.#join(roomId).finally(() => (this.#joining = undefined));
    return this.#joining;
  }

  /** Leaves the call. */
  async leave(): Promise<void> {
    await this.session?.leave();
  }

  async #join(roomId: string): Promise<void> {
    if (this.localError) this.localError = null;
    if (this.dismissedError) this.dismissedError = null;
    try {
      if (!roomId) throw new ConferenceError('invalid-params', 'No room to join');
      if (!this.session || (this.session === this.#ownedSession && this.connection === 'closed')) {
        if (!this.server) throw new ConferenceError('invalid-params', 'No server to join');
        // Loaded lazily: apps that pass their own session never load the SFU client code.
        const { ConferenceClient } = await import('../../src/session/ConferenceClient.js');
        const timeout = Number.isFinite(this.requestTimeout) && this.requestTimeout > 0 ? this.requestTimeout : DEFAULT_REQUEST_TIMEOUT_MS;
        const client = new ConferenceClient({ url: this.server, socketTimeoutMs: timeout, ...(this.token ? { token: this.token } : {}) });
        const userId = this.userId || `user-${Math.random().toString(36).slice(2, 10)}`;
        this.#ownedSession = client.createCallSession(userId, {
          callType: this.callType,
          name: this.name || userId,
          autoSubscribe: true,
          reconnect: { maxAttempts: this.reconnectAttempts },
          ...(this.token ? { token: this.token } : {}),
        });
        this.session = this.#ownedSession;
        await this.updateComplete;
      }
      if (this.#prejoinChoice) await this.#applyPrejoinChoice(this.session, this.#prejoinChoice);
      await this.session.join(roomId);
    } catch (error) {
      // Anything that is not a ConferenceError (a failed lazy import, a custom session's own
      // error) is reported as 'internal'.
      const failure = isConferenceError(error)
        ? error
        : new ConferenceError('internal', error instanceof Error ? error.message : String(error), { cause: error });
      const info: ErrorInfo = { code: failure.code, message: failure.message };
      // The session normally reports its errors in its state (and conf-error fired from there).
      if (this.#snapshot.value?.error?.code !== info.code) {
        this.localError = info;
        this.dispatchEvent(new ConfErrorEvent({ ...info }));
      }
    }
  }

  #emitTransitions(next: SessionSnapshot, prev: SessionSnapshot): void {
    const ids = { roomId: next.roomId ?? prev.roomId, userId: next.self.userId };
    if (next.connection === 'joined' && prev.connection !== 'joined' && prev.connection !== 'reconnecting') {
      this.dispatchEvent(new ConfJoinedEvent(ids));
    }
    if (next.connection === 'closed' && (prev.connection === 'joined' || prev.connection === 'reconnecting')) {
      this.dispatchEvent(new ConfLeftEvent(ids));
    }
    if (next.error && next.error !== prev.error) {
      this.localError = null;
      this.dispatchEvent(new ConfErrorEvent({ code: next.error.code, message: next.error.message }));
    }
    if (next.publishers !== prev.publishers) {
      for (const [userId, p] of Object.entries(next.publishers)) {
        if (!(userId in prev.publishers)) this.dispatchEvent(new ConfPublisherJoinedEvent({ userId, name: p.name }));
      }
      for (const userId of Object.keys(prev.publishers)) {
        if (!(userId in next.publishers)) this.dispatchEvent(new ConfPublisherLeftEvent({ userId }));
      }
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('session');
    if (changed.has('session') && previous && previous === this.#ownedSession && previous !== this.session) {
      void previous.leave().catch(() => undefined);
      this.#ownedSession = undefined;
    }
    if (changed.has('room') || (changed.has('session') && this.session !== this.#ownedSession)) {
      this.#autoJoined = false;
    }
    if (changed.has('session')) {
      this.localError = null;
      this.dismissedError = null;
    }
  }

  protected override updated(): void {
    this.setAttribute('connection', this.connection);
    const canJoin = this.room && (this.session || this.server);
    if (this.autoJoin && !this.prejoin && canJoin && this.connection === 'idle' && !this.#joining && !this.#autoJoined) {
      this.#autoJoined = true;
      // After this update completes: joining changes the state, which schedules the next one.
      void this.updateComplete.then(() => this.join());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leave only if really removed (not merely moved within the page).
    queueMicrotask(() => {
      if (!this.isConnected && this.#ownedSession) void this.#ownedSession.leave().catch(() => undefined);
    });
  }

  #renderError(error: ErrorInfo, live: boolean) {
    const t = this.#t.value;
    const { title, advice } = describeError(error.code, error.message, t);
    const retry = error.code === 'protocol-mismatch' ? () => location.reload() : () => void this.join();
    return html`<div part="error" class="card ${live ? 'toast' : ''}" role="alert" data-code=${error.code}>
      <h2>${title}</h2>
      <p>${advice}</p>
      <span class="code">${error.code}</span>
      <div class="actions">
        ${live
          ? html`<button class="secondary" @click=${() => (this.dismissedError = error)}>${t.errorDismiss}</button>`
          : error.code === 'removed' ? nothing : html`<button class="primary" @click=${retry}>
              ${error.code === 'protocol-mismatch' ? t.errorReload : t.errorRetry}
            </button>`}
      </div>
    </div>`;
  }

  /** What the <conf-prejoin> chose; applied to the session right before it joins. */
  #prejoinChoice: PrejoinChoice | undefined;

  readonly #onPrejoinJoin = (event: ConfPrejoinJoinEvent): void => {
    this.#prejoinChoice = event.detail;
    // The name goes into the session the room creates (an assigned session keeps its own).
    if (event.detail.name) this.name = event.detail.name;
    void this.join();
  };

  /** Device choices are preferences before joining: the session opens those devices when it joins. */
  async #applyPrejoinChoice(session: SessionLike, choice: PrejoinChoice): Promise<void> {
    const attempts: Promise<unknown>[] = [
      session.setMicrophoneMute(!choice.audioEnabled),
      session.setVideoEnabled(choice.videoEnabled),
    ];
    if (choice.videoInput) attempts.push(session.switchCamera?.({ deviceId: choice.videoInput }) ?? Promise.resolve());
    if (choice.audioInput) attempts.push(session.switchMicrophone?.(choice.audioInput) ?? Promise.resolve());
    if (choice.audioOutput) attempts.push(session.selectAudioOutput?.(choice.audioOutput) ?? Promise.resolve());
    for (const result of await Promise.allSettled(attempts)) {
      if (result.status === 'rejected') log.warn('a pre-join choice could not be applied', result.reason);
    }
  }

  #renderOverlay(s: SessionSnapshot | undefined, error: ErrorInfo | null) {
    const t = this.#t.value;
    const connection = s?.connection ?? 'idle';
    const live = connection === 'joined' || connection === 'reconnecting';
    if (connection === 'closed' && this.reconnectFailed) return nothing;
    if (error && error !== this.dismissedError) {
      return live ? this.#renderError(error, true) : html`<div part="overlay">${this.#renderError(error, false)}</div>`;
    }
    if (connection === 'connecting') {
      return html`<div part="overlay"><div class="card"><div class="spinner"></div>
        <h2>${t.roomJoining(s?.roomId ?? this.room)}</h2></div></div>`;
    }
    if (connection === 'closed' && !(error?.code === 'removed')) {
      return html`<div part="overlay"><div class="card"><h2>${t.roomLeft}</h2>
        <div class="actions"><button class="primary" @click=${() => void this.join(s?.roomId ?? this.room)}>${t.roomRejoin}</button></div>
      </div></div>`;
    }
    if (connection === 'idle' && this.prejoin) {
      return html`<div part="overlay"><conf-prejoin part="prejoin" room=${this.room} .name=${this.name}
        call-type=${this.callType} ?busy=${!!this.#joining} ?recording=${this.#prejoinRecording.active} @conf-prejoin-join=${this.#onPrejoinJoin}></conf-prejoin></div>`;
    }
    if (connection === 'idle' && !this.autoJoin) {
      const canJoin = this.room && (this.session || this.server);
      return html`<div part="overlay"><div class="card"><h2>${canJoin ? t.roomReady(this.room) : t.roomNotConnected}</h2>
        ${canJoin ? html`<div class="actions"><button class="primary" @click=${() => void this.join()}>${t.roomJoin}</button></div>` : nothing}
      </div></div>`;
    }
    return nothing;
  }

  protected override render() {
    const t = this.#t.value;
    const s = this.#snapshot.value;
    const error = s?.error ?? this.localError;
    return html`
      <div part="base" @conf-pin=${this.layouts.onPin.bind(this.layouts)} @conf-chat-toggle=${(e: CustomEvent<{ open: boolean }>) => (this.chatOpen = e.detail.open)}>
        <div part="stage">
          <div part="status" role="status" aria-live="polite">${t.connection[this.connection]}</div>
          <conf-recording-indicator part="recording"></conf-recording-indicator>
          <conf-connection-banner part="connection-banner" .maxAttempts=${this.reconnectAttempts}
            @conf-connection-phase=${(e: ConfConnectionPhaseEvent) => (this.reconnectFailed = e.detail.phase === 'failed')}></conf-connection-banner>
          ${s ? this.layouts.render(s, t) : html`<div part="layout"><div part="grid" role="group" aria-label=${t.participants(0)}></div></div>`}
          ${this.#renderOverlay(s, error)}${renderModeratorNotice(s, t)}
          <slot name="overlay"></slot>
          <conf-chat part="chat" ?open=${this.chatOpen} ?hidden=${!this.chatOpen || !this.session?.sendChatMessage}></conf-chat>
        </div>
        <slot name="controls">
          <conf-controls part="controls">
            <screen-share-button slot="screen-share" with-audio></screen-share-button>
            <conf-layout-picker .layout=${this.layout} ?hide-self=${this.hideSelf}
              @conf-layout-change=${this.#onLayoutChange}></conf-layout-picker>
            <conf-chat-button ?open=${this.chatOpen}></conf-chat-button>
            ${this.call ? html`<conf-add-participant></conf-add-participant>` : nothing}
            <conf-record-button></conf-record-button>
            <device-picker slot="devices" kind="audioinput"></device-picker>
            ${s?.self.callType === 'audio' ? nothing : html`<device-picker slot="devices" kind="videoinput"></device-picker>`}
            ${typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
              ? html`<device-picker slot="devices" kind="audiooutput"></device-picker>`
              : nothing}
          </conf-controls>
        </slot>
      </div>
    `;
  }
}

define('conf-room', ConfRoom);

declare global {
  interface HTMLElementTagNameMap {
    'conf-room': ConfRoom;
  }
}
