/** Events of <conf-meetings> (docs/meetings.md). Bubbling and composed, like every conf- event. */
import type { Meeting } from '../../src/meetings/types.js';

abstract class MeetingEvent<D> extends CustomEvent<D> {
  constructor(type: string, detail: D) {
    super(type, { bubbles: true, composed: true, detail });
  }
}

/** Join was pressed: open the meeting's room (its id), for example at `/?meeting=ID`. */
export class ConfMeetingJoinEvent extends MeetingEvent<{ meeting: Meeting; url: string }> {
  constructor(detail: { meeting: Meeting; url: string }) {
    super('conf-meeting-join', detail);
  }
}

/** A meeting was created (`created: true`) or edited. */
export class ConfMeetingSavedEvent extends MeetingEvent<{ meeting: Meeting; created: boolean }> {
  constructor(detail: { meeting: Meeting; created: boolean }) {
    super('conf-meeting-saved', detail);
  }
}

/** A meeting was deleted. */
export class ConfMeetingDeletedEvent extends MeetingEvent<{ id: string }> {
  constructor(detail: { id: string }) {
    super('conf-meeting-deleted', detail);
  }
}

/** The invite link was copied (`copied: false` when the clipboard refused; the URL is then shown). */
export class ConfMeetingLinkEvent extends MeetingEvent<{ meeting: Meeting; url: string; copied: boolean }> {
  constructor(detail: { meeting: Meeting; url: string; copied: boolean }) {
    super('conf-meeting-link', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'conf-meeting-join': ConfMeetingJoinEvent;
    'conf-meeting-saved': ConfMeetingSavedEvent;
    'conf-meeting-deleted': ConfMeetingDeletedEvent;
    'conf-meeting-link': ConfMeetingLinkEvent;
  }
}
