/** Who may join a meeting's room, and who may read a meeting. */
import type { Identity } from '../auth/tokens.js';
import type { Meeting } from './model.js';
import type { MeetingsRepository } from './repository.js';

export type MeetingAccess = 'not-a-meeting' | 'allowed' | 'forbidden';

/** Host, an attendee by userId, or anyone when the meeting is public. */
export function canSeeMeeting(meeting: Meeting, identity: Pick<Identity, 'userId'>): boolean {
  return meeting.public || meeting.hostId === identity.userId || meeting.attendees.some((a) => a.userId === identity.userId);
}

/**
 * The join rule for the signalling layer: a room that is not a meeting behaves as before
 * ('not-a-meeting'); a meeting's room admits its host, its attendees (by userId) and, when the
 * meeting is public, anyone. A room-scoped token (guest tokens are) admits only its own room;
 * `room: '*'` grants no bypass.
 */
export async function checkMeetingAccess(repo: MeetingsRepository, roomId: string, identity: Pick<Identity, 'userId' | 'room'>): Promise<MeetingAccess> {
  const meeting = await repo.get(roomId);
  if (!meeting) return 'not-a-meeting';
  if (identity.room !== '*' && identity.room !== roomId) return 'forbidden';
  return canSeeMeeting(meeting, identity) ? 'allowed' : 'forbidden';
}
