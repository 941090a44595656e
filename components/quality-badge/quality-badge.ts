import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController, shallowEqual } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { getStrings } from '../i18n/registry.js';
import type { ConfStrings } from '../i18n/strings.js';
import type { SessionLike } from '../../src/session/types.js';
import { publisherQuality, type PublisherQuality } from '../../src/state/quality.js';
import { define } from '../define.js';

/** How often a badge asks the session's stats loop for numbers (the state updates at most 1/s). */
const BADGE_STATS_INTERVAL_MS = 1000;

/** "high T2", "640×480", "812 kbps" (in `strings`, default the global ones); null parts are ''. */
export function formatQuality(
  q: PublisherQuality,
  strings: ConfStrings = getStrings(),
): { layer: string; resolution: string; bitrate: string } {
  const stream = q.currentStreamType === null ? null : (strings.streamTypes[q.currentStreamType] ?? q.currentStreamType);
  const layer = q.audioOnly
    ? strings.qualityAudioOnly
    : [stream, q.currentLayer === null ? null : `T${q.currentLayer}`].filter(Boolean).join(' ');
  const resolution = !q.audioOnly && q.frameWidth && q.frameHeight ? `${q.frameWidth}×${q.frameHeight}` : '';
  const bitrate = q.bitrate === null ? '' : strings.bitrate(Math.round(q.bitrate));
  return { layer, resolution, bitrate };
}

/**
 * @summary A live badge with a publisher's received video bitrate and the layer / resolution the
 * server forwards (docs/quality.md). <conf-tile> shows one on every remote tile.
 *
 * While connected, it keeps the session's stats loop running (`session.watchStats(1000)`) and
 * reads `PublisherState.quality` (updated at most once a second). Renders nothing until there is
 * something to show.
 *
 * @csspart base - The badge.
 * @csspart layer - The stream type and temporal layer ("high T2"), or "audio only".
 * @csspart resolution - The decoded size ("640×480").
 * @csspart bitrate - The received bitrate ("812 kbps").
 *
 * @cssproperty [--conf-quality-badge-background=rgba(0,0,0,.55)] - Badge background.
 */
export class QualityBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      pointer-events: none;
      font-family: var(--conf-font-family, system-ui, sans-serif);
    }
    [part~='base'] {
      display: inline-flex;
      gap: 6px;
      padding: 2px 6px;
      border-radius: 4px;
      background: var(--conf-quality-badge-background, rgba(0, 0, 0, 0.55));
      color: #fff;
      font-size: 11px;
      line-height: 16px;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    [part~='layer'] {
      text-transform: capitalize;
    }
  `;

  /** The publisher whose received video is described. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #quality = new StoreController(
    this,
    () => this.session?.state,
    (s) => {
      const p = s.publishers[this.userId];
      return p ? publisherQuality(p) : null;
    },
  );

  readonly #subscribed = new StoreController(
    this,
    () => this.session?.state,
    (s) => ({ subscribed: !!s.publishers[this.userId]?.subscribed }),
    { equals: shallowEqual },
  );

  readonly #t = new StringsController(this);

  #release: (() => void) | null = null;
  #watching: SessionLike | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) {
      this.#quality.invalidate();
      this.#subscribed.invalidate();
    }
    if (changed.has('session')) this.#watch();
  }

  /** Keeps exactly one stats registration, on the current session. */
  #watch(): void {
    if (!this.isConnected || this.#watching === this.session) return;
    this.#unwatch();
    this.#watching = this.session;
    this.#release = this.session?.watchStats?.(BADGE_STATS_INTERVAL_MS) ?? null;
  }

  #unwatch(): void {
    this.#release?.();
    this.#release = null;
    this.#watching = undefined;
  }

  protected override render() {
    const q = this.#quality.value;
    if (!q || !this.#subscribed.value?.subscribed) return nothing;
    const t = this.#t.value;
    const { layer, resolution, bitrate } = formatQuality(q, t);
    if (!layer && !resolution && !bitrate) return nothing;
    const title = [layer, resolution, bitrate].filter(Boolean).join(' · ');
    // A status that is read on demand, not announced: it changes every second (aria-live="off"
    // overrides the implicit "polite" of role="status").
    return html`<span part="base" role="status" aria-live="off" aria-label=${t.receivedVideo(title)} title=${title}>
      ${layer ? html`<span part="layer">${layer}</span>` : nothing}
      ${resolution ? html`<span part="resolution">${resolution}</span>` : nothing}
      ${bitrate ? html`<span part="bitrate">${bitrate}</span>` : nothing}
    </span>`;
  }
}

define('quality-badge', QualityBadge);

declare global {
  interface HTMLElementTagNameMap {
    'quality-badge': QualityBadge;
  }
}
