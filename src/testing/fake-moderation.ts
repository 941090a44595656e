/**
 * FakeSession's access control (docs/auth.md), apart to keep fake-session.ts small: moderation
 * calls that behave like the server (`forbidden` without the `admin` grant) and the scripting
 * of what a moderator does to you (`mutedByModerator`, `removed`).
 */
import { ConferenceError } from '../errors.js';
import type { MediaSource, Permissions } from '../protocol/protocol.js';
import type { FakeSession } from './fake-session.js';

/** Every grant: what a meeting host's token gives. */
export const ADMIN_PERMISSIONS: Permissions = Object.freeze({ publish: true, subscribe: true, record: true, admin: true, ingest: false });
/** The defaults of a plain participant token. */
export const DEFAULT_PERMISSIONS: Permissions = Object.freeze({ publish: true, subscribe: true, record: false, admin: false, ingest: false });
/** A listener (`publish: false`): receive-only. */
export const LISTENER_PERMISSIONS: Permissions = Object.freeze({ ...DEFAULT_PERMISSIONS, publish: false });

/** Rejects like the server: `moderationError` when scripted, `forbidden` without admin, `not-found` for unknown users. */
export function checkModeration(fake: FakeSession, method: string, userId?: string): void {
  if (fake.moderationError) throw fake.setError(fake.moderationError.code, fake.moderationError.message);
  if (!fake.snapshot.self.permissions?.admin) throw fake.setError('forbidden', `${method} needs the admin grant`);
  if (userId !== undefined && !fake.snapshot.publishers[userId]) throw fake.setError('not-found', `no participant ${userId} in this room`);
}

export function fakeMute(fake: FakeSession, userId: string, source: MediaSource): void {
  checkModeration(fake, 'muteParticipant', userId);
  if (source === 'mic') fake.updatePublisher(userId, { audioMuted: true });
  else if (source === 'camera') fake.updatePublisher(userId, { videoEnabled: false });
}

export function fakeRemove(fake: FakeSession, userId: string): void {
  checkModeration(fake, 'removeParticipant', userId);
  fake.removePublisher(userId);
}

export function fakeEndForAll(fake: FakeSession): void {
  checkModeration(fake, 'endMeetingForAll');
  fake.state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {} }));
  fake.emit('closed', { reason: 'ended' });
}

/** Scripting: a moderator muted your `source` (mic and camera turn off; the notice is in `self.moderatorMute`). */
export function fakeMutedByModerator(fake: FakeSession, source: MediaSource, by: string): void {
  const off = source === 'mic' ? { audioMuted: true } : source === 'camera' ? { videoEnabled: false } : {};
  fake.setSelf({ ...off, moderatorMute: { source, by } });
}

/** Scripting: a moderator removed you; the session ends for good (error `removed`). */
export function fakeRemoved(fake: FakeSession, by: string): void {
  const error = new ConferenceError('removed', `you were removed from the meeting by ${by}`);
  fake.state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {}, error: { code: error.code, message: error.message } }));
  fake.emit('error', { error });
  fake.emit('closed', { reason: 'removed' });
}
