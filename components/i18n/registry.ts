/**
 * The global string registry: `setStrings()` overrides strings for every conf-kit element on the
 * page, `getStrings()` reads the current set, `subscribeStrings()` hears about changes (the
 * elements re-render through StringsController). A <conf-room>'s `strings` property overrides
 * these again for its own subtree (components/i18n/controller.ts).
 *
 * Framework-agnostic, like src/state: `subscribeStrings`/`getStrings` have the
 * `subscribe`/`getSnapshot` shape, so React's `useSyncExternalStore` can read them as they are.
 */
import { defaultStrings, type ConfStrings, type PartialConfStrings } from './strings.js';
import { createLogger } from '../../src/logger.js';

const log = createLogger('conf-kit:i18n');

let current: ConfStrings = defaultStrings;
const listeners = new Set<() => void>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `base` with `overrides` applied in order: keys left out (or `undefined`) keep the base value;
 * record values (connection, errors, deviceChoose, ...) are merged one level deep. Returns `base`
 * itself when there is nothing to apply.
 */
export function mergeStrings(base: ConfStrings, ...overrides: (PartialConfStrings | null | undefined)[]): ConfStrings {
  let out = base;
  for (const override of overrides) {
    if (!override) continue;
    const next: Record<string, unknown> = { ...out };
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) continue;
      const previous = next[key];
      next[key] = isRecord(value) && isRecord(previous) ? { ...previous, ...value } : value;
    }
    out = next as unknown as ConfStrings;
  }
  return out;
}

/** The strings every element uses (unless a <conf-room> overrides them for its subtree). */
export function getStrings(): ConfStrings {
  return current;
}

/**
 * Overrides strings for every element on the page, on top of the earlier overrides:
 * `setStrings(de)` switches to German, `setStrings({ leaveShort: 'Hang up' })` changes one label.
 * Elements that are on the page re-render. `resetStrings()` goes back to English.
 */
export function setStrings(overrides: PartialConfStrings): void {
  const next = mergeStrings(current, overrides);
  if (next === current) return;
  current = next;
  notify();
}

/** Back to the English defaults, then applies `overrides` (if any): a clean locale switch. */
export function resetStrings(overrides?: PartialConfStrings): void {
  current = mergeStrings(defaultStrings, overrides);
  notify();
}

/** Calls `listener` after each change of the global strings; returns the unsubscribe function. */
export function subscribeStrings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      log.error('a strings listener threw', error);
    }
  }
}
