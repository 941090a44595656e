/**
 * The subscriber's repair loop (docs/reliability.md, "Overload"): a remote source without its
 * consumer (a consume that failed for good, a resumeConsumer that failed, a consumer closed under
 * a producer that still exists) is a state to repair, not an end state. While joined, the loop
 * looks for such sources after every failure and tries them again, with a jittered backoff that
 * grows while something stays missing, until nothing is missing.
 */
import type { MediaSource, PublisherInfo } from '../protocol/protocol.js';
import { backoffMs, type BackoffPolicy } from './retry.js';

/** 1 s doubling to 30 s, jittered by up to a half. */
export const REPAIR_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * The producers of wanted users that have no consumer, by userId (users without any left out).
 * Pure: `infos` are the publishers as the connection knows them, `consumed` the producer ids it
 * has consumers for.
 */
export function missingConsumers(
  infos: ReadonlyMap<string, PublisherInfo>,
  consumed: { has(producerId: string): boolean },
  wanted: ReadonlySet<string>,
  sources: ReadonlySet<MediaSource>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const userId of wanted) {
    const info = infos.get(userId);
    if (!info) continue;
    const missing = info.producers.filter((p) => sources.has(p.source) && !consumed.has(p.id)).map((p) => p.id);
    if (missing.length > 0) out.set(userId, missing);
  }
  return out;
}

export interface RepairTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random?: () => number;
}

const realTimers: RepairTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `repair()` after `kick()`, then again with a growing wait while it reports something
 * still missing (it returns how many sources it asked to repair; 0 ends the round).
 */
export class RepairLoop {
  readonly #repair: () => number;
  readonly #timers: RepairTimers;
  readonly #policy: BackoffPolicy;
  #round = 0;
  #timer: unknown = null;

  constructor(repair: () => number, options: { timers?: RepairTimers; policy?: BackoffPolicy } = {}) {
    this.#repair = repair;
    this.#timers = options.timers ?? realTimers;
    this.#policy = options.policy ?? REPAIR_BACKOFF;
  }

  /** Whether a check is scheduled. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Something may be missing: check after the current wait (no-op while a check is scheduled). */
  kick(): void {
    if (this.#timer !== null) return;
    this.#round += 1;
    const delay = backoffMs(this.#round, this.#policy, this.#timers.random);
    this.#timer = this.#timers.setTimeout(() => this.#run(), delay);
  }

  /** Cancels the scheduled check and starts the backoff over. */
  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#round = 0;
  }

  #run(): void {
    this.#timer = null;
    let asked = 0;
    try {
      asked = this.#repair();
    } catch {
      asked = 1; // try again later
    }
    if (asked > 0) this.kick();
    else this.#round = 0;
  }
}
