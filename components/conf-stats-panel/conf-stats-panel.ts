import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StringsController } from '../i18n/controller.js';
import type { StatsMetric } from '../i18n/network-strings.js';
import type { SessionLike } from '../../src/session/types.js';
import type { SessionSnapshot } from '../../src/state/types.js';
import { publisherQuality } from '../../src/state/quality.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { diagnostics, StatsHistory, type HistoryPoint } from '../../src/stats/history.js';
import { KIT_VERSION } from '../../src/version.js';
import { define } from '../define.js';
import '../conf-network-indicator/conf-network-indicator.js';
import { sparkline } from './sparkline.js';
import { ConfStatsCloseEvent } from './stats-events.js';
import { confStatsPanelStyles } from './conf-stats-panel.styles.js';

/** The panel polls the session's stats loop at this interval while open. */
export const STATS_PANEL_INTERVAL_MS = 1000;
const METRICS: readonly StatsMetric[] = ['bitrate', 'frameRate', 'loss', 'rtt', 'jitter'];

/**
 * @summary Call statistics at a glance (docs/network-quality.md): per participant, live SVG
 * sparklines of the last 60 s (bitrate, frame rate, packet loss, RTT, jitter), the simulcast
 * layer and resolution received; for yourself the encodings sent and the quality-limitation
 * reason. "Copy diagnostics" puts a JSON snapshot (versions, ICE candidate type, the samples) on
 * the clipboard.
 *
 * It polls the session's existing stats loop (`watchStats`) only while `open`. <conf-room> opens
 * it on `conf-stats-open` (the Stats buttons of tiles and controls). Escape or the close button
 * closes it.
 *
 * @event conf-stats-close - The panel was closed.
 *
 * @csspart base - The panel (`role="dialog"`).
 * @csspart close-button - Closes the panel.
 * @csspart copy-button - "Copy diagnostics".
 * @csspart participant - One participant's section.
 * @csspart details - Layer, resolution, encodings, limitation.
 * @csspart metrics - The sparkline grid.
 * @csspart sparkline - Each sparkline SVG.
 * @csspart metric-value - The latest value next to a sparkline.
 * @csspart status - Announces the copy result.
 *
 * @cssproperty [--conf-stats-panel-background=#14171f] - Panel background.
 * @cssproperty [--conf-stats-sparkline-color=#8ab4ff] - Sparkline colour.
 */
export class ConfStatsPanel extends LitElement {
  static override styles = confStatsPanelStyles;

  /** Shown, and polling. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Only this participant (yourself: your userId); empty shows everyone. */
  @property({ attribute: 'user-id', reflect: true }) userId = '';

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  @state() private status = '';

