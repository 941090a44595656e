/**
 * What <conf-connection-banner> shows, from the session's connection state over time
 * (docs/reliability.md). Pure: no Lit, no DOM, no timers.
 */
import type { ConferenceErrorCode, ConnectionState } from '../../src/state/types.js';

/**
 * The session's reconnect attempts before it gives up (`MAX_RECONNECT_ATTEMPTS` in
 * src/session/reconnect.ts; a test keeps them equal). Here, not in the element's module, so that
 * <conf-room> can use it without loading the banner before its first paint.
 */
export const DEFAULT_MAX_ATTEMPTS = 30;

/** `hidden`; `reconnecting` (attempts running); `restored` (back, shown briefly); `failed` (gave up, Rejoin). */
export type BannerPhase = 'hidden' | 'reconnecting' | 'restored' | 'failed';

/** The slice of the session state the banner follows. */
export interface BannerView {
  readonly connection: ConnectionState;
  readonly attempt: number;
  readonly error: ConferenceErrorCode | null;
  readonly roomId: string | null;
}

/** The banner's memory between snapshots. */
export interface BannerMemory {
  readonly phase: BannerPhase;
  /** True from `reconnecting` until the session joins again, connects anew or closes without an error. */
  readonly lost: boolean;
  /** The room being reconnected to (the state's roomId is null once closed): Rejoin joins it. */
  readonly roomId: string | null;
}

export const INITIAL_MEMORY: BannerMemory = { phase: 'hidden', lost: false, roomId: null };

/**
 * The next memory after `view`. A session that closes while reconnecting, with an error, gave up
 * (`server-unreachable` after the attempts, or a final error): `failed`. One that closes without
 * an error was left on purpose (`leave()` while reconnecting): hidden. The error arrives in its own
 * snapshot right after `closed`, so `lost` waits for it.
 */
export function nextMemory(memory: BannerMemory, view: BannerView): BannerMemory {
  const roomId = view.roomId ?? memory.roomId;
  switch (view.connection) {
    case 'reconnecting':
      return { phase: 'reconnecting', lost: true, roomId };
    case 'joined':
      return { phase: memory.lost || memory.phase === 'restored' ? 'restored' : 'hidden', lost: false, roomId };
    case 'closed':
      if (!memory.lost) return { ...memory, phase: memory.phase === 'failed' ? 'failed' : 'hidden', roomId };
      return view.error ? { phase: 'failed', lost: false, roomId } : { phase: 'hidden', lost: true, roomId };
    default:
      return { phase: 'hidden', lost: false, roomId };
  }
}
