/**
 * Strings of <conf-chat>, <conf-chat-button> and <conf-meetings> (docs/meetings.md), part of
 * ConfStrings (docs/i18n.md). English here; German in ./locales/de.ts (`meetingsDe`).
 */
export interface MeetingsStrings {
  // --- <conf-chat>, <conf-chat-button> ---
  chatTitle: string;
  chatOpen: string;
  chatClose: string;
  /** The chat button's label with unread messages. */
  chatUnread: (count: number) => string;
  chatMessagesLabel: string;
  chatInputLabel: string;
  chatPlaceholder: string;
  chatSend: string;
  chatEmpty: string;
  chatDisabled: string;
  chatYou: string;
  /** Hidden text before each message: who and when. */
  chatFrom: (name: string, time: string) => string;
  chatTooLong: (max: number) => string;
  // --- <conf-meetings> ---
  meetingsTitle: string;
  meetingsUpcoming: string;
  meetingsPast: string;
  meetingsNone: string;
  meetingsLoading: string;
  meetingsNew: string;
  meetingsPage: (page: number, pages: number) => string;
  meetingsPrev: string;
  meetingsNext: string;
  meetingJoin: string;
  meetingCopyLink: string;
  meetingLinkCopied: string;
  meetingEdit: string;
  meetingDelete: string;
  meetingDeleteConfirm: (name: string) => string;
  meetingHostedBy: (hostId: string) => string;
  meetingWhen: (start: string, end: string) => string;
  meetingFormCreate: string;
  meetingFormEdit: string;
  meetingName: string;
  meetingStart: string;
  meetingEnd: string;
  meetingAttendees: string;
  meetingAttendeesHint: string;
  meetingRecord: string;
  meetingPublic: string;
  meetingChat: string;
  meetingSave: string;
  meetingCancel: string;
  meetingFlags: { public: string; private: string; record: string; chat: string };
}

export const meetingsEn: MeetingsStrings = {
  chatTitle: 'Chat',
  chatOpen: 'Open chat',
  chatClose: 'Close chat',
  chatUnread: (n) => `Open chat, ${n} unread ${n === 1 ? 'message' : 'messages'}`,
  chatMessagesLabel: 'Chat messages',
  chatInputLabel: 'Message',
  chatPlaceholder: 'Write a message…',
  chatSend: 'Send',
  chatEmpty: 'No messages yet.',
  chatDisabled: 'Chat is off in this meeting.',
  chatYou: 'You',
  chatFrom: (name, time) => `${name} at ${time}:`,
  chatTooLong: (max) => `At most ${max} characters.`,
  meetingsTitle: 'My meetings',
  meetingsUpcoming: 'Upcoming',
  meetingsPast: 'Past',
  meetingsNone: 'No meetings.',
  meetingsLoading: 'Loading meetings…',
  meetingsNew: 'New meeting',
  meetingsPage: (page, pages) => `Page ${page} of ${pages}`,
  meetingsPrev: 'Previous page',
  meetingsNext: 'Next page',
  meetingJoin: 'Join',
  meetingCopyLink: 'Copy link',
  meetingLinkCopied: 'Link copied',
  meetingEdit: 'Edit',
  meetingDelete: 'Delete',
  meetingDeleteConfirm: (name) => `Delete “${name}”?`,
  meetingHostedBy: (hostId) => `Host: ${hostId}`,
  meetingWhen: (start, end) => `${start} – ${end}`,
  meetingFormCreate: 'New meeting',
  meetingFormEdit: 'Edit meeting',
  meetingName: 'Name',
  meetingStart: 'Start',
  meetingEnd: 'End',
  meetingAttendees: 'Attendees',
  meetingAttendeesHint: 'User ids or emails, comma separated',
  meetingRecord: 'Record',
  meetingPublic: 'Public (anyone with the link may join as a guest)',
  meetingChat: 'Chat',
  meetingSave: 'Save',
  meetingCancel: 'Cancel',
  meetingFlags: { public: 'public', private: 'private', record: 'recorded', chat: 'chat' },
};

export const meetingsDe: MeetingsStrings = {
  chatTitle: 'Nachrichten',
  chatOpen: 'Chat öffnen',
  chatClose: 'Chat schließen',
  chatUnread: (n) => `Chat öffnen, ${n} ${n === 1 ? 'ungelesene Nachricht' : 'ungelesene Nachrichten'}`,
  chatMessagesLabel: 'Chatnachrichten',
  chatInputLabel: 'Nachricht',
  chatPlaceholder: 'Nachricht schreiben…',
  chatSend: 'Senden',
  chatEmpty: 'Noch keine Nachrichten.',
  chatDisabled: 'Der Chat ist in diesem Meeting aus.',
  chatYou: 'Du',
  chatFrom: (name, time) => `${name} um ${time}:`,
  chatTooLong: (max) => `Höchstens ${max} Zeichen.`,
  meetingsTitle: 'Meine Meetings',
  meetingsUpcoming: 'Anstehend',
  meetingsPast: 'Vergangen',
  meetingsNone: 'Keine Meetings.',
  meetingsLoading: 'Meetings werden geladen…',
  meetingsNew: 'Neues Meeting',
  meetingsPage: (page, pages) => `Seite ${page} von ${pages}`,
  meetingsPrev: 'Vorherige Seite',
  meetingsNext: 'Nächste Seite',
  meetingJoin: 'Beitreten',
  meetingCopyLink: 'Link kopieren',
  meetingLinkCopied: 'Link kopiert',
  meetingEdit: 'Bearbeiten',
  meetingDelete: 'Löschen',
  meetingDeleteConfirm: (name) => `„${name}“ löschen?`,
  meetingHostedBy: (hostId) => `Gastgeber: ${hostId}`,
  meetingWhen: (start, end) => `${start} – ${end}`,
  meetingFormCreate: 'Neues Meeting',
  meetingFormEdit: 'Meeting bearbeiten',
  meetingName: 'Bezeichnung',
  meetingStart: 'Beginn',
  meetingEnd: 'Ende',
  meetingAttendees: 'Teilnehmende',
  meetingAttendeesHint: 'Benutzer-IDs oder E-Mails, durch Kommas getrennt',
  meetingRecord: 'Aufzeichnen',
  meetingPublic: 'Öffentlich (mit dem Link als Gast beitreten)',
  meetingChat: 'Chat aktivieren',
  meetingSave: 'Speichern',
  meetingCancel: 'Abbrechen',
  meetingFlags: { public: 'öffentlich', private: 'privat', record: 'aufgezeichnet', chat: 'Chat' },
};
