/** Pure reducers for the fast-changing levels snapshot. */
import type { LevelsSnapshot } from './types.js';

export const EMPTY_LEVELS: LevelsSnapshot = Object.freeze({ levels: Object.freeze({}), activeSpeaker: null });

/**
 * Applies an `audioLevels` notification: listed users get their level (clamped to 0..1), every
 * other id in `userIds` gets 0. Returns `prev` when nothing changed.
 */
export function applyAudioLevels(
  prev: LevelsSnapshot,
  entries: readonly { userId: string; level: number }[],
  userIds: readonly string[],
): LevelsSnapshot {
  const levels: Record<string, number> = {};
  for (const userId of userIds) levels[userId] = 0;
  for (const { userId, level } of entries) {
    levels[userId] = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
  }
  const prevKeys = Object.keys(prev.levels);
  const keys = Object.keys(levels);
  if (prevKeys.length === keys.length && keys.every((key) => prev.levels[key] === levels[key])) return prev;
  return { ...prev, levels };
}

export function applyActiveSpeaker(prev: LevelsSnapshot, userId: string | null): LevelsSnapshot {
  return prev.activeSpeaker === userId ? prev : { ...prev, activeSpeaker: userId };
}

/** Drops a user that left. */
export function removeLevel(prev: LevelsSnapshot, userId: string): LevelsSnapshot {
  const hasLevel = userId in prev.levels;
  if (!hasLevel && prev.activeSpeaker !== userId) return prev;
  const { [userId]: _removed, ...levels } = prev.levels;
  return {
    levels: hasLevel ? levels : prev.levels,
    activeSpeaker: prev.activeSpeaker === userId ? null : prev.activeSpeaker,
  };
}
