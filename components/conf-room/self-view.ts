/**
 * <conf-room>'s floating self view (with `hide-self`, docs/layouts.md): a small picture of your
 * own camera over the stage, moved by dragging it or, once focused, by keyboard. Arrow keys move
 * it by 16 px (Shift: 64 px); Home, End, Page Up and Page Down snap it to the top-left,
 * bottom-right, top-right and bottom-left corners. It always stays inside the stage.
 * The position is an offset from the stage's bottom right corner, kept by the layout controller.
 */
import { html, type TemplateResult } from 'lit';
import type { ConfStrings } from '../i18n/strings.js';

export interface Offset {
  x: number;
  y: number;
}

/** The gap kept between a snapped self view and the stage's edge. */
export const SELF_VIEW_MARGIN = 12;
const STEP = 16;
const BIG_STEP = 64;

/** Clamps an offset so a `box`-sized view stays inside `bounds`. */
export function clampOffset(offset: Offset, box: { width: number; height: number }, bounds: { width: number; height: number }): Offset {
  return {
    x: Math.round(Math.min(Math.max(0, offset.x), Math.max(0, bounds.width - box.width))),
    y: Math.round(Math.min(Math.max(0, offset.y), Math.max(0, bounds.height - box.height))),
  };
}

/** The offset a key moves the view to (null: not a key it handles). */
export function offsetForKey(key: string, shift: boolean, offset: Offset, box: { width: number; height: number }, bounds: { width: number; height: number }): Offset | null {
  const step = shift ? BIG_STEP : STEP;
  const far = { x: bounds.width - box.width - SELF_VIEW_MARGIN, y: bounds.height - box.height - SELF_VIEW_MARGIN };
  const near = SELF_VIEW_MARGIN;
  const next: Record<string, Offset> = {
    ArrowLeft: { x: offset.x + step, y: offset.y },
    ArrowRight: { x: offset.x - step, y: offset.y },
    ArrowUp: { x: offset.x, y: offset.y + step },
    ArrowDown: { x: offset.x, y: offset.y - step },
    Home: { x: far.x, y: far.y },
    End: { x: near, y: near },
    PageUp: { x: near, y: far.y },
    PageDown: { x: far.x, y: near },
  };
  const target = next[key];
  return target ? clampOffset(target, box, bounds) : null;
}

export interface SelfViewHost {
  selfOffset: Offset;
  /** The stage area's size (the view's bounds). */
  readonly stageSize: { width: number; height: number };
}

function place(el: HTMLElement, offset: Offset): void {
  el.style.right = `${offset.x}px`;
  el.style.bottom = `${offset.y}px`;
}

function onKey(host: SelfViewHost, event: KeyboardEvent): void {
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
  const el = event.currentTarget as HTMLElement;
  const next = offsetForKey(event.key, event.shiftKey, host.selfOffset, el.getBoundingClientRect(), host.stageSize);
  if (!next) return;
  event.preventDefault();
  host.selfOffset = next;
  place(el, next);
}

function onDragStart(host: SelfViewHost, event: PointerEvent): void {
  const handle = event.currentTarget as HTMLElement;
  if ((event.target as Element | null)?.closest?.('button')) return;
  const start = { px: event.clientX, py: event.clientY, ...host.selfOffset };
  handle.setPointerCapture?.(event.pointerId);
  const move = (e: PointerEvent) => {
    const wanted = { x: start.x - (e.clientX - start.px), y: start.y - (e.clientY - start.py) };
    host.selfOffset = clampOffset(wanted, handle.getBoundingClientRect(), host.stageSize);
    place(handle, host.selfOffset);
  };
  const up = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
    handle.removeEventListener('pointercancel', up);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
  handle.addEventListener('pointercancel', up);
}

/** The floating self view: focusable, labelled, with its keyboard hint as its description. */
export function renderSelfView(host: SelfViewHost, userId: string, t: ConfStrings): TemplateResult {
  const { x, y } = host.selfOffset;
  return html`<div part="self-view" role="group" tabindex="0" aria-label=${t.selfViewLabel} aria-describedby="self-view-keys"
    style="right:${x}px;bottom:${y}px" @pointerdown=${(e: PointerEvent) => onDragStart(host, e)}
    @keydown=${(e: KeyboardEvent) => onKey(host, e)}>
    <span id="self-view-keys" class="visually-hidden">${t.selfViewKeys}</span>
    <conf-tile part="tile local-tile" local user-id=${userId}></conf-tile>
  </div>`;
}
