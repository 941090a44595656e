export { MeetingsClient, apiBase, listQueryString, tokenSubject, type MeetingsClientOptions, type TokenSource } from './MeetingsClient.js';
export type * from './types.js';
