export { ConfMeetings, defaultMeetingUrl, type MeetingsTab } from './conf-meetings.js';
export * from './meetings-events.js';
export { fromLocalInput, parseAttendees, toLocalInput } from './form.js';
