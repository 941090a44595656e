/**
 * The layout maths of <conf-room> (docs/layouts.md): which layout is in effect, what goes on the
 * stage, how many grid tiles fit and how large they are, and the active-speaker hold time.
 * Pure functions and one small class, no DOM: unit-tested in test/unit/layout.test.ts.
 */

/** The `layout` attribute of <conf-room>. `auto`: speaker view while someone shares, else grid. */
export type LayoutMode = 'grid' | 'speaker' | 'auto';
export const LAYOUT_MODES: readonly LayoutMode[] = Object.freeze(['auto', 'grid', 'speaker']);

export function isLayoutMode(value: unknown): value is LayoutMode {
  return value === 'grid' || value === 'speaker' || value === 'auto';
}

/**
 * A tile's key: `cam:<userId>` for a camera tile (yours included), `screen:<userId>` for a screen
 * share.
 */
export type TileKey = `cam:${string}` | `screen:${string}`;

export const camKey = (userId: string): TileKey => `cam:${userId}`;
export const screenKey = (userId: string): TileKey => `screen:${userId}`;

/** The layout in effect: a pin always puts its tile on a stage. */
export function effectiveLayout(mode: LayoutMode, sharing: boolean, pinned: boolean): 'grid' | 'speaker' {
  if (pinned || mode === 'speaker') return 'speaker';
  if (mode === 'grid') return 'grid';
  return sharing ? 'speaker' : 'grid';
}

export interface StageInput {
  /** Every tile, in display order. */
  tiles: readonly TileKey[];
  /** The pinned tile (wins when it still exists). */
  pinned: TileKey | null;
  /** The active speaker after the hold time (a user id). */
  speaker: string | null;
  /** The local user id: never chosen as the speaker while someone else is there. */
  self: string;
}

/** The tile on the stage: the pin, else the first screen share, else the speaker, else the first remote. */
export function chooseStage({ tiles, pinned, speaker, self }: StageInput): TileKey | null {
  if (pinned && tiles.includes(pinned)) return pinned;
  const screen = tiles.find((k) => k.startsWith('screen:'));
  if (screen) return screen;
  if (speaker && tiles.includes(camKey(speaker))) return camKey(speaker);
  return tiles.find((k) => k !== camKey(self)) ?? tiles[0] ?? null;
}

export interface GridInput {
  count: number;
  width: number;
  height: number;
  gap?: number;
  /** width / height of a tile (16 / 9). */
  aspect?: number;
  /** The smallest tile width before the grid pages (160). */
  minTileWidth?: number;
}

export interface GridFit {
  cols: number;
  rows: number;
  /** Tile size in CSS pixels. */
  tileWidth: number;
  tileHeight: number;
  /** Tiles on one page, and how many pages. */
  perPage: number;
  pages: number;
}

/** The columns that give the largest tiles for `count` tiles at `aspect` in width × height. */
function bestFit(count: number, width: number, height: number, gap: number, aspect: number) {
  let best = { cols: 1, rows: Math.max(1, count), tileWidth: 0 };
  for (let cols = 1; cols <= Math.max(1, count); cols++) {
    const rows = Math.ceil(count / cols);
    const w = Math.min((width - (cols - 1) * gap) / cols, ((height - (rows - 1) * gap) / rows) * aspect);
    if (w > best.tileWidth) best = { cols, rows, tileWidth: w };
  }
  return best;
}

/**
 * Fits `count` 16:9 tiles into the area. When they would be narrower than `minTileWidth`, the
 * grid pages: a page holds as many tiles as fit at that width (at least one).
 */
export function fitGrid({ count, width, height, gap = 8, aspect = 16 / 9, minTileWidth = 160 }: GridInput): GridFit {
  const n = Math.max(0, Math.floor(count));
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  let perPage = Math.max(1, n);
  let fit = bestFit(perPage, w, h, gap, aspect);
  if (fit.tileWidth < minTileWidth && n > 1) {
    const minW = Math.min(minTileWidth, w);
    const cols = Math.max(1, Math.floor((w + gap) / (minW + gap)));
    const rows = Math.max(1, Math.floor((h + gap) / (minW / aspect + gap)));
    perPage = Math.max(1, Math.min(n, cols * rows));
    fit = bestFit(perPage, w, h, gap, aspect);
  }
  const tileWidth = Math.max(0, Math.floor(fit.tileWidth));
  return {
    cols: fit.cols,
    rows: fit.rows,
    tileWidth,
    tileHeight: Math.floor(tileWidth / aspect),
    perPage,
    pages: n === 0 ? 1 : Math.ceil(n / perPage),
  };
}

/** The page (0-based) clamped into range. */
export function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(0, Math.floor(page) || 0), Math.max(0, pages - 1));
}

/** The page a tile at `index` is on. */
export function pageOf(index: number, perPage: number): number {
  return Math.floor(index / Math.max(1, perPage));
}

/**
 * The active speaker with a hold time: a new speaker takes the stage only after being the
 * server's active speaker for `holdMs` without a break; silence (null) keeps the current one.
 * The first speaker takes it at once. Times are passed in, so it is testable without timers.
 */
export class SpeakerHold {
  #current: string | null = null;
  #candidate: string | null = null;
  #since = 0;

  constructor(public holdMs = 1500) {}

  get current(): string | null {
    return this.#current;
  }

  /** Feeds the server's active speaker at time `now` (ms); returns the held speaker. */
  update(active: string | null, now: number): string | null {
    if (active === null || active === this.#current) {
      this.#candidate = null;
      return this.#current;
    }
    if (this.#current === null) {
      this.#current = active;
      this.#candidate = null;
      return this.#current;
    }
    if (active !== this.#candidate) {
      this.#candidate = active;
      this.#since = now;
    }
    if (now - this.#since >= this.holdMs) {
      this.#current = active;
      this.#candidate = null;
    }
    return this.#current;
  }

  /** Milliseconds until the pending candidate would take over (null: none pending). */
  pendingIn(now: number): number | null {
    return this.#candidate === null ? null : Math.max(0, this.holdMs - (now - this.#since));
  }

  /** Forgets a speaker who left. */
  forget(userId: string): void {
    if (this.#current === userId) this.#current = null;
    if (this.#candidate === userId) this.#candidate = null;
  }
}