  /** The last 60 s, filled while open. */
  readonly history = new StatsHistory();
  readonly #t = new StringsController(this);
  #release: (() => void) | null = null;
  #offState: (() => void) | null = null;
  #polling: SessionLike | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#sync();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') || changed.has('session')) this.#sync();
    if (changed.has('open') && this.open) this.renderRoot.querySelector<HTMLElement>('[part~="close-button"]')?.focus();
  }

  /** Polls exactly while open and connected, on the current session. */
  #sync(): void {
    const want = this.open && this.isConnected ? this.session : undefined;
    if (want === this.#polling) return;
    this.#stop();
    if (!want) return;
    this.#polling = want;
    this.#release =
      want.watchStats?.(STATS_PANEL_INTERVAL_MS, (sample) => {
        this.history.push(sample);
        this.requestUpdate();
      }) ?? null;
    this.#offState = want.state.subscribe(() => this.requestUpdate());
  }

  #stop(): void {
    this.#release?.();
    this.#offState?.();
    this.#release = this.#offState = null;
    this.#polling = undefined;
  }

  /** Closes the panel (and emits `conf-stats-close`). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new ConfStatsCloseEvent());
  }

  /** The diagnostics JSON (what "Copy diagnostics" copies). */
  diagnostics(): Record<string, unknown> {
    const s = this.session?.state.getSnapshot();
    const participants = s
      ? [
          { userId: s.self.userId, name: s.self.name, local: true, network: s.self.network ?? null },
          ...Object.values(s.publishers).map((p) => {
            const q = publisherQuality(p);
            return { userId: p.userId, name: p.name, network: p.network ?? null, layer: q.currentStreamType, temporalLayer: q.currentLayer, score: q.score, producerScore: q.producerScore };
          }),
        ]
      : [];
    return diagnostics(this.history, {
      kitVersion: KIT_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      userAgent: globalThis.navigator?.userAgent ?? null,
      roomId: s?.roomId ?? null,
      userId: s?.self.userId ?? '',
      at: Date.now(),
      participants,
    });
  }

  async copyDiagnostics(): Promise<void> {
    const t = this.#t.value;
    try {
      await navigator.clipboard.writeText(JSON.stringify(this.diagnostics(), null, 2));
      this.status = t.statsCopied;
    } catch {
      this.status = t.statsCopyFailed;
    }
  }

  readonly #keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
    }
  };

  protected override render() {
    if (!this.open) return nothing;
    const t = this.#t.value;
    const s = this.session?.state.getSnapshot();
    const people = s ? this.#people(s) : [];
    return html`<div part="base" role="dialog" aria-labelledby="title" @keydown=${this.#keydown}>
      <header>
        <h2 id="title">${t.statsTitle}</h2>
        <button part="copy-button" type="button" @click=${() => void this.copyDiagnostics()}>${t.statsCopy}</button>
        <button part="close-button" type="button" aria-label=${t.statsClose} title=${t.statsClose} @click=${() => this.close()}>✕</button>
      </header>
      ${people.map((p) => this.#section(p, s!))}
      <div part="status" role="status">${this.status}</div>
    </div>`;
  }

  #people(s: SessionSnapshot): { userId: string; name: string; local: boolean }[] {
    const all = [
      { userId: s.self.userId, name: s.self.name || s.self.userId, local: true },
      ...Object.values(s.publishers).map((p) => ({ userId: p.userId, name: p.name || p.userId, local: false })),
    ];
    return this.userId ? all.filter((p) => p.userId === this.userId) : all;
  }

  #section(p: { userId: string; name: string; local: boolean }, s: SessionSnapshot) {
    const t = this.#t.value;
    const points = this.history.of(p.userId);
    const last: HistoryPoint | undefined = points[points.length - 1];
    const size = last?.width && last.height ? `${last.width}×${last.height}` : '–';
    const q = p.local ? null : publisherQuality(s.publishers[p.userId]);
    const layer = q?.currentStreamType ? `${t.streamTypes[q.currentStreamType]}${q.currentLayer === null ? '' : ` T${q.currentLayer}`}` : '–';
    const encodings = (last?.encodings ?? [])
      .map((e) => `${e.rid ?? '?'} ${e.active === false ? '–' : e.width && e.height ? `${e.width}×${e.height}` : '…'}`)
      .join(', ');
    return html`<section part="participant" aria-labelledby="h-${p.userId}" data-user-id=${p.userId}>
      <h3 id="h-${p.userId}">
        ${p.local ? t.statsYou(p.name) : p.name}
        <conf-network-indicator ?local=${p.local} user-id=${p.userId} .session=${this.session}></conf-network-indicator>
      </h3>
      <dl part="details">
        ${p.local
          ? html`<dt>${t.statsEncodings}</dt><dd>${encodings || '–'}</dd>
              <dt>${t.statsLimitation}</dt><dd>${last?.limitation ?? '–'}</dd>`
          : html`<dt>${t.statsLayer}</dt><dd>${layer}</dd>`}
        <dt>${t.statsResolution}</dt><dd>${size}</dd>
      </dl>
      ${points.length === 0
        ? html`<p>${t.statsNoData}</p>`
        : html`<div part="metrics">
            ${METRICS.map((m) => {
              const value = last?.[m];
              const text = value === null || value === undefined ? '–' : `${Math.round(value * 10) / 10} ${t.statsUnits[m]}`;
              return html`<span>${t.statsMetrics[m]}</span>${sparkline(points.map((pt) => pt[m]))}<span part="metric-value" data-metric=${m}>${text}</span>`;
            })}
          </div>`}
    </section>`;
  }
}

define('conf-stats-panel', ConfStatsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'conf-stats-panel': ConfStatsPanel;
  }
}
