import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { AudioLevelController } from '../controllers/audio-level-controller.js';
import { StringsController } from '../i18n/controller.js';
import type { SessionLike } from '../../src/session/types.js';
import { define } from '../define.js';
import { micMeterStyles } from './mic-meter.styles.js';

/** How often the local meter measures when no levels notification arrives (the server's own rate). */
export const LOCAL_LEVEL_INTERVAL_MS = 250;

/**
 * @summary A live microphone level meter (0..1) for one participant.
 *
 * Where the level comes from:
 * - **Local participant** (`local` attribute, or `user-id` equal to the session's user): a WebAudio
 *   `AnalyserNode` on the audio track of `self.stream`, sampled 4 times a second, on each of the
 *   session's `levels` notifications (so it changes in the same rendered frame as the remote
 *   meters) or every 250 ms when none comes. The track is local, so this is cheap and has no
 *   network delay. It reads 0 while the mic is muted.
 * - **Remote participants**: the server's AudioLevelObserver, through the session's `levels` store.
 *   That is one small `audioLevels` notification per room about every 250 ms, shared by every
 *   tile, instead of a `getStats()` call per consumer per tile: with 12 tiles that is 1 message
 *   per tick versus 11 stats walks, and nothing at all while the room is silent.
 *
 * The level is exposed as the `--conf-mic-level` custom property (0..1) on the host, and through
 * `role="meter"` with `aria-valuemin="0"`, `aria-valuemax="1"` and `aria-valuenow`.
 *
 * @csspart bar - Each of the three level bars.
 *
 * @cssproperty --conf-mic-level - The current level, 0..1 (set by the element; read it in your own CSS).
 * @cssproperty [--conf-mic-meter-color=var(--conf-speaking-color)] - Bar colour while there is sound.
 * @cssproperty [--conf-mic-meter-idle-color=var(--conf-text-muted)] - Bar colour at silence.
 * @cssproperty [--conf-mic-meter-width=18px] - Width of the meter.
 * @cssproperty [--conf-mic-meter-height=14px] - Height of the meter.
 * @cssproperty [--conf-mic-meter-transition=none] - The bars' transition, e.g. `transform 90ms linear`
 *   for smoother bars (each level change then costs the page a few rendered frames per meter).
 */
export class MicMeter extends LitElement {
  static override styles = micMeterStyles;

  /** The participant whose level to show. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** Measure the local microphone with an analyser instead of reading the server's levels. */
  @property({ type: Boolean, reflect: true }) local = false;

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #remote = new StoreController(
    this,
    () => (this.#isLocal ? undefined : this.session?.levels),
    (s) => Math.round((s.levels[this.userId] ?? 0) * 100) / 100,
  );

  /** The local audio track, or null while muted: a muted mic reads 0. */
  readonly #localTrack = new StoreController(
    this,
    () => (this.#isLocal ? this.session?.state : undefined),
    (s) => (s.self.audioMuted ? null : (s.self.stream?.getAudioTracks()[0] ?? null)),
  );

  // 4 Hz, in step with the server's levels notifications: local and remote meters then change in
  // one rendered frame, not the local one in ten frames a second of its own.
  readonly #analyser = new AudioLevelController(this, () => this.#localTrack.value, {
    intervalMs: LOCAL_LEVEL_INTERVAL_MS,
    clock: () => this.session?.levels,
  });

  readonly #t = new StringsController(this);
  /** The level last written to the host's style and attributes: each write invalidates its style. */
  #shown: number | null = null;
  /** The aria-label this element set itself (an author's own aria-label is left alone). */
  #ownLabel: string | null = null;

  get #isLocal(): boolean {
    return this.local || (!!this.session && !!this.userId && this.userId === this.session.userId);
  }

  /** The level shown now, 0..1. */
  get level(): number {
    return this.#isLocal ? this.#analyser.level : (this.#remote.value ?? 0);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'meter');
    this.setAttribute('aria-valuemin', '0');
    this.setAttribute('aria-valuemax', '1');
    this.#label();
  }

  /** Names the meter ("Microphone level", translated), unless the author gave it an aria-label. */
  #label(): void {
    const current = this.getAttribute('aria-label');
    if (current !== null && current !== this.#ownLabel) return;
    this.#ownLabel = this.#t.value.micLevel;
    if (current !== this.#ownLabel) this.setAttribute('aria-label', this.#ownLabel);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) this.#remote.invalidate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#label();
    const level = this.level;
    if (level === this.#shown && this.style.getPropertyValue('--conf-mic-level') === String(level)) return;
    this.#shown = level;
    this.style.setProperty('--conf-mic-level', String(level));
    this.setAttribute('aria-valuenow', String(level));
    this.toggleAttribute('silent', level < 0.05);
  }

  protected override render() {
    return html`<span part="bar"></span><span part="bar"></span><span part="bar"></span>`;
  }
}

define('mic-meter', MicMeter);

declare global {
  interface HTMLElementTagNameMap {
    'mic-meter': MicMeter;
  }
}
