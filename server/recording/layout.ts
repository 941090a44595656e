/**
 * Layout maths for the composed recording: every video track gets one fixed tile for the whole
 * recording (so a late joiner's tile is black until they join). Screen shares get the large area
 * on the left; cameras share a grid (on the right when there is a screen share).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayoutTrack {
  /** A stable key, e.g. `${userId}:camera`. */
  key: string;
  screen: boolean;
}

/** Even numbers only: yuv420p needs them. */
const even = (n: number) => Math.max(0, Math.floor(n / 2) * 2);

/** Splits `area` into a cols x rows grid for `n` tiles (as square-ish as the area allows). */
export function gridRects(n: number, area: Rect): Rect[] {
  if (n <= 0) return [];
  let best = { cols: 1, rows: n, score: -1 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const w = area.w / cols;
    const h = area.h / rows;
    // The largest 16:9 tile that fits in a cell.
    const tile = Math.min(w, (h * 16) / 9);
    if (tile >= best.score) best = { cols, rows, score: tile }; // ties: more columns (side by side)
  }
  const w = Math.max(2, even(area.w / best.cols));
  const h = Math.max(2, even(area.h / best.rows));
  return Array.from({ length: n }, (_, i) => ({
    x: even(area.x + (i % best.cols) * w),
    y: even(area.y + Math.floor(i / best.cols) * h),
    w,
    h,
  }));
}

/** Tile of every track, keyed by track key, in the order given. */
export function computeLayout(tracks: LayoutTrack[], width: number, height: number): Map<string, Rect> {
  const screens = tracks.filter((t) => t.screen);
  const cameras = tracks.filter((t) => !t.screen);
  const out = new Map<string, Rect>();
  const full: Rect = { x: 0, y: 0, w: width, h: height };
  if (screens.length === 0) {
    gridRects(cameras.length, full).forEach((r, i) => out.set(cameras[i]!.key, r));
    return out;
  }
  const side = cameras.length > 0 ? even(width / 4) : 0;
  const big: Rect = { x: 0, y: 0, w: width - side, h: height };
  gridRects(screens.length, big).forEach((r, i) => out.set(screens[i]!.key, r));
  if (cameras.length > 0) {
    const column: Rect = { x: width - side, y: 0, w: side, h: height };
    gridRects(cameras.length, column).forEach((r, i) => out.set(cameras[i]!.key, r));
  }
  return out;
}
