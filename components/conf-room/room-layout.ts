/**
 * The layouts of <conf-room> (docs/layouts.md): a reactive controller that holds the layout state
 * (stage size, page, pin, the held active speaker, the floating self view's position) and renders
 * the grid or the speaker view. The maths is in ./layout.ts.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { SessionLike } from '../../src/session/types.js';
import type { SessionSnapshot } from '../../src/state/types.js';
import type { ConfStrings } from '../i18n/strings.js';
import { nextIcon, prevIcon } from '../icons.js';
import type { ConfPinEvent } from './layout-events.js';
import { renderSelfView, type SelfViewHost } from './self-view.js';
import {
  SpeakerHold,
  camKey,
  chooseStage,
  clampPage,
  effectiveLayout,
  fitGrid,
  pageOf,
  screenKey,
  type LayoutMode,
  type TileKey,
} from './layout.js';

export interface RoomLayoutHost extends ReactiveControllerHost, HTMLElement {
  session?: SessionLike;
  layout: LayoutMode;
  hideSelf: boolean;
  minTileWidth: number;
  speakerHold: number;
  adaptiveStream: boolean;
}

export interface LayoutView {
  mode: 'grid' | 'speaker';
  tiles: TileKey[];
  stage: TileKey | null;
  page: number;
  pages: number;
}

export class RoomLayoutController implements ReactiveController, SelfViewHost {
  readonly #host: RoomLayoutHost;
  readonly #hold = new SpeakerHold();
  #levelsOff: (() => void) | null = null;
  #levelsOf: SessionLike | undefined;
  #holdTimer: ReturnType<typeof setTimeout> | null = null;
  #lastActive: string | null = null;
  #resize: ResizeObserver | null = null;
  #observed: Element | null = null;
  #size = { width: 0, height: 0 };
  /** The pinned tile, or null (auto). */
  pinned: TileKey | null = null;
  /** The grid page (0-based). */
  page = 0;
  /** The floating self view's offset from the stage's bottom right corner (./self-view.ts). */
  selfOffset = { x: 12, y: 12 };

  constructor(host: RoomLayoutHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The stage area's size: the floating self view's bounds. */
  get stageSize(): { width: number; height: number } {
    return this.#size;
  }

  /** The active speaker after the hold time. */
  get speaker(): string | null {
    return this.#hold.current;
  }

  hostConnected(): void {
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver(([entry]) => {
        if (!entry) return;
        const { width, height } = entry.contentRect;
        if (Math.round(width) === Math.round(this.#size.width) && Math.round(height) === Math.round(this.#size.height)) return;
        this.#size = { width, height };
        // Next frame: re-rendering inside the callback would trip "ResizeObserver loop" errors.
        requestAnimationFrame(() => this.#host.requestUpdate());
      });
      if (this.#observed) this.#resize.observe(this.#observed);
    }
  }

  hostUpdated(): void {
    // Follow the session's levels store, and observe the stage area once it is rendered.
    if (this.#host.session !== this.#levelsOf) this.#track(this.#host.session);
    const area = this.#host.shadowRoot?.querySelector('[part~="layout"]') ?? null;
    if (area !== this.#observed) {
      if (this.#observed) this.#resize?.unobserve(this.#observed);
      this.#observed = area;
      if (area) {
        this.#resize?.observe(area);
        const box = area.getBoundingClientRect();
        if (!this.#size.width) this.#size = { width: box.width, height: box.height };
      }
    }
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#observed = null;
    this.#track(undefined);
  }

  #track(session: SessionLike | undefined): void {
    this.#levelsOff?.();
    this.#levelsOff = null;
    this.#levelsOf = session;
    if (this.#holdTimer) clearTimeout(this.#holdTimer);
    this.#holdTimer = null;
    if (!session) return;
    this.#levelsOff = session.levels.subscribe((levels) => this.#onActive(levels.activeSpeaker));
    this.#onActive(session.levels.getSnapshot().activeSpeaker);
  }

  #onActive(active: string | null): void {
    this.#lastActive = active;
    this.#hold.holdMs = Math.max(0, this.#host.speakerHold);
    const before = this.#hold.current;
    this.#hold.update(active, performance.now());
    if (this.#hold.current !== before) this.#host.requestUpdate();
    if (this.#holdTimer) clearTimeout(this.#holdTimer);
    this.#holdTimer = null;
    const wait = this.#hold.pendingIn(performance.now());
    if (wait !== null) this.#holdTimer = setTimeout(() => this.#onActive(this.#lastActive), wait + 1);
  }

  /** Handles a tile's `conf-pin`: pins it (replacing any other pin) or unpins it. */
  onPin(event: ConfPinEvent): void {
    const { userId, source, pinned } = event.detail;
    const key = source === 'screen' ? screenKey(userId) : camKey(userId);
    this.pinned = pinned ? key : this.pinned === key ? null : this.pinned;
    this.#host.requestUpdate();
  }

  setPage(page: number): void {
    this.page = page;
    this.#host.requestUpdate();
  }

  /** The tiles, stage and pages for a snapshot. */
  view(s: SessionSnapshot): LayoutView {
    const self = s.self.userId;
    const ids = Object.keys(s.publishers);
    for (const id of [this.#hold.current]) if (id && id !== self && !s.publishers[id]) this.#hold.forget(id);
    const screens = [...(s.self.screenSharing ? [self] : []), ...ids.filter((id) => s.publishers[id]?.screen)].map(screenKey);
    const cams = [camKey(self), ...ids.map(camKey)];
    const all = [...screens, ...cams];
    if (this.pinned && !all.includes(this.pinned)) this.pinned = null;
    const mode = effectiveLayout(this.#host.layout, screens.length > 0, this.pinned !== null);
    const visibleSelf = (k: TileKey) => !(this.#host.hideSelf && k === camKey(self));
    if (mode === 'speaker') {
      const stage = chooseStage({ tiles: all, pinned: this.pinned, speaker: this.#hold.current, self });
      return { mode, tiles: all.filter(visibleSelf), stage, page: 0, pages: 1 };
    }
    const tiles = all.filter(visibleSelf);
    const fit = this.#fit(tiles.length);
    this.page = clampPage(this.page, fit.pages);
    return { mode, tiles, stage: null, page: this.page, pages: fit.pages };
  }

  #fit(count: number) {
    const gap = parseFloat(getComputedStyle(this.#host).getPropertyValue('--conf-gap')) || 8;
    const pagerHeight = 44;
    const first = fitGrid({ count, width: this.#size.width, height: this.#size.height, gap, minTileWidth: this.#host.minTileWidth });
    if (first.pages === 1) return first;
    // Pages: leave room for the pager row.
    return fitGrid({ count, width: this.#size.width, height: this.#size.height - pagerHeight, gap, minTileWidth: this.#host.minTileWidth });
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  #tile(s: SessionSnapshot, key: TileKey, extra: { offpage?: boolean; stage?: boolean } = {}): TemplateResult {
    const self = s.self.userId;
    const id = key.slice(key.indexOf(':') + 1);
    const pinned = this.pinned === key;
    if (key.startsWith('screen:')) {
      return id === self
        ? html`<conf-screen-tile part="screen-tile local-screen-tile" local ?pinned=${pinned} pinnable ?offpage=${extra.offpage}
            data-key=${key}></conf-screen-tile>`
        : html`<conf-screen-tile part="screen-tile" user-id=${id} ?pinned=${pinned} pinnable ?offpage=${extra.offpage}
            data-key=${key}></conf-screen-tile>`;
    }
    return id === self
      ? html`<conf-tile part="tile local-tile" local user-id=${id} ?pinned=${pinned} pinnable ?offpage=${extra.offpage}
          data-key=${key}></conf-tile>`
      : html`<conf-tile part="tile" user-id=${id} ?pinned=${pinned} pinnable ?offpage=${extra.offpage} ?stage=${extra.stage} data-key=${key}
          .adaptiveStream=${this.#host.adaptiveStream}></conf-tile>`;
  }

  /** The grid or the speaker view, plus the floating self view. */
  render(s: SessionSnapshot, t: ConfStrings): TemplateResult {
    const v = this.view(s);
    const screens = v.tiles.filter((k) => k.startsWith('screen:')).length;
    const self = this.#host.hideSelf ? renderSelfView(this, s.self.userId, t) : nothing;
    if (v.mode === 'speaker') {
      const others = v.tiles.filter((k) => k !== v.stage);
      const stripWidth = Math.max(this.#host.minTileWidth, Math.round(Math.max(90, this.#size.height * 0.2) * (16 / 9)));
      return html`<div part="layout" data-layout="speaker" ?presenting=${screens > 0}>
          <div part="stage-main" role="group" aria-label=${t.stageLabel}>
            ${repeat(v.stage ? [v.stage] : [], (k) => k, (k) => this.#tile(s, k, { stage: true }))}
          </div>
          ${others.length
            ? html`<div part="filmstrip" role="group" tabindex="0" aria-label=${t.filmstripLabel}
                style="--_strip-w:${stripWidth}px">
                ${repeat(others, (k) => k, (k) => this.#tile(s, k))}
              </div>`
            : nothing}
        </div>
        ${self}`;
    }
    const fit = this.#fit(v.tiles.length);
    const size = `--_tile-w:${fit.tileWidth}px;--_tile-h:${fit.tileHeight}px;--_cols:${fit.cols}`;
    return html`<div part="layout" data-layout="grid" ?presenting=${screens > 0}>
        <div part="grid" role="group" aria-label=${t.participants(v.tiles.length)} style=${size}
          data-count=${v.tiles.length} data-pages=${v.pages} tabindex=${v.pages > 1 ? '0' : '-1'}
          @keydown=${(e: KeyboardEvent) => this.#onGridKey(e, v)}>
          ${repeat(v.tiles, (k) => k, (k, i) => this.#tile(s, k, { offpage: pageOf(i, fit.perPage) !== v.page }))}
        </div>
        ${v.pages > 1 ? this.#renderPager(v, t) : nothing}
      </div>
      ${self}`;
  }

  #onGridKey(event: KeyboardEvent, v: LayoutView): void {
    if (v.pages < 2 || event.target !== event.currentTarget) return;
    const delta = event.key === 'ArrowRight' || event.key === 'PageDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'PageUp' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    this.setPage(clampPage(v.page + delta, v.pages));
  }

  #renderPager(v: LayoutView, t: ConfStrings): TemplateResult {
    const keys = (e: KeyboardEvent) => {
      const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (delta) {
        e.preventDefault();
        this.setPage(clampPage(v.page + delta, v.pages));
      }
    };
    return html`<div part="pager" @keydown=${keys}>
      <button part="page-previous" aria-label=${t.pagePrevious} title=${t.pagePrevious} ?disabled=${v.page === 0}
        @click=${() => this.setPage(v.page - 1)}>${prevIcon}</button>
      <span part="page-status" role="status" aria-live="polite">${t.pageStatus(v.page + 1, v.pages)}</span>
      <button part="page-next" aria-label=${t.pageNext} title=${t.pageNext} ?disabled=${v.page >= v.pages - 1}
        @click=${() => this.setPage(v.page + 1)}>${nextIcon}</button>
    </div>`;
  }
}
